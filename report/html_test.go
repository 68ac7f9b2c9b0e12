package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// demoHTML writes the demo's report for the fixed date.
func demoHTML(t testing.TB) []byte {
	t.Helper()
	r := demoRoadmap(t, demoToday)
	rep := Build(r, Options{Today: demoToday, Since: demoToday.AddDate(0, -3, 0), Changes: demoChanges()})
	var b bytes.Buffer
	if err := WriteHTML(&b, rep, "test"); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDemoGolden(t *testing.T) {
	got := demoHTML(t)
	path := filepath.Join("testdata", "demo.html.golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the demo's report differs from %s (run go test ./report -run TestDemoGolden -update to accept)", path)
	}
}
