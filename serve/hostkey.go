package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"
)

// HostKey reads the server's private host key at path, or, when there is
// no file there, makes a new ed25519 key and writes it there (mode 0600,
// never over a file that appears meanwhile). A key file that others may
// read is refused, as OpenSSH refuses one: whoever reads it can pose as
// the server. created says the key is new.
func HostKey(path string) (signer gossh.Signer, data []byte, created bool, err error) {
	data, err = os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		data, err = newHostKey(path)
		created = true
	}
	if err != nil {
		return nil, nil, false, fmt.Errorf("host key %s: %w", path, err)
	}
	if !created {
		st, err := os.Stat(path)
		if err != nil {
			return nil, nil, false, fmt.Errorf("host key %s: %w", path, err)
		}
		if st.Mode().Perm()&0o077 != 0 {
			return nil, nil, false, fmt.Errorf("host key %s may be read by others (mode %04o): make it private with 'chmod 600 %s'", path, st.Mode().Perm(), path)
		}
	}
	signer, err = gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, nil, false, fmt.Errorf("host key %s is not a private key without a passphrase: %v", path, err)
	}
	return signer, data, created, nil
}

func newHostKey(path string) ([]byte, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "maturity serve host key")
	if err != nil {
		return nil, err
	}
	data := pem.EncodeToMemory(block)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return nil, err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return nil, err
	}
	return data, f.Close()
}
