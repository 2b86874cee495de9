// Package history keeps the requests sent from the hsx terminal UI, in this run and earlier
// ones, in one JSON file under the user's state directory.
//
// The file is replaced atomically (a temporary file in the same directory, flushed to disk,
// then renamed over the old one), so a crash never leaves half a history. A file that cannot
// be read as a history is never dropped silently: Load moves it aside to
// "history.json.damaged-<time>" and reports that with a *DamagedError. Header values are stored
// as they were typed, secrets included; the file is readable by its owner only.
package history

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

// DefaultMax is how many entries a Store keeps when its Max is zero.
const DefaultMax = 200

// FileName is the name of the history file in its directory.
const FileName = "history.json"

// Entry is one request that was sent.
type Entry struct {
	Time   time.Time
	Method string
	URL    string
	// Header holds the request's header fields as typed, secrets included; Omit names the
	// fields of hsx's own that were not sent (curl's -H 'Name:').
	Header []probe.Field
	Omit   []string
	Body   string
	// Status is the final response's status code; 0 when no response arrived.
	Status int
	// Insecure and FollowRedirects are the request's -k and -L; Compressed, PathAsIs and
	// HTTP10 its --compressed, --path-as-is and -0; Timeout and ConnectTimeout its -m and
	// --connect-timeout (zero for none).
	Insecure        bool
	FollowRedirects bool
	Compressed      bool
	PathAsIs        bool
	HTTP10          bool
	Timeout         time.Duration
	ConnectTimeout  time.Duration
	// LabPath is set when the request went to the built-in lab of the run that sent it: the
	// URL's path and query relative to the lab ("/204/body"). The lab listens on a new port in
	// each run, so such an entry is sent again with Rebase. URL keeps the URL as it was sent.
	LabPath string
}

// FromRequest returns the entry for req, sent at t, that got a final status (0 for none).
func FromRequest(req probe.Request, status int, t time.Time) Entry {
	return Entry{
		Time:            t,
		Method:          req.Method,
		URL:             req.URL,
		Header:          slices.Clone(req.Header),
		Omit:            slices.Clone(req.Omit),
		Body:            string(req.Body),
		Status:          status,
		Insecure:        req.Insecure,
		FollowRedirects: req.FollowRedirects,
		Compressed:      req.Compressed,
		PathAsIs:        req.PathAsIs,
		HTTP10:          req.HTTP10,
		Timeout:         req.Timeout,
		ConnectTimeout:  req.ConnectTimeout,
	}
}

// Request returns the request the entry describes.
func (e Entry) Request() probe.Request {
	req := probe.Request{
		Method:          e.Method,
		URL:             e.URL,
		Header:          slices.Clone(e.Header),
		Omit:            slices.Clone(e.Omit),
		Insecure:        e.Insecure,
		FollowRedirects: e.FollowRedirects,
		Compressed:      e.Compressed,
		PathAsIs:        e.PathAsIs,
		HTTP10:          e.HTTP10,
		Timeout:         e.Timeout,
		ConnectTimeout:  e.ConnectTimeout,
	}
	if e.Body != "" {
		req.Body = []byte(e.Body)
	}
	return req
}

// InLab returns e with LabPath set when its URL points into the lab whose base URL is labURL
// (as the ui's Options.LabURL, without a trailing slash); otherwise e as it is.
func (e Entry) InLab(labURL string) Entry {
	if labURL == "" || !strings.HasPrefix(e.URL, labURL) {
		return e
	}
	rest := e.URL[len(labURL):]
	switch {
	case rest == "":
		rest = "/"
	case rest[0] != '/' && rest[0] != '?':
		return e // another port or host that starts with the same digits
	case rest[0] == '?':
		rest = "/" + rest
	}
	e.LabPath = rest
	return e
}

// Rebase returns e pointed at the lab whose base URL is labURL when e is a lab request, so that
// an entry of an earlier run reaches the lab of this one. Other entries, and every entry when
// labURL is empty, come back as they were sent.
func (e Entry) Rebase(labURL string) Entry {
	if e.LabPath != "" && labURL != "" {
		e.URL = labURL + e.LabPath
	}
	return e
}

