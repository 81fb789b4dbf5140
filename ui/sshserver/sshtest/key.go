package sshtest

import (
	"crypto/ed25519"
	"crypto/rand"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// NewSigner returns a fresh ed25519 key and its authorized_keys line
// (without a comment).
func NewSigner(t testing.TB) (gossh.Signer, []byte) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s, gossh.MarshalAuthorizedKey(s.PublicKey())
}
