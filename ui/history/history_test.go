package history

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

func newStore(t *testing.T, max int) Store {
	t.Helper()
	return Store{Path: filepath.Join(t.TempDir(), "state", "hsx", FileName), Max: max}
}

func entry(i int) Entry {
	return Entry{
		Time:   time.Date(2026, 11, 24, 19, 0, i, 0, time.UTC),
		Method: "GET",
		URL:    fmt.Sprintf("http://example.test/%d", i),
		Header: []probe.Field{{Name: "Authorization", Value: "Bearer t", Line: -1}},
		Status: 200,
	}
}

func TestAddLoad(t *testing.T) {
	s := newStore(t, 0)
	if got, err := s.Load(); err != nil || got != nil {
		t.Fatalf("Load of a missing file = %v, %v; want nil, nil", got, err)
	}
	var want []Entry
	for i := range 3 {
		e := entry(i)
		if i == 1 {
			e.Body, e.Insecure, e.FollowRedirects, e.Status = `{"a":1}`, true, true, 0
		}
		if err := s.Add(e); err != nil {
			t.Fatal(err)
		}
		want = append([]Entry{e}, want...)
	}
	got, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Load = %+v\nwant %+v", got, want)
	}
	info, err := os.Stat(s.Path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("history file mode %v, want -rw------- (it holds header values: cookies, tokens)", perm)
	}
	dir, err := os.Stat(filepath.Dir(s.Path))
	if err != nil {
		t.Fatal(err)
	}
	if perm := dir.Mode().Perm(); perm != 0o700 {
		t.Errorf("history directory mode %v, want drwx------", perm)
	}
}

