//go:build !unix

package atomicfile

import "os"

func keepOwner(string, os.FileInfo) {}

// dirSyncUnsupported: folders cannot be synced outside Unix.
func dirSyncUnsupported(error) bool { return true }
