package search

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/ui/internal/uitest"
	"github.com/hsx-dev/hsx/ui/theme"
)

func TestFind(t *testing.T) {
	t.Parallel()
	lines := []string{
		"Content-Length: 17",
		"content-length is a CONTENT-LENGTH",
		"a CORS preflight; Preflight again",
		"Größe GRÖSSE größe",
		`escaped \x1b[2J here`,
		"aaaa",
	}
	tests := []struct {
		query string
		want  []Match
	}{
		{"content-length", []Match{{0, 0, 14}, {1, 0, 14}, {1, 20, 34}}},
		{"Content-Length", []Match{{0, 0, 14}}}, // a capital: case counts
		{"CONTENT", []Match{{1, 20, 27}}},
		{"preflight", []Match{{2, 7, 16}, {2, 18, 27}}},
		{"größe", []Match{{3, 0, 7}, {3, 16, 23}}},
		{"grö", []Match{{3, 0, 4}, {3, 8, 12}, {3, 16, 20}}}, // GRÖSSE too
		{`\x1b`, []Match{{4, 8, 12}}},
		{"aa", []Match{{5, 0, 2}, {5, 2, 4}}}, // no overlaps
		{"", nil},
		{"absent", nil},
	}
	for _, tt := range tests {
		if got := Find(lines, tt.query); !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %v, want %v", tt.query, got, tt.want)
		}
	}
}

func TestFirstAndStep(t *testing.T) {
	t.Parallel()
	ms := []Match{{2, 0, 1}, {5, 0, 1}, {5, 3, 4}, {9, 0, 1}}
	tests := []struct {
		name      string
		got, want int
	}{
		{"first from the top", First(ms, 0), 0},
		{"first on the top line", First(ms, 5), 1},
		{"first below the top", First(ms, 6), 3},
		{"first wraps around", First(ms, 10), 0},
		{"first of none", First(nil, 0), -1},
		{"next", Step(ms, 1, 1), 2},
		{"next wraps", Step(ms, 3, 1), 0},
		{"previous wraps", Step(ms, 0, -1), 3},
		{"previous without a current", Step(ms, -1, -1), 3},
		{"next without a current", Step(ms, -1, 1), 0},
		{"step in none", Step(nil, 0, 1), -1},
		{"matches on a line", len(OnLine(ms, 5)), 2},
		{"matches on a line without", len(OnLine(ms, 6)), 0},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, tt.got, tt.want)
		}
	}
}

func TestHighlight(t *testing.T) {
	t.Parallel()
	st := NewStyles(theme.New(true, false))
	styled := "\x1b[1;38;5;75mHello 世界 wide\x1b[0m tail 世界"
	plain := ansi.Strip(styled)
	tests := []struct {
		name    string
		query   string
		current int // index of the current match among the line's, -1 for none
	}{
		{"inside a styled run", "llo", -1},
		{"a wide character", "界", 0},
		{"across the end of a style", "wide tail", 0},
		{"at the end", "世界", 1},
	}
	for _, tt := range tests {
		ms := Find([]string{plain}, tt.query)
		if len(ms) == 0 {
			t.Fatalf("%s: no match", tt.name)
		}
		var cur *Match
		if tt.current >= 0 {
			cur = &ms[tt.current]
		}
		got := Highlight(styled, plain, ms, cur, st)
		if ansi.Strip(got) != plain {
			t.Errorf("%s: text changed: %q", tt.name, ansi.Strip(got))
		}
		if w := ansi.StringWidth(got); w != ansi.StringWidth(plain) {
			t.Errorf("%s: width %d, want %d", tt.name, w, ansi.StringWidth(plain))
		}
		// Every match is drawn in reverse video, its own run of text: the highlight shows
		// without colour.
		for _, m := range ms {
			seg := plain[m.Start:m.End]
			if !containsStyled(got, seg) {
				t.Errorf("%s: match %q not drawn in reverse video as one run: %q", tt.name, seg, got)
			}
		}
	}
}