// SameRequest reports whether a and b describe the same request, time and status aside. Two
// lab requests are the same when they have the same path in the lab, whichever port it had.
func SameRequest(a, b Entry) bool {
	if a.LabPath != b.LabPath || (a.LabPath == "" && a.URL != b.URL) {
		return false
	}
	return a.Method == b.Method && a.Body == b.Body &&
		a.Insecure == b.Insecure && a.FollowRedirects == b.FollowRedirects &&
		a.Compressed == b.Compressed && a.PathAsIs == b.PathAsIs && a.HTTP10 == b.HTTP10 &&
		a.Timeout == b.Timeout && a.ConnectTimeout == b.ConnectTimeout &&
		slices.Equal(a.Omit, b.Omit) &&
		slices.EqualFunc(a.Header, b.Header, func(x, y probe.Field) bool {
			return x.Name == y.Name && x.Value == y.Value
		})
}

// DamagedError reports a history file that could not be read. The file was moved to Moved,
// so that nothing is lost and the next Add starts a fresh history.
type DamagedError struct {
	// Path is where the history file was; Moved is where it is now.
	Path, Moved string
	// Err says what is wrong with its contents.
	Err error
}

// Error says which file was damaged, why, and where it went.
func (e *DamagedError) Error() string {
	return fmt.Sprintf("history file %s is damaged (%v); it was moved to %s", e.Path, e.Err, e.Moved)
}

// Unwrap returns what is wrong with the file's contents.
func (e *DamagedError) Unwrap() error { return e.Err }

// Store is a history file.
type Store struct {
	// Path is the history file; see DefaultPath.
	Path string
	// Max is how many entries are kept, the newest; zero means DefaultMax.
	Max int
}

// DefaultPath returns where the history lives: $XDG_STATE_HOME/hsx/history.json when
// XDG_STATE_HOME is set, otherwise the platform's place for application state
// (~/.local/state on Unix, ~/Library/Application Support on macOS, %LocalAppData% on Windows).
func DefaultPath() (string, error) {
	dir, err := stateDir()
	if err != nil {
		return "", fmt.Errorf("history: no state directory: %w", err)
	}
	return filepath.Join(dir, "hsx", FileName), nil
}

// PathIn returns the history file's path in the directory dir.
func PathIn(dir string) string { return filepath.Join(dir, FileName) }

// file is the on-disk form of a history.
type file struct {
	Version int         `json:"version"`
	Entries []fileEntry `json:"entries"`
}

type fileEntry struct {
	Time            time.Time   `json:"time"`
	Method          string      `json:"method"`
	URL             string      `json:"url"`
	Header          [][2]string `json:"header,omitempty"`
	Body            string      `json:"body,omitempty"`
	Status          int         `json:"status,omitempty"`
	Insecure        bool        `json:"insecure,omitempty"`
	FollowRedirects bool        `json:"follow_redirects,omitempty"`
	LabPath         string      `json:"lab_path,omitempty"`
	// Added after the first files were written: a file without them reads as their zero
	// values. Durations are written as Go writes them ("2.5s").
	Omit           []string `json:"omit,omitempty"`
	Compressed     bool     `json:"compressed,omitempty"`
	PathAsIs       bool     `json:"path_as_is,omitempty"`
	HTTP10         bool     `json:"http10,omitempty"`
	Timeout        duration `json:"timeout,omitempty"`
	ConnectTimeout duration `json:"connect_timeout,omitempty"`
}

// duration is a time.Duration written in JSON as a string such as "30s".
type duration time.Duration

// MarshalText writes d as time.Duration's String does.
func (d duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }

// UnmarshalText reads what MarshalText writes.
func (d *duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("duration %q: %w", b, err)
	}
	*d = duration(v)
	return nil
}

const version = 1

// Load returns the entries, newest first. A missing or empty file is an empty history. A file that is
// not a history this version can read is moved aside and reported with a *DamagedError, along
// with an empty history.
func (s Store) Load() ([]Entry, error) {
	data, err := os.ReadFile(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil // nothing to lose
	}
	entries, perr := decode(data)
	if perr == nil {
		return entries, nil
	}
	moved, err := setAside(s.Path)
	if err != nil {
		return nil, fmt.Errorf("history file %s is damaged (%v) and could not be moved aside: %w", s.Path, perr, err)
	}
	return nil, &DamagedError{Path: s.Path, Moved: moved, Err: perr}
}

