package picker

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/ui/internal/uitest"
	"github.com/hsx-dev/hsx/ui/theme"
)

func codes() []Item {
	return []Item{
		{Title: "100 Continue", Detail: "1xx"},
		{Title: "200 OK", Detail: "2xx"},
		{Title: "204 No Content", Detail: "2xx"},
		{Title: "206 Partial Content", Detail: "2xx"},
		{Title: "304 Not Modified", Detail: "3xx", Filter: "conditional"},
		{Title: "404 Not Found", Detail: "4xx"},
		{Title: "120 Made up", Detail: "20 in detail"},
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		query string
		want  []int
	}{
		{"", []int{0, 1, 2, 3, 4, 5, 6}},
		{"20", []int{1, 2, 3, 6}}, // title prefix matches first, then the detail match
		{"found", []int{5}},
		{"2xx", []int{1, 2, 3}},
		{"2", []int{1, 2, 3, 6}}, // title prefix, then in the title
		{"0 detail", []int{6}},   // "0" in the title, "detail" in the detail
		{"content", []int{2, 3}},
		{"CONTENT partial", []int{3}},
		{"conditional", []int{4}},
		{"nothing like it", nil},
		{" 404 ", []int{5}},
	}
	for _, tt := range tests {
		if got := match(codes(), tt.query); !slices.Equal(got, tt.want) {
			t.Errorf("match(%q) = %v, want %v", tt.query, got, tt.want)
		}
	}
}

func typeText(m Model, s string) Model {
	for _, r := range s {
		m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

func chosen(t *testing.T, act Action) Chosen {
	t.Helper()
	c, ok := act.(Chosen)
	if !ok {
		t.Fatalf("got %#v, want a Chosen", act)
	}
	return c
}

func TestTypeMoveChoose(t *testing.T) {
	m := New(theme.New(true, false), "codes", "Status codes", codes())
	m = typeText(m, "content")
	if m.Filter() != "content" || m.Len() != 2 {
		t.Fatalf("filter %q matches %d", m.Filter(), m.Len())
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	_, act := m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	got := chosen(t, act)
	if got.ID != "codes" || got.Index != 3 || got.Item.Title != "206 Partial Content" {
		t.Errorf("chosen %+v", got)
	}
}

func TestEditing(t *testing.T) {
	m := New(theme.New(true, false), "x", "X", codes())
	m = typeText(m, "not found")
	m, _ = m.Update(tea.KeyPressMsg{Code: 'w', Mod: tea.ModCtrl})
	if m.Filter() != "not " {
		t.Errorf("after ctrl+w: %q", m.Filter())
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	if m.Filter() != "not" {
		t.Errorf("after backspace: %q", m.Filter())
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	if m.Filter() != "" || m.Len() != len(codes()) {
		t.Errorf("after ctrl+u: %q, %d matches", m.Filter(), m.Len())
	}
	m, _ = m.Update(tea.PasteMsg{Content: "304\n"})
	if m.Filter() != "304" || m.Selected() != 4 {
		t.Errorf("after paste: %q, selected %d", m.Filter(), m.Selected())
	}
}

func TestClose(t *testing.T) {
	m := New(theme.New(true, false), "lab", "Lab", codes())
	_, act := m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	if got, ok := act.(Closed); !ok || got.ID != "lab" {
		t.Errorf("esc reported %#v, want Closed{lab}", act)
	}
}

func TestNoMatchChoosesNothing(t *testing.T) {
	m := New(theme.New(true, false), "x", "X", codes())
	m = typeText(m, "zzz")
	if _, act := m.Update(tea.KeyPressMsg{Code: tea.KeyEnter}); act != nil {
		t.Errorf("enter with no match reported %#v", act)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "no match for zzz") {
		t.Errorf("view:\n%s", v)
	}
}

func TestViewSizeAndScroll(t *testing.T) {
	var items []Item
	for i := 0; i < 50; i++ {
		items = append(items, Item{Title: strings.Repeat("x", i%30), Detail: "d"})
	}
	m := New(theme.New(false, false), "x", "Many", items)
	m.SetSize(40, 12)
	w, h := m.Size()
	for step := 0; step < 60; step++ {
		if err := uitest.Shape(m.View(), w, h); err != nil {
			t.Fatalf("step %d: %v (the size is Size's)", step, err)
		}
		if !strings.Contains(ansi.Strip(m.View()), "▸") {
			t.Fatalf("step %d: selected row not visible", step)
		}
		m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	}
	if m.Selected() != 49 {
		t.Errorf("selected %d after moving past the end", m.Selected())
	}
}

func TestClickChooses(t *testing.T) {
	m := New(theme.New(true, false), "codes", "Codes", codes())
	m.SetSize(60, 20)
	_, act := m.Update(tea.MouseClickMsg{X: 5, Y: listTop + 2, Button: tea.MouseLeft})
	if got := chosen(t, act); got.Index != 2 {
		t.Errorf("click chose %d, want 2", got.Index)
	}
}

func TestItemTextIsEscaped(t *testing.T) {
	m := New(theme.New(true, false), "h", "History", []Item{{Title: "GET http://x/\x1b[2J", Detail: "\x07"}})
	if v := m.View(); strings.Contains(v, "\x1b[2J") || strings.Contains(v, "\x07") {
		t.Errorf("control sequence reached the view: %q", v)
	}
}
