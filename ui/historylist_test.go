package ui

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/ui/history"
)

// press2 builds key presses keyPress does not know: control letters and the editing keys.
func press2(s string) tea.KeyPressMsg {
	switch s {
	case "delete":
		return tea.KeyPressMsg{Code: tea.KeyDelete}
	case "shift+delete":
		return tea.KeyPressMsg{Code: tea.KeyDelete, Mod: tea.ModShift}
	}
	if c, ok := strings.CutPrefix(s, "ctrl+"); ok && len(c) == 1 {
		return tea.KeyPressMsg{Code: rune(c[0]), Mod: tea.ModCtrl}
	}
	return keyPress(s)
}

// keys sends keys (in press2's names) one by one, settling after each.
func (d *driver) keys(keys ...string) {
	d.t.Helper()
	for _, k := range keys {
		d.send(press2(k))
		d.settle()
	}
}

// storeHistory writes entries (newest last) to a history in dir.
func storeHistory(t *testing.T, dir string, entries ...history.Entry) {
	t.Helper()
	st := history.Store{Path: history.PathIn(dir)}
	for _, e := range entries {
		if err := st.Add(e); err != nil {
			t.Fatal(err)
		}
	}
}

// storedURLs returns the URLs in the history file of dir, newest first.
func storedURLs(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := history.Store{Path: history.PathIn(dir)}.Load()
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, e := range entries {
		urls = append(urls, e.URL)
	}
	return urls
}

func TestHistoryDeleteAndClear(t *testing.T) {
	t.Parallel()
	old := time.Now().Add(-time.Hour)
	a := history.Entry{Time: old, Method: "GET", URL: "http://example.test/a", Status: 200}
	b := history.Entry{Time: old.Add(time.Minute), Method: "GET", URL: "http://example.test/b", Status: 404}
	c := history.Entry{Time: old.Add(2 * time.Minute), Method: "GET", URL: "http://example.test/c", Status: 204}
	tests := []struct {
		name       string
		keys       []string
		wantFile   []string // newest first; nil for an empty or missing file
		wantShown  []string // URLs listed in the open picker
		wantNotice string
	}{
		{"delete the selected", []string{"f4", "down", "delete"},
			[]string{c.URL, a.URL}, []string{c.URL, a.URL}, "deleted from the history: GET " + b.URL},
		{"ctrl+d deletes too", []string{"f4", "ctrl+d"},
			[]string{b.URL, a.URL}, []string{b.URL, a.URL}, "deleted from the history"},
		{"delete within a filter", []string{"f4", "/", "a", "delete"},
			[]string{c.URL, b.URL}, nil, "deleted from the history: GET " + a.URL},
		{"clear asks first, enter clears", []string{"f4", "ctrl+k", "enter"},
			nil, nil, "history cleared: 3 requests removed"},
		{"shift+delete clears too", []string{"f4", "shift+delete", "enter"},
			nil, nil, "history cleared"},
		{"clear asked, esc keeps", []string{"f4", "ctrl+k", "esc"},
			[]string{c.URL, b.URL, a.URL}, []string{c.URL, b.URL, a.URL}, "the history was kept"},
		{"clear asked, a letter keeps", []string{"f4", "ctrl+k", "y"},
			[]string{c.URL, b.URL, a.URL}, []string{c.URL, b.URL, a.URL}, "the history was kept"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			storeHistory(t, dir, a, b, c)
			d := newDriver(t, Options{StateDir: dir}, 120, 30)
			d.keys(tt.keys...)
			d.until("the history write", 5*time.Second, func(m Model) bool { return !m.saving && len(m.saveQueue) == 0 })
			if got := storedURLs(t, dir); !slices.Equal(got, tt.wantFile) {
				t.Errorf("history file holds %q, want %q", got, tt.wantFile)
			}
			if !d.m.overlay.open() {
				t.Fatalf("the history list closed:\n%s", d.screen())
			}
			var shown []string
			for _, e := range d.m.overlay.entries {
				shown = append(shown, e.URL)
			}
			if tt.wantShown != nil && !slices.Equal(shown, tt.wantShown) {
				t.Errorf("list shows %q, want %q", shown, tt.wantShown)
			}
			if !strings.Contains(d.m.notice.text, tt.wantNotice) {
				t.Errorf("notice %q, want it to contain %q", d.m.notice.text, tt.wantNotice)
			}
			if d.m.confirmClear {
				t.Error("still asking whether to clear")
			}
		})
	}
}

func TestHistoryClearAsksOnScreen(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	storeHistory(t, dir, history.Entry{Time: time.Now(), Method: "GET", URL: "http://example.test/a"})
	d := newDriver(t, Options{StateDir: dir}, 100, 30)
	d.keys("f4")
	if s := d.screen(); !strings.Contains(s, "del delete") || !strings.Contains(s, "ctrl+k clear all") {
		t.Errorf("the history list does not show its keys:\n%s", s)
	}
	d.keys("ctrl+k")
	if s := d.screen(); !strings.Contains(s, "Clear all 1 request from the history?") {
		t.Errorf("no question on screen:\n%s", s)
	}
	if got := storedURLs(t, dir); len(got) != 1 {
		t.Errorf("the question alone changed the file: %q", got)
	}
}

