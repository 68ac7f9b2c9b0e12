package progname

import "testing"

func TestOfTellsGoRunFromABinary(t *testing.T) {
	hash := "03d918f2f6b7c3c06e603b74712127454b9d40f89b675751748c02addb0e4c85"
	for _, c := range []struct{ arg0, want string }{
		{"/tmp/go-build1661498934/b001/exe/maturity", "go run ."},
		{"/var/folders/x/T/go-build42/b001/exe/maturity", "go run ."},
		{`C:\Users\dana\AppData\Local\Temp\go-build123\b001\exe\maturity.exe`, "go run ."},
		{"/root/.cache/go-build/03/" + hash + "-d/maturity", "go run ."},
		{"/home/dana/ci-cache/03/" + hash + "-d/maturity", "go run ."},
		{"maturity", "maturity"},
		{"./maturity", "maturity"},
		{"/home/dana/go/bin/maturity", "maturity"},
		{"/tmp/go-build1661498934/b001/cli.test", "maturity"}, // go test, not go run
		{"/tmp/exe/maturity", "maturity"},
		{"/root/.cache/go-build/03/" + hash[:60] + "-d/maturity", "maturity"},
		{"", "maturity"},
	} {
		if got := of(c.arg0); got != c.want {
			t.Errorf("of(%q) = %q, want %q", c.arg0, got, c.want)
		}
	}
}

func TestCommandAddsTheArguments(t *testing.T) {
	name := Command("")
	if got, want := Command("add TITLE"), name+" add TITLE"; got != want {
		t.Errorf("Command(%q) = %q, want %q", "add TITLE", got, want)
	}
}
