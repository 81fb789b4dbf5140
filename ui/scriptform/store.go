package scriptform

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// DraftStore keeps one half-filled form in a file of the user's state
// directory, so that it can be offered again on the next start.
type DraftStore struct {
	Path string
	Now  func() time.Time
}

// SavedDraft is a draft and when it was saved.
type SavedDraft struct {
	SavedAt time.Time `json:"savedAt"`
	Draft   Draft     `json:"draft"`
}

// DefaultDraftPath is $XDG_STATE_HOME/qsched/drafts/<name>.json, falling
// back to ~/.local/state.
func DefaultDraftPath(getenv func(string) string, name string) (string, error) {
	dir := getenv("XDG_STATE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "qsched", "drafts", name+".json"), nil
}

// Save writes the draft atomically (a temporary file renamed over the old
// one), readable by the user only.
func (s DraftStore) Save(d Draft) error {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	b, err := json.MarshalIndent(SavedDraft{SavedAt: now().UTC(), Draft: d}, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(s.Path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.Path), ".draft-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), s.Path)
}

// Load returns the saved draft; ok is false when there is none. A file
// that cannot be read as a draft is reported, not silently dropped.
func (s DraftStore) Load() (SavedDraft, bool, error) {
	var sd SavedDraft
	b, err := os.ReadFile(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return sd, false, nil
	}
	if err != nil {
		return sd, false, err
	}
	if err := json.Unmarshal(b, &sd); err != nil {
		return sd, false, err
	}
	return sd, !sd.Draft.Empty(), nil
}

// Delete removes the draft; a missing one is fine.
func (s DraftStore) Delete() error {
	if err := os.Remove(s.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
