package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/ui/layout"
)

// typeText presses the keys of s one by one.
func (d *driver) typeText(s string) {
	d.t.Helper()
	for _, r := range s {
		d.press(string(r))
	}
}

func TestSearchKeys(t *testing.T) {
	t.Parallel()
	url := startLab(t)
	tests := []struct {
		name   string
		send   bool     // send the composer's request first (focus goes to the response)
		keys   []string // keys pressed; a key longer than one rune that is not a key name is typed
		pane   layout.Pane
		open   bool     // whether the search line is open at the end
		count  [2]int   // current match (-1 none) and matches
		screen []string // on screen at the end
		absent []string // not on screen at the end
	}{
		{"ctrl+f from the composer searches the explainer", false, []string{"ctrl+f", "preflight"},
			layout.Explainer, true, [2]int{0, 1}, []string{"/preflight", "1/1", "preflight"}, nil},
		{"enter jumps and n, N step", false, []string{"ctrl+f", "content-length", "enter", "n", "n", "N"},
			layout.Explainer, true, [2]int{1, -1}, []string{"/content-length", "n/N"}, nil},
		{"shift+enter goes back from the first match to the last", false, []string{"ctrl+f", "content-length", "enter", "shift+enter"},
			layout.Explainer, true, [2]int{-2, -1}, []string{"/content-length"}, nil},
		{"a capital makes the case count", false, []string{"ctrl+f", "PREFLIGHT"},
			layout.Explainer, true, [2]int{-1, 0}, []string{"/PREFLIGHT", "no match"}, nil},
		{"a search that finds nothing says so", false, []string{"ctrl+f", "zzqx"},
			layout.Explainer, true, [2]int{-1, 0}, []string{"no match"}, nil},
		{"esc closes the search and clears the matches", false, []string{"ctrl+f", "preflight", "enter", "esc"},
			layout.Explainer, false, [2]int{-1, 0}, nil, []string{"/preflight"}},
		{"q and ? are text in the query", false, []string{"ctrl+f", "q", "?"},
			layout.Explainer, true, [2]int{-1, 0}, []string{"/q?"}, []string{"Keys"}},
		{"/ in the URL field is text", false, []string{"/"},
			layout.Composer, false, [2]int{-1, 0}, []string{"204/body/"}, nil},
		{"/ in the explainer", false, []string{"tab", "tab", "/", "preflight"},
			layout.Explainer, true, [2]int{0, 1}, []string{"/preflight", "1/1"}, nil},
		{"/ in the raw view of a response", true, []string{"/", "Content-Length"},
			layout.Results, true, [2]int{0, 1}, []string{"/Content-Length", "1/1", "Content-Length: 17"}, nil},
		{"ctrl+f in the headers view", true, []string{"1", "ctrl+f", "server", "enter"},
			layout.Results, true, [2]int{0, 1}, []string{"/server", "1/1"}, nil},
		{"the search follows a switch of view", true, []string{"/", "hsx-lab", "enter", "2"},
			layout.Results, true, [2]int{-1, 0}, []string{"no match"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, Options{LabURL: url}, 160, 45)
			if tt.send {
				d.sendRequest()
			}
			d.pressAll(tt.keys)
			if d.m.focus != tt.pane {
				t.Errorf("focus %v, want %v", d.m.focus, tt.pane)
			}
			if d.m.find.IsOpen() != tt.open || (tt.open && d.m.findPane != tt.pane) {
				t.Errorf("search open %v on %v, want %v on %v", d.m.find.IsOpen(), d.m.findPane, tt.open, tt.pane)
			}
			cur, n := d.m.explainer.SearchCount()
			if tt.pane == layout.Results {
				cur, n = d.m.results.SearchCount()
			}
			wantCur, wantN := tt.count[0], tt.count[1]
			switch wantCur {
			case -2:
				wantCur = n - 1 // the last match
			}
			if wantN < 0 {
				wantN = n
				if n < 3 {
					t.Errorf("only %d matches", n)
				}
			}
			if cur != wantCur || n != wantN {
				t.Errorf("match %d of %d, want %d of %d", cur, n, wantCur, wantN)
			}
			s := d.screen()
			for _, w := range tt.screen {
				if !strings.Contains(s, w) {
					t.Errorf("screen lacks %q:\n%s", w, s)
				}
			}
			for _, w := range tt.absent {
				if strings.Contains(s, w) {
					t.Errorf("screen shows %q:\n%s", w, s)
				}
			}
		})
	}
}

// TestPasteIntoTheSearch checks that a paste while the query is typed goes into the query,
// not into the composer.
func TestPasteIntoTheSearch(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{LabURL: "http://127.0.0.1:9"}, 160, 45)
	d.press("ctrl+f")
	d.send(tea.PasteMsg{Content: "preflight"})
	d.settle()
	if q := d.m.find.Query(); q != "preflight" {
		t.Errorf("query %q after a paste, want preflight", q)
	}
	if req, _ := d.m.composer.Request(); !strings.HasSuffix(req.URL, "/204/body") {
		t.Errorf("the paste reached the composer: %q", req.URL)
	}
	if _, n := d.m.explainer.SearchCount(); n != 1 {
		t.Errorf("%d matches after the paste, want 1", n)
	}
}

