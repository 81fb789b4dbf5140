package scriptform

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// DraftStore keeps half-filled forms, one file per draft in Dir, so that
// they can be offered again on the next start. A draft is named by an id
// the store gives it (NewID); the file is <Dir>/<id>.json.
type DraftStore struct {
	Dir string
	Now func() time.Time
}

// SavedDraft is a draft, its id in the store and when it was saved.
type SavedDraft struct {
	ID      string    `json:"-"` // the file's name; not in the file
	SavedAt time.Time `json:"savedAt"`
	Draft   Draft     `json:"draft"`
}

// DefaultDraftDir is $XDG_STATE_HOME/qsched/drafts/<name>, falling back to
// ~/.local/state.
func DefaultDraftDir(getenv func(string) string, name string) (string, error) {
	dir := getenv("XDG_STATE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "qsched", "drafts", name), nil
}

// validID is what NewID makes; anything else is refused, so that an id
// never names a file outside Dir.
var validID = regexp.MustCompile(`^[0-9A-Za-z-]{1,64}$`)

// NewID names a new draft: when it was started (UTC, so that ids sort as
// they were made) and four random bytes, unique among the drafts of
// several sessions started in the same second.
func (s DraftStore) NewID() string {
	var b [4]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand)
	return s.now().UTC().Format("20060102-150405") + "-" + hex.EncodeToString(b[:])
}

func (s DraftStore) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s DraftStore) path(id string) (string, error) {
	if !validID.MatchString(id) {
		return "", fmt.Errorf("draft id %q is not one qsched made", id)
	}
	return filepath.Join(s.Dir, id+".json"), nil
}

// Save writes the draft id atomically (a temporary file renamed over the
// old one), readable by the user only.
func (s DraftStore) Save(id string, d Draft) error {
	path, err := s.path(id)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(SavedDraft{SavedAt: s.now().UTC(), Draft: d}, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(s.Dir, ".draft-*")
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
	return os.Rename(tmp.Name(), path)
}

// Load returns the draft id; ok is false when there is none or it holds
// nothing worth keeping. A file that cannot be read as a draft is
// reported, not silently dropped.
func (s DraftStore) Load(id string) (SavedDraft, bool, error) {
	path, err := s.path(id)
	if err != nil {
		return SavedDraft{}, false, err
	}
	sd, ok, err := readDraft(path)
	sd.ID = id
	return sd, ok, err
}

func readDraft(path string) (SavedDraft, bool, error) {
	var sd SavedDraft
	b, err := os.ReadFile(path)
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

// List returns every saved draft, the newest first. A file that cannot
// be read is named in the error (one line per file) and the others are
// still returned. The single draft file of earlier versions
// (<Dir>.json) is moved into Dir first, so that it is listed too.
func (s DraftStore) List() ([]SavedDraft, error) {
	var problems []string
	if err := s.adoptLegacy(); err != nil {
		problems = append(problems, err.Error())
	}
	entries, err := os.ReadDir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, joinLines(problems)
	}
	if err != nil {
		return nil, err
	}
	var out []SavedDraft
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok || e.IsDir() || !validID.MatchString(id) {
			continue // temporary files and anything not ours
		}
		sd, ok, err := s.Load(id)
		switch {
		case err != nil:
			problems = append(problems, "draft "+id+": "+strings.ReplaceAll(err.Error(), "\n", " "))
		case ok:
			out = append(out, sd)
		}
	}
	slices.SortFunc(out, func(a, b SavedDraft) int {
		return cmp.Or(b.SavedAt.Compare(a.SavedAt), strings.Compare(b.ID, a.ID))
	})
	return out, joinLines(problems)
}

// adoptLegacy moves <Dir>.json, the one draft earlier versions kept, into
// Dir under a new id.
func (s DraftStore) adoptLegacy() error {
	old := filepath.Clean(s.Dir) + ".json"
	if _, err := os.Stat(old); err != nil {
		return nil
	}
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return err
	}
	path, _ := s.path(s.NewID())
	if err := os.Rename(old, path); err != nil {
		return fmt.Errorf("the draft %s could not be moved into %s: %w", old, s.Dir, err)
	}
	return nil
}

func joinLines(lines []string) error {
	if len(lines) == 0 {
		return nil
	}
	return errors.New(strings.Join(lines, "; "))
}

// Delete removes the draft id; a missing one is fine.
func (s DraftStore) Delete(id string) error {
	path, err := s.path(id)
	if err != nil {
		return err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
