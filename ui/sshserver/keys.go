package sshserver

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// keySet is an authorized_keys file, re-read when it changes so that keys
// can be added or revoked without a restart. A file that stops parsing
// authorises nobody until it is fixed (fail closed).
type keySet struct {
	path string

	mu      sync.Mutex
	modTime time.Time
	size    int64
	keys    map[string]string // marshalled key -> comment
	err     error
}

// loadKeySet reads path once to report problems at start-up.
func loadKeySet(path string) (*keySet, error) {
	k := &keySet{path: path}
	if err := k.refresh(); err != nil {
		return nil, err
	}
	return k, nil
}

func (k *keySet) refresh() error {
	fi, err := os.Stat(k.path)
	if err != nil {
		k.keys, k.err = nil, err
		return err
	}
	if k.keys != nil && fi.ModTime().Equal(k.modTime) && fi.Size() == k.size {
		return k.err
	}
	data, err := os.ReadFile(k.path)
	if err != nil {
		k.keys, k.err = nil, err
		return err
	}
	keys, err := parseAuthorizedKeys(data)
	k.modTime, k.size = fi.ModTime(), fi.Size()
	if err != nil {
		k.keys, k.err = map[string]string{}, fmt.Errorf("%s: %w", k.path, err)
		return k.err
	}
	k.keys, k.err = keys, nil
	return nil
}

// lookup reports whether pk is in the file, and the key's comment.
func (k *keySet) lookup(pk gossh.PublicKey) (string, bool) {
	if k == nil || pk == nil {
		return "", false
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.refresh() != nil {
		return "", false
	}
	c, ok := k.keys[string(pk.Marshal())]
	return c, ok
}

// parseAuthorizedKeys parses an authorized_keys file. A key with options
// (from=, command=, restrict…) is skipped: qsched cannot honour them, and
// ignoring them would grant more than the line says.
func parseAuthorizedKeys(data []byte) (map[string]string, error) {
	keys := map[string]string{}
	for n, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		pk, comment, opts, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: not a public key", n+1)
		}
		if len(opts) > 0 {
			continue
		}
		keys[string(pk.Marshal())] = comment
	}
	return keys, nil
}
