package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/ui/history"
	"github.com/hsx-dev/hsx/ui/layout"
)

// column is the display column where sub starts in line, or -1.
func column(line, sub string) int {
	i := strings.Index(line, sub)
	if i < 0 {
		return -1
	}
	return ansi.StringWidth(line[:i])
}

func TestHistoryRowsLineUpWithoutAStatus(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st := history.Store{Path: history.PathIn(dir)}
	for _, e := range []history.Entry{
		{Time: time.Now(), Method: "GET", URL: "http://example.test/a", Status: 204},
		{Time: time.Now(), Method: "GET", URL: "http://example.test/b"}, // no response
	} {
		if err := st.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	d := newDriver(t, Options{StateDir: dir}, 100, 30)
	d.press("f4")
	var cols []int
	for _, l := range strings.Split(d.screen(), "\n") {
		if strings.Contains(l, "example.test/") {
			cols = append(cols, column(l, "just now"))
		}
	}
	if len(cols) != 2 || cols[0] < 0 || cols[0] != cols[1] {
		t.Errorf("\"just now\" at columns %v, want the same column in both rows:\n%s", cols, d.screen())
	}
}

func TestLabRowsLineUpWithoutACode(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{LabURL: "http://127.0.0.1:9"}, 200, 50)
	d.press("ctrl+l", "/", "h")
	hang, ok, other := -1, false, -1
	for _, l := range strings.Split(d.screen(), "\n") {
		switch {
		case strings.Contains(l, "/hang "):
			hang, ok = column(l, "reads the request"), true
		case strings.Contains(l, "/head "):
			other = column(l, "a correct answer")
		}
	}
	if !ok || hang < 0 || hang != other {
		t.Errorf("descriptions at columns %d (/hang) and %d (/head), want the same:\n%s", hang, other, d.screen())
	}
}

func TestHelpUsesTheWholeBox(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{}, 80, 24)
	d.press("f1")
	for range 200 { // past the end, however long the help grows
		d.press("down")
	}
	lines := strings.Split(d.screen(), "\n")
	last, bottom := -1, -1
	for i, l := range lines {
		if strings.Contains(l, "esc    close") {
			last = i
		}
		if strings.Contains(l, "╰─ ↑↓ scroll") {
			bottom = i
		}
	}
	// The last key, then the blank line that ends its group, then the border.
	if last < 0 || bottom-last != 2 {
		t.Errorf("last key on row %d, bottom border on row %d; want one blank row between:\n%s", last, bottom, d.screen())
	}
}

// TestSendErrorsShowInTheComposer sends a request whose headers do not validate with each send
// key, from the composer and from another pane (zoomed too): the error is on the composer's
// status line, whole, where enter shows it; the composer gets the keyboard and nothing is sent.
func TestSendErrorsShowInTheComposer(t *testing.T) {
	t.Parallel()
	const want = `✗ headers line 1: header "Bad Header" has no colon (want "Name: value")`
	tests := []struct {
		name string
		keys []string // after typing the bad header line
	}{
		{"enter", []string{"esc", "enter"}},
		{"ctrl+s", []string{"ctrl+s"}},
		{"f5", []string{"f5"}},
		{"f5 from the response", []string{"tab", "f5"}},
		{"f5 from the zoomed explainer", []string{"tab", "tab", "f6", "f5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, Options{LabURL: "http://127.0.0.1:9"}, 80, 24)
			d.press("down", "down")
			for _, r := range "Bad Header" {
				d.press(string(r))
			}
			d.press(tt.keys...)
			if d.m.reqID != 0 {
				t.Fatal("a request that does not validate was sent")
			}
			if d.m.focus != layout.Composer || d.m.zoom {
				t.Errorf("focus %v, zoom %v; want the composer in sight", d.m.focus, d.m.zoom)
			}
			lines := strings.Split(d.screen(), "\n")
			r := d.m.inner(layout.Composer)
			status := lines[r.Y+r.H-1]
			if !strings.Contains(status, want) {
				t.Errorf("composer status line %q, want %q:\n%s", status, want, d.screen())
			}
			if bar := lines[len(lines)-1]; strings.Contains(bar, "no colon") {
				t.Errorf("the error is (also) in the hint bar: %q", bar)
			}
		})
	}
}

func TestCodePickerFindsByNickname(t *testing.T) {
	t.Parallel()
	tests := []struct{ query, want string }{
		{"teapot", "418 (Unused)"},
		{"not found", "404 Not Found"},
	}
	for _, tt := range tests {
		d := newDriver(t, Options{}, 100, 30)
		d.press("f2")
		for _, r := range tt.query {
			d.press(string(r))
		}
		if s := d.screen(); !strings.Contains(lineWith(s, "▸"), tt.want) {
			t.Errorf("%q: first match is not %q:\n%s", tt.query, tt.want, s)
		}
	}
}

// lineWith returns the first line of s that contains sub, or "".
func lineWith(s, sub string) string {
	for l := range strings.SplitSeq(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

func TestPresentModeMasksThePasswordInURLs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	const u = "http://user:hunter2@127.0.0.1:1/401"
	st := history.Store{Path: history.PathIn(dir)}
	if err := st.Add(history.Entry{Time: time.Now(), Method: "GET", URL: u}); err != nil {
		t.Fatal(err)
	}
	req := probe.Request{Method: "GET", URL: u}
	d := newDriver(t, Options{StateDir: dir, Present: true, Initial: &req, SendAtStart: true}, 120, 30)
	d.until("the failure", 5*time.Second, func(m Model) bool { return m.inflight == nil })
	d.settle()
	if s := d.screen(); strings.Contains(s, "hunter2") || !strings.Contains(s, "user:••••••@127.0.0.1:1/401") {
		t.Errorf("the password shows, or the masked URL does not:\n%s", s)
	}
	d.press("f4")
	if s := d.screen(); strings.Contains(s, "hunter2") {
		t.Errorf("the history list shows the password:\n%s", s)
	}

	plain := newDriver(t, Options{StateDir: t.TempDir(), Initial: &req}, 120, 30)
	if s := plain.screen(); !strings.Contains(s, "hunter2") {
		t.Errorf("outside presentation mode the URL should be shown as typed:\n%s", s)
	}
}
