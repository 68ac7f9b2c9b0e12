//go:build unix

package atomicfile

import (
	"errors"
	"os"
	"syscall"
)

// keepOwner gives a replacement the owner and group of the file it
// replaces, where the process may (root may; others only keep their own
// group); a failure leaves the replacement the process's own.
func keepOwner(path string, old os.FileInfo) {
	st, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return
	}
	if int(st.Uid) == os.Geteuid() && int(st.Gid) == os.Getegid() {
		return
	}
	_ = os.Lchown(path, int(st.Uid), int(st.Gid))
}

// dirSyncUnsupported reports an fsync error that means the file system
// cannot sync folders, rather than that syncing failed.
func dirSyncUnsupported(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, errors.ErrUnsupported)
}
