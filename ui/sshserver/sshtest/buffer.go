// Package sshtest holds what the SSH tests of the server and of
// `qsched serve` share: a terminal buffer that says when it changes.
package sshtest

import (
	"bytes"
	"sync"
)

// Buffer is a bytes.Buffer safe for one writer and many readers, with a
// channel signalled on every write (a test waits on it for the text it
// expects instead of sleeping). The zero value is ready.
type Buffer struct {
	mu  sync.Mutex
	b   bytes.Buffer
	sig chan struct{}
}

func (b *Buffer) init() {
	if b.sig == nil {
		b.sig = make(chan struct{}, 1)
	}
}

// Write appends p and signals Changed.
func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.init()
	n, err := b.b.Write(p)
	select {
	case b.sig <- struct{}{}:
	default:
	}
	return n, err
}

// String is everything written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// Changed is signalled after writes (at most one pending signal).
func (b *Buffer) Changed() <-chan struct{} {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.init()
	return b.sig
}