// TestSearchLineSizes checks the search line at 80×24 and 160×45: it takes the last row of
// its pane and shows the query and the count, and the screen keeps its height.
func TestSearchLineSizes(t *testing.T) {
	t.Parallel()
	for _, sz := range [][2]int{{80, 24}, {160, 45}} {
		d := newDriver(t, Options{LabURL: "http://127.0.0.1:9"}, sz[0], sz[1])
		d.pressAll([]string{"ctrl+f", "preflight"})
		lines := strings.Split(d.screen(), "\n")
		if len(lines) != sz[1] {
			t.Fatalf("%v: %d lines", sz, len(lines))
		}
		found := false
		for _, l := range lines {
			if strings.Contains(l, "/preflight") && strings.Contains(l, "1/1") {
				found = true
			}
		}
		if !found {
			t.Errorf("%v: no search line:\n%s", sz, d.screen())
		}
	}
}

func TestBackAndForwardKeys(t *testing.T) {
	t.Parallel()
	url := startLab(t)
	tests := []struct {
		name string
		send bool
		// setup brings the explainer somewhere; move moves it away; back returns.
		setup, move []string
		moved       func(Model) bool
		back        string
	}{
		{"a related code", false, []string{"tab", "tab", "pgdown", "pgdown"}, []string{"r", "enter"},
			func(m Model) bool { return m.explainer.Code() != 204 }, "alt+left"},
		{"a related code, backspace", false, []string{"tab", "tab", "pgdown"}, []string{"r", "enter"},
			func(m Model) bool { return m.explainer.Code() != 204 }, "backspace"},
		{"a pick from the codes", false, nil, []string{"f2", "4", "0", "4", "enter"},
			func(m Model) bool { return m.explainer.Code() == 404 }, "backspace"},
		{"a finding's explanation", true, nil, []string{"enter"},
			func(m Model) bool { return m.explainer.Section() != "" }, "alt+left"},
		{"a section from the list", false, []string{"tab", "tab"}, []string{"s", "down", "down", "enter"},
			func(m Model) bool { return m.explainer.Section() != "" }, "backspace"},
		{"a section step", false, []string{"tab", "tab"}, []string{"]", "]"},
			func(m Model) bool { return m.explainer.Section() != "" }, "alt+left"},
		{"a jump to a match", false, []string{"tab", "tab"}, []string{"/", "content-length", "enter", "n", "esc"},
			func(m Model) bool { return m.explainer.Section() != "" }, "alt+left"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, Options{LabURL: url}, 160, 45)
			if tt.send {
				d.sendRequest()
			}
			d.pressAll(tt.setup)
			before := d.m.explainer.View()
			d.pressAll(tt.move)
			if !tt.moved(d.m) {
				t.Fatalf("%v did not move the explainer:\n%s", tt.move, d.screen())
			}
			after := d.m.explainer.View()
			d.press(tt.back)
			if got := d.m.explainer.View(); got != before {
				t.Errorf("%s did not come back:\n%s\nwant:\n%s", tt.back, got, before)
			}
			d.press("alt+right")
			if got := d.m.explainer.View(); got != after {
				t.Errorf("alt+right did not go forward again:\n%s\nwant:\n%s", got, after)
			}
		})
	}
}

func TestBackspaceWhileTyping(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{LabURL: "http://127.0.0.1:9"}, 160, 45)
	d.press("f2", "4", "0", "4", "enter") // the explainer shows 404 and has focus
	d.press("shift+tab", "shift+tab")     // the URL field
	d.press("backspace")
	if d.m.explainer.Code() != 404 {
		t.Errorf("backspace in the URL field moved the explainer to %d", d.m.explainer.Code())
	}
	if req, _ := d.m.composer.Request(); !strings.HasSuffix(req.URL, "/204/bod") {
		t.Errorf("backspace in the URL field left %q", req.URL)
	}
	d.press("alt+left") // from anywhere
	if d.m.explainer.Code() != 204 {
		t.Errorf("alt+left from the composer: explainer at %d, want 204", d.m.explainer.Code())
	}
	d.press("alt+left")
	if !strings.Contains(d.screen(), "no earlier place in the explainer") {
		t.Errorf("nothing to go back to, and no notice:\n%s", d.screen())
	}
}

func TestHelpListsSearchKeys(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{LabURL: "http://127.0.0.1:9"}, 160, 45)
	d.press("f1")
	s := d.screen()
	for range 4 { // the help scrolls
		d.press("pgdown")
		s += d.screen()
	}
	for _, w := range []string{"Search, explainer history", "ctrl+f", "alt+←", "alt+→", "backspace", "shift+enter", "next match", "previous match", "close the search"} {
		if !strings.Contains(s, w) {
			t.Errorf("help lacks %q:\n%s", w, s)
		}
	}
}

// pressAll presses keys, typing those that are not key names.
func (d *driver) pressAll(keys []string) {
	d.t.Helper()
	for _, k := range keys {
		if _, named := keyNames[k]; named || len([]rune(k)) == 1 {
			d.press(k)
		} else {
			d.typeText(k)
		}
	}
}