func TestRemoveAndClear(t *testing.T) {
	lab := func(path string, port int) Entry {
		return Entry{Method: "GET", URL: fmt.Sprintf("http://127.0.0.1:%d%s", port, path), LabPath: path}
	}
	tests := []struct {
		name   string
		stored []Entry // oldest first
		remove Entry
		want   []string // URLs left, newest first
	}{
		{"one of three", []Entry{entry(0), entry(1), entry(2)}, entry(1),
			[]string{"http://example.test/2", "http://example.test/0"}},
		{"every sending of it", []Entry{entry(0), entry(1), entry(0), entry(2)}, entry(0),
			[]string{"http://example.test/2", "http://example.test/1"}},
		{"a lab request of another run", []Entry{lab("/204", 9001), entry(1)}, lab("/204", 9002),
			[]string{"http://example.test/1"}},
		{"nothing matches", []Entry{entry(0)}, entry(5), []string{"http://example.test/0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t, 0)
			for _, e := range tt.stored {
				if err := s.Add(e); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Remove(tt.remove); err != nil {
				t.Fatal(err)
			}
			got, err := s.Load()
			if err != nil {
				t.Fatal(err)
			}
			var urls []string
			for _, e := range got {
				urls = append(urls, e.URL)
			}
			if !reflect.DeepEqual(urls, tt.want) {
				t.Errorf("after Remove: %q, want %q", urls, tt.want)
			}
		})
	}
	t.Run("missing file stays missing", func(t *testing.T) {
		s := newStore(t, 0)
		if err := s.Remove(entry(0)); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(s.Path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("Remove created %s (%v)", s.Path, err)
		}
	})
	t.Run("clear", func(t *testing.T) {
		s := newStore(t, 0)
		if err := s.Add(entry(0)); err != nil {
			t.Fatal(err)
		}
		for range 2 { // a second Clear finds no file, and that is no error
			if err := s.Clear(); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := os.Stat(s.Path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("history file still there after Clear (%v)", err)
		}
	})
}

func TestDedupAndTrim(t *testing.T) {
	tests := []struct {
		name string
		max  int
		adds []Entry
		want []string // URLs, newest first
	}{
		{"consecutive duplicates collapse", 0, []Entry{entry(1), entry(1), entry(1)}, []string{"/1"}},
		{"separated duplicates stay", 0, []Entry{entry(1), entry(2), entry(1)}, []string{"/1", "/2", "/1"}},
		{"newest N kept", 3, []Entry{entry(1), entry(2), entry(3), entry(4), entry(5)}, []string{"/5", "/4", "/3"}},
		{"max 1", 1, []Entry{entry(1), entry(2)}, []string{"/2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t, tt.max)
			for _, e := range tt.adds {
				if err := s.Add(e); err != nil {
					t.Fatal(err)
				}
			}
			got, err := s.Load()
			if err != nil {
				t.Fatal(err)
			}
			var urls []string
			for _, e := range got {
				urls = append(urls, strings.TrimPrefix(e.URL, "http://example.test"))
			}
			if !reflect.DeepEqual(urls, tt.want) {
				t.Errorf("URLs %v, want %v", urls, tt.want)
			}
		})
	}

	// A repeated request keeps its newest time and status.
	s := newStore(t, 0)
	first, again := entry(1), entry(1)
	again.Time, again.Status = again.Time.Add(time.Minute), 204
	_ = s.Add(first)
	_ = s.Add(again)
	got, _ := s.Load()
	if len(got) != 1 || !got[0].Time.Equal(again.Time) || got[0].Status != 204 {
		t.Errorf("dedup kept %+v, want the newer entry", got)
	}
}

// TestAtomicWrite checks that Add replaces the file by renaming a new one over it (the old
// file is never written in place) and leaves no temporary file behind.
func TestAtomicWrite(t *testing.T) {
	s := newStore(t, 0)
	if err := s.Add(entry(1)); err != nil {
		t.Fatal(err)
	}
	before := inode(t, s.Path)
	if err := s.Add(entry(2)); err != nil {
		t.Fatal(err)
	}
	if after := inode(t, s.Path); after == before {
		t.Error("the history file was rewritten in place, not replaced")
	}
	files, err := os.ReadDir(filepath.Dir(s.Path))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Name() != FileName {
		var names []string
		for _, f := range files {
			names = append(names, f.Name())
		}
		t.Errorf("directory holds %v, want only %s", names, FileName)
	}
	data, _ := os.ReadFile(s.Path)
	var f map[string]any
	if err := json.Unmarshal(data, &f); err != nil || f["version"] != float64(1) {
		t.Errorf("file is not a version 1 history: %v\n%s", err, data)
	}
}

func inode(t *testing.T, path string) uint64 {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		t.Skip("no inode numbers on this platform")
	}
	return st.Ino
}

func TestDamaged(t *testing.T) {
	tests := []struct {
		name, content string
	}{
		{"not JSON", "{\"version\":1,\"entries\":[{\"url\":"},
		{"unknown version", `{"version":99,"entries":[]}`},
		{"trailing data", `{"version":1,"entries":[]} {}`},
		{"wrong shape", `[1,2,3]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t, 0)
			if err := os.MkdirAll(filepath.Dir(s.Path), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(s.Path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := s.Load()
			var de *DamagedError
			if !errors.As(err, &de) {
				t.Fatalf("Load error = %v, want a *DamagedError", err)
			}
			if got != nil {
				t.Errorf("Load returned entries from a damaged file: %v", got)
			}
			if _, err := os.Stat(s.Path); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("damaged file still at %s (%v)", s.Path, err)
			}
			if !strings.HasPrefix(filepath.Base(de.Moved), FileName+".damaged-") || filepath.Dir(de.Moved) != filepath.Dir(s.Path) {
				t.Errorf("moved to %s, want %s.damaged-<time> beside it", de.Moved, FileName)
			}
			if data, err := os.ReadFile(de.Moved); err != nil || string(data) != tt.content {
				t.Errorf("moved file holds %q (%v), want the damaged contents", data, err)
			}
			if !strings.Contains(de.Error(), de.Moved) {
				t.Errorf("error %q does not say where the file went", de.Error())
			}

			// The next damage of the same second gets its own name; nothing is overwritten.
			if err := os.WriteFile(s.Path, []byte("garbage"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := s.Add(entry(1)); !errors.As(err, &de) {
				t.Errorf("Add over a damaged file: error %v, want a *DamagedError", err)
			}
			matches, _ := filepath.Glob(s.Path + ".damaged-*")
			if len(matches) != 2 {
				t.Errorf("damaged files: %v, want 2", matches)
			}
			if got, err := s.Load(); err != nil || len(got) != 1 {
				t.Errorf("after Add: Load = %v, %v; want the new entry", got, err)
			}
		})
	}
}

func TestEmptyFile(t *testing.T) {
	s := newStore(t, 0)
	if err := os.MkdirAll(filepath.Dir(s.Path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.Path, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Load(); got != nil || err != nil {
		t.Errorf("Load of an empty file = %v, %v; want nil, nil", got, err)
	}
	if matches, _ := filepath.Glob(s.Path + ".damaged-*"); len(matches) != 0 {
		t.Errorf("an empty file was set aside: %v", matches)
	}
}

func TestDefaultPath(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_STATE_HOME", dir)
	got, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "hsx", FileName); got != want {
		t.Errorf("DefaultPath = %s, want %s", got, want)
	}
	t.Setenv("XDG_STATE_HOME", "relative/ignored")
	if got, err := DefaultPath(); err == nil && strings.HasPrefix(got, "relative") {
		t.Errorf("a relative XDG_STATE_HOME was used: %s", got)
	}
}

func TestRequestRoundTrip(t *testing.T) {
	req := probe.Request{
		Method: "POST", URL: "http://example.test/",
		Header: []probe.Field{{Name: "Content-Type", Value: "text/plain", Line: -1}},
		Body:   []byte("hi"), Insecure: true,
	}
	e := FromRequest(req, 201, time.Now())
	if got := e.Request(); !reflect.DeepEqual(got, req) {
		t.Errorf("Request() = %+v, want %+v", got, req)
	}
}
