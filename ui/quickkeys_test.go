package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/ui/history"
	"github.com/hsx-dev/hsx/ui/layout"
)

// TestQuickKeysInAPicker presses two keys in an open picker before the program has handled
// what the first one started, as a fast typist or a key repeat does: Bubble Tea delivers both
// key presses first and the messages of the commands they returned after them. The first key
// decides (enter chooses, esc closes); the second goes to whatever has focus once the picker is
// gone (in the explainer, enter opens its list of sections). Nothing may act on the closed
// picker.
func TestQuickKeysInAPicker(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		open     []string
		keys     []string
		check    func(Model) error
		sections bool // whether the second key opened the explainer's sections
	}{
		{"codes, enter enter", []string{"f2", "4", "0", "4"}, []string{"enter", "enter"}, explains(404), false},
		{"codes, esc enter", []string{"f2", "4", "0", "4"}, []string{"esc", "enter"}, explains(204), false},
		{"lab, enter enter", []string{"ctrl+l", "/", "h", "a", "n", "g"}, []string{"enter", "enter"}, fills("GET", "/hang"), false},
		{"lab, esc enter", []string{"ctrl+l", "/", "h", "a", "n", "g"}, []string{"esc", "enter"}, fills("DELETE", "/204/body"), false},
		{"history, enter enter", []string{"f4"}, []string{"enter", "enter"}, fills("PUT", "/h"), false},
		{"history, esc enter", []string{"f4"}, []string{"esc", "enter"}, fills("DELETE", "/204/body"), false},
		{"sections, enter enter", []string{"tab", "tab", "s", "d", "a", "n", "g"}, []string{"enter", "enter"}, inSection("Why bytes after a 204 are dangerous"), true},
		{"sections, esc enter", []string{"tab", "tab", "s"}, []string{"esc", "enter"}, explains(204), true},
		{"related, enter enter", []string{"tab", "tab", "r"}, []string{"enter", "enter"}, func(m Model) error {
			if c := m.explainer.Code(); c == 204 {
				return fmt.Errorf("the explainer stayed on 204")
			}
			return nil
		}, false},
		{"related, esc enter", []string{"tab", "tab", "r"}, []string{"esc", "enter"}, explains(204), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			st := history.Store{Path: history.PathIn(dir)}
			if err := st.Add(history.Entry{Time: time.Now(), Method: "PUT", URL: "http://127.0.0.1:9/h", Status: 201}); err != nil {
				t.Fatal(err)
			}
			d := newDriver(t, Options{LabURL: "http://127.0.0.1:9", StateDir: dir}, 100, 30)
			d.press(tt.open...)
			if !d.m.overlay.open() {
				t.Fatalf("%v opened no picker:\n%s", tt.open, d.screen())
			}
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("%v in the picker: panic %v", tt.keys, r)
				}
			}()
			var cmds []tea.Cmd
			for _, k := range tt.keys {
				next, cmd := d.m.Update(keyPress(k))
				d.m = next.(Model)
				cmds = append(cmds, cmd)
			}
			for _, c := range cmds {
				d.start(c)
			}
			d.settle()
			if open := d.m.overlay.open(); open != tt.sections || open && len(d.m.overlay.sections) == 0 {
				t.Errorf("picker open %v, want %v (the explainer's sections):\n%s", open, tt.sections, d.screen())
			}
			if err := tt.check(d.m); err != nil {
				t.Errorf("after %v: %v\n%s", tt.keys, err, d.screen())
			}
			d.m.stop()
		})
	}
}

// explains checks that the explainer shows code.
func explains(code int) func(Model) error {
	return func(m Model) error {
		if c := m.explainer.Code(); c != code {
			return fmt.Errorf("the explainer shows %d, want %d", c, code)
		}
		return nil
	}
}

// inSection checks that the explainer is at the section titled title.
func inSection(title string) func(Model) error {
	return func(m Model) error {
		if s := m.explainer.Section(); s != title {
			return fmt.Errorf("the explainer is at %q, want %q", s, title)
		}
		return nil
	}
}

// fills checks that the composer holds method and a URL ending in path; the second enter, in
// the composer, sends it.
func fills(method, path string) func(Model) error {
	return func(m Model) error {
		req, err := m.composer.Request()
		if err != nil || req.Method != method || !strings.HasSuffix(req.URL, path) {
			return fmt.Errorf("the composer holds %s %s (%v), want %s …%s", req.Method, req.URL, err, method, path)
		}
		if m.reqID == 0 || m.focus != layout.Results {
			return fmt.Errorf("the second enter did not send from the composer (requests %d, focus %v)", m.reqID, m.focus)
		}
		return nil
	}
}