func TestNoHistory(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	labURL := startLab(t)
	// An old history in the directory must not be shown either.
	storeHistory(t, dir, history.Entry{Time: time.Now(), Method: "GET", URL: "http://example.test/yesterday"})
	before, err := os.ReadFile(history.PathIn(dir))
	if err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, Options{LabURL: labURL, StateDir: dir, NoHistory: true}, 100, 30)
	d.sendRequest()
	d.keys("f4")
	s := d.screen()
	if strings.Contains(s, "yesterday") {
		t.Errorf("--no-history shows the old history:\n%s", s)
	}
	if !strings.Contains(s, "/204/body") || !strings.Contains(s, "History is off") {
		t.Errorf("the list lacks this run's request or the note that history is off:\n%s", s)
	}
	d.keys("delete")
	if len(d.m.history) != 0 {
		t.Errorf("delete left %+v in memory", d.m.history)
	}
	after, err := os.ReadFile(history.PathIn(dir))
	if err != nil || string(after) != string(before) {
		t.Errorf("the history file changed under --no-history (%v):\n%s", err, after)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 1 {
		t.Errorf("files in the state directory: %q, want only the old history", files)
	}
}

func TestNoHistoryCreatesNothing(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "state")
	d := newDriver(t, Options{LabURL: startLab(t), StateDir: dir, NoHistory: true}, 100, 30)
	d.sendRequest()
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("--no-history created %s (%v)", dir, err)
	}
	if d.m.notice.text != "" && d.m.notice.level == noticeError {
		t.Errorf("an error notice under --no-history: %q", d.m.notice.text)
	}
}

func TestPresentHistoryShowsThisRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	storeHistory(t, dir,
		history.Entry{Time: time.Now().Add(-24 * time.Hour), Method: "GET", URL: "http://user:hunter2@old.example/secret-path"},
		history.Entry{Time: time.Now().Add(-time.Hour), Method: "GET", URL: "http://old.example/b"})
	labURL := startLab(t)
	tests := []struct {
		name      string
		present   bool
		keys      []string
		want, not []string
	}{
		{"presenting: this run only", true, []string{"f4"},
			[]string{"/204/body", "ctrl+a adds 2 from earlier runs"}, []string{"old.example"}},
		{"presenting, ctrl+a: all, passwords masked", true, []string{"f4", "ctrl+a"},
			[]string{"/204/body", "old.example/b", "user:••••••@old.example"}, []string{"hunter2", "adds 2"}},
		{"presenting, ctrl+a twice: this run again", true, []string{"f4", "ctrl+a", "ctrl+a"},
			[]string{"/204/body"}, []string{"old.example"}},
		{"not presenting: everything", false, []string{"f4"},
			[]string{"/204/body", "old.example/b", "hunter2"}, []string{"earlier runs"}},
		{"not presenting: ctrl+a is a no-op", false, []string{"f4", "ctrl+a"},
			[]string{"/204/body", "old.example/b"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sub := t.TempDir()
			data, err := os.ReadFile(history.PathIn(dir))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(history.PathIn(sub), data, 0o600); err != nil {
				t.Fatal(err)
			}
			d := newDriver(t, Options{LabURL: labURL, StateDir: sub, Present: tt.present}, 140, 36)
			d.sendRequest()
			d.keys(tt.keys...)
			s := d.screen()
			for _, w := range tt.want {
				if !strings.Contains(s, w) {
					t.Errorf("list lacks %q:\n%s", w, s)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(s, n) {
					t.Errorf("list shows %q:\n%s", n, s)
				}
			}
		})
	}
}

// TestDeleteBeforeTheLoad deletes and clears before the history read at start has come back:
// what the read brings must not put the deleted requests back.
func TestDeleteBeforeTheLoad(t *testing.T) {
	t.Parallel()
	x := history.Entry{Time: time.Now().Add(-time.Hour), Method: "GET", URL: "http://127.0.0.1:9/x", Status: 204}
	y := history.Entry{Time: time.Now().Add(-time.Hour), Method: "GET", URL: "http://127.0.0.1:9/y", Status: 204}
	tests := []struct {
		name string
		keys []string
		want []string // in memory and on disk, newest first
	}{
		{"delete the request sent", []string{"f4", "delete", "esc"}, []string{y.URL}},
		{"clear", []string{"f4", "ctrl+k", "enter", "esc"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			storeHistory(t, dir, y, x)
			d := &driver{t: t, m: New(Options{StateDir: dir}), msgs: make(chan tea.Msg, 256)}
			d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
			load := d.m.loadHistory() // what Init starts, held back
			d.m.send(probe.Request{Method: "GET", URL: x.URL})
			resp := []byte("HTTP/1.1 204 No Content\r\n\r\n")
			d.send(resultMsg{id: d.m.reqID, exs: []*probe.Exchange{probe.Parse(resp, "GET")}})
			d.settle()
			d.keys(tt.keys...)
			d.start(load)
			d.settle()
			d.until("the history writes", 5*time.Second, func(m Model) bool { return !m.saving && len(m.saveQueue) == 0 })
			var mem []string
			for _, e := range d.m.history {
				mem = append(mem, e.URL)
			}
			if !slices.Equal(mem, tt.want) {
				t.Errorf("in memory: %q, want %q", mem, tt.want)
			}
			if got := storedURLs(t, dir); !slices.Equal(got, tt.want) {
				t.Errorf("on disk: %q, want %q", got, tt.want)
			}
		})
	}
}
