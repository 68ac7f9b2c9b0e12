//go:build unix

package e2e

import "syscall"

// sigquit makes a hung Go program print its goroutines and exit.
var sigquit = syscall.SIGQUIT
