package model

// DecodesFast reports whether DecodeResponse's fast path takes b.
func DecodesFast(b []byte) bool { _, ok := decodeResponseFast(b); return ok }