// decode reads a history file.
func decode(data []byte) ([]Entry, error) {
	var f file
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&f); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("data after the history")
	}
	if f.Version != version {
		return nil, fmt.Errorf("unknown version %d", f.Version)
	}
	entries := make([]Entry, 0, len(f.Entries))
	for _, fe := range f.Entries {
		e := Entry{
			Time: fe.Time, Method: fe.Method, URL: fe.URL, Body: fe.Body, Status: fe.Status,
			Insecure: fe.Insecure, FollowRedirects: fe.FollowRedirects, LabPath: fe.LabPath,
			Omit: fe.Omit, Compressed: fe.Compressed, PathAsIs: fe.PathAsIs, HTTP10: fe.HTTP10,
			Timeout: time.Duration(fe.Timeout), ConnectTimeout: time.Duration(fe.ConnectTimeout),
		}
		for _, h := range fe.Header {
			e.Header = append(e.Header, probe.Field{Name: h[0], Value: h[1], Line: -1})
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// encode writes a history file.
func encode(entries []Entry) ([]byte, error) {
	f := file{Version: version, Entries: make([]fileEntry, 0, len(entries))}
	for _, e := range entries {
		fe := fileEntry{
			Time: e.Time.UTC(), Method: e.Method, URL: e.URL, Body: e.Body, Status: e.Status,
			Insecure: e.Insecure, FollowRedirects: e.FollowRedirects, LabPath: e.LabPath,
			Omit: e.Omit, Compressed: e.Compressed, PathAsIs: e.PathAsIs, HTTP10: e.HTTP10,
			Timeout: duration(e.Timeout), ConnectTimeout: duration(e.ConnectTimeout),
		}
		for _, h := range e.Header {
			fe.Header = append(fe.Header, [2]string{h.Name, h.Value})
		}
		f.Entries = append(f.Entries, fe)
	}
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// setAside renames a damaged file to "<path>.damaged-<UTC time>", with a counter when that
// name is taken, and returns the new path.
func setAside(path string) (string, error) {
	base := path + ".damaged-" + time.Now().UTC().Format("20060102T150405Z")
	for i := 0; i < 100; i++ {
		moved := base
		if i > 0 {
			moved = fmt.Sprintf("%s-%d", base, i)
		}
		if _, err := os.Lstat(moved); !errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := os.Rename(path, moved); err != nil {
			return "", err
		}
		return moved, nil
	}
	return "", errors.New("too many damaged history files")
}

// Add records e as the newest entry and writes the file atomically, keeping the newest Max
// entries. An entry for the same request as the newest one replaces it (with the new time and
// status) instead of repeating it. When the file on disk was damaged, it is moved aside, the
// entry is saved in a fresh history, and the *DamagedError is returned.
func (s Store) Add(e Entry) error {
	entries, err := s.Load()
	var damaged *DamagedError
	if err != nil && !errors.As(err, &damaged) {
		return err
	}
	if len(entries) > 0 && SameRequest(entries[0], e) {
		entries = entries[1:]
	}
	entries = append([]Entry{e}, entries...)
	limit := s.Max
	if limit <= 0 {
		limit = DefaultMax
	}
	entries = entries[:min(len(entries), limit)]
	data, err := encode(entries)
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	if err := writeAtomic(s.Path, data); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	if damaged != nil {
		return damaged
	}
	return nil
}

// Remove deletes every entry for the same request as e (see SameRequest) and writes the file
// atomically. A missing file stays missing. A damaged file is moved aside as Load does, and
// the *DamagedError is returned.
func (s Store) Remove(e Entry) error {
	entries, err := s.Load()
	if err != nil {
		return err
	}
	if entries == nil {
		return nil
	}
	kept := slices.DeleteFunc(entries, func(o Entry) bool { return SameRequest(o, e) })
	data, err := encode(kept)
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	if err := writeAtomic(s.Path, data); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	return nil
}

// Clear deletes the history file; a missing file is no error.
func (s Store) Clear() error {
	if err := os.Remove(s.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("history: %w", err)
	}
	return nil
}

// writeAtomic replaces path with data: a temporary file in the same directory is written,
// flushed to disk and renamed over path, and the directory is flushed too, so that readers
// see the old file or the new one, never a part.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// syncDir flushes a directory entry to disk where the platform supports it; a failure only
// weakens durability, not atomicity, so it is not reported.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
