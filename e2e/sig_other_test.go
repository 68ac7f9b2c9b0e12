//go:build !unix

package e2e

import "os"

// sigquit: without SIGQUIT a hung program is simply killed.
var sigquit = os.Kill
