package store

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"maturity/roadmap"
)

// TestOwnersStoredNormalised: add and edit store the owner field as
// roadmap.NormalizeOwner gives it; an edit to the same names in another
// spelling of the list records nothing.
func TestOwnersStoredNormalised(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	in := ini("Shared work", "automation", 1)
	in.Owner = " sam,kim,, Sam "
	added := mustAdd(t, s, in)
	if added.Owner != "sam, kim" {
		t.Errorf("added owner %q, want \"sam, kim\"", added.Owner)
	}
	got, err := s.Edit(ctx0, added.ID, roadmap.Patch{Owner: ptr("kim ,sam")}, Options{})
	if err != nil || got.Owner != "kim, sam" {
		t.Fatalf("edited owner %q, %v; want \"kim, sam\"", got.Owner, err)
	}
	r := mustLoad(t, s)
	if in, _ := r.Get(added.ID); in.Owner != "kim, sam" {
		t.Errorf("loaded owner %q, want \"kim, sam\"", in.Owner)
	}
}

// TestDumpKeepsOwnerAsStored: a dump of a database written before owners
// were normalised ("sam,kim") restores as it was; an owner with
// surrounding space is still refused.
func TestDumpKeepsOwnerAsStored(t *testing.T) {
	t.Parallel()
	valid := dumpText(t, richStore(t))
	dumpWith := func(owner string) *bytes.Buffer {
		var d Dump
		if err := json.Unmarshal([]byte(valid), &d); err != nil {
			t.Fatal(err)
		}
		d.Initiatives[0].Owner = owner
		var b bytes.Buffer
		if err := writeDump(&b, &d); err != nil {
			t.Fatal(err)
		}
		return &b
	}
	b := dumpWith("sam,kim")
	text := b.String()
	d, m, err := ParseDump(b)
	if err != nil {
		t.Fatal(err)
	}
	dst := openAt(t, dbPath(t))
	if err := dst.Restore(ctx0, d, m); err != nil {
		t.Fatal(err)
	}
	if again := dumpText(t, dst); again != text {
		t.Errorf("the restored dump differs:\n%s\n%s", text, again)
	}
	in, _ := mustLoad(t, dst).Get(d.Initiatives[0].ID)
	if in.Owner != "sam,kim" || !roadmap.HasOwner(in.Owner, "kim") {
		t.Errorf("restored owner %q, want \"sam,kim\" matching kim", in.Owner)
	}

	_, _, err = ParseDump(dumpWith(" sam"))
	if err == nil || !strings.Contains(err.Error(), "not in canonical form") {
		t.Errorf("an owner with surrounding space: err = %v, want the canonical form refusal", err)
	}
}
