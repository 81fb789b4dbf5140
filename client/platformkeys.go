package client

// PlatformKeys are the POD keys of the preset platforms, in table order
// (for completion and help).
func PlatformKeys() []string {
	out := make([]string, len(platforms))
	for i, p := range platforms {
		out[i] = p.Key
	}
	return out
}