// containsStyled reports whether seg appears in s right after an SGR sequence that turns
// reverse video on.
func containsStyled(s, seg string) bool {
	for i := strings.Index(s, seg); i >= 0; {
		head := s[:i]
		if j := strings.LastIndex(head, "\x1b["); j >= 0 && strings.HasSuffix(head, "m") {
			for _, p := range strings.Split(strings.TrimSuffix(head[j+2:], "m"), ";") {
				if p == "7" {
					return true
				}
			}
		}
		next := strings.Index(s[i+1:], seg)
		if next < 0 {
			return false
		}
		i += 1 + next
	}
	return false
}

func keyPress(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "shift+enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter, Mod: tea.ModShift}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	}
	r := []rune(s)
	return tea.KeyPressMsg{Code: r[0], Text: s}
}

func TestUpdate(t *testing.T) {
	t.Parallel()
	type step struct {
		key     string
		handled bool
		act     Action
	}
	tests := []struct {
		name  string
		last  string // a query searched before
		steps []step
		query string // the query at the end
	}{
		{"typing changes the query", "", []step{
			{"p", true, Changed{"p"}}, {"r", true, Changed{"pr"}}, {"backspace", true, Changed{"p"}},
		}, "p"},
		{"n and N are text while typing", "", []step{{"n", true, Changed{"n"}}, {"N", true, Changed{"nN"}}}, "nN"},
		{"enter goes to the first match, then n and N step", "", []step{
			{"x", true, Changed{"x"}}, {"enter", true, Jump{First: true}},
			{"n", true, Jump{Dir: 1}}, {"N", true, Jump{Dir: -1}},
			{"enter", true, Jump{Dir: 1}}, {"shift+enter", true, Jump{Dir: -1}},
			{"y", false, nil}, // not typing any more: the pane's key
		}, "x"},
		{"shift+enter while typing goes back", "", []step{{"x", true, Changed{"x"}}, {"shift+enter", true, Jump{Dir: -1}}}, "x"},
		{"esc closes", "", []step{{"x", true, Changed{"x"}}, {"esc", true, Closed{}}, {"n", false, nil}}, "x"},
		{"tab is not the line's", "", []step{{"tab", false, nil}}, ""},
		{"enter on an empty line repeats the last query", "preflight", []step{{"enter", true, Changed{"preflight"}}, {"n", true, Jump{Dir: 1}}}, "preflight"},
	}
	for _, tt := range tests {
		m := New(theme.New(true, false))
		m.SetWidth(60)
		if tt.last != "" {
			m.Open()
			m.input.SetValue(tt.last)
			m.Close()
		}
		m.Open()
		for i, s := range tt.steps {
			msg := keyPress(s.key)
			if got := m.Handles(msg); got != s.handled {
				t.Fatalf("%s: step %d (%s): Handles = %v", tt.name, i, s.key, got)
			}
			var act Action
			m, act, _ = m.Update(msg)
			if act != s.act {
				t.Fatalf("%s: step %d (%s): action %#v, want %#v", tt.name, i, s.key, act, s.act)
			}
		}
		if m.Query() != tt.query {
			t.Errorf("%s: query %q, want %q", tt.name, m.Query(), tt.query)
		}
	}
}

func TestView(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		query      string
		cur, total int
		width      int
		want       []string
	}{
		{"count", "preflight", 2, 7, 60, []string{"/preflight", "3/7", "n/N · esc"}},
		{"before the first jump", "pre", -1, 4, 60, []string{"/pre", "4 matches"}},
		{"nothing found", "zzz", -1, 0, 60, []string{"/zzz", "no match"}},
		{"narrow", "preflight", 0, 1, 24, []string{"/preflight", "1/1"}},
	}
	for _, tt := range tests {
		m := New(theme.New(true, false))
		m.SetWidth(tt.width)
		m.Open()
		m, _, _ = m.Update(tea.PasteMsg{Content: tt.query})
		m, _, _ = m.Update(keyPress("enter"))
		m.SetCount(tt.cur, tt.total)
		v := m.View()
		if err := uitest.Shape(v, tt.width, 1); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		for _, w := range tt.want {
			if !strings.Contains(ansi.Strip(v), w) {
				t.Errorf("%s: %q lacks %q", tt.name, ansi.Strip(v), w)
			}
		}
	}
	if v := New(theme.New(true, false)).View(); v != "" {
		t.Errorf("closed line drew %q", v)
	}
}
