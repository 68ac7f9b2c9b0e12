package e2e

import (
	"encoding/json"

	"maturity/store"
)

// encodeDump writes a dump held in memory as JSON that import reads, for
// the crafted dumps of the bad-input cases. It is not byte for byte what
// export writes (store's own tests hold that); what matters is that the
// one change a case makes is the only thing wrong with its file, which
// TestCraftedDumpRestores and writeBadInputFiles check on the unchanged
// dumps.
func encodeDump(d *store.Dump) ([]byte, error) {
	return json.MarshalIndent(d, "", "  ")
}
