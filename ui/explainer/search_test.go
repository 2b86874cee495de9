package explainer

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/content"
	"github.com/hsx-dev/hsx/ui/internal/uitest"
	"github.com/hsx-dev/hsx/ui/theme"
)

// fixture is a document of numbered lines with a word to find on some of them, and sections.
func fixture() *content.Doc {
	var b strings.Builder
	b.WriteString("# 299 Fixture\n\n")
	for s := 1; s <= 3; s++ {
		b.WriteString("## Part " + string(rune('0'+s)) + "\n")
		for i := 0; i < 20; i++ {
			switch {
			case s == 2 && i == 5, s == 3 && i == 10:
				b.WriteString("a line with a Needle in it\n")
			case s == 3 && i == 11:
				b.WriteString("needle needle\n")
			default:
				b.WriteString("filler\n")
			}
		}
	}
	return &content.Doc{
		Key: "299", Code: 299, Name: "Fixture", Class: "2xx",
		Explains: map[string]string{"Z3": "Part 3"},
		Markdown: b.String(),
		Sections: []content.Section{{Level: 1, Title: "299 Fixture"}, {Level: 2, Title: "Part 1"}, {Level: 2, Title: "Part 2"}, {Level: 2, Title: "Part 3"}},
	}
}

// other is a second document, to move between.
func other() *content.Doc {
	return &content.Doc{
		Key: "298", Code: 298, Name: "Other", Class: "2xx",
		Markdown: "# 298 Other\n\nOne.\n\n## Only\n\nTwo.\n",
		Sections: []content.Section{{Level: 1, Title: "298 Other"}, {Level: 2, Title: "Only"}},
	}
}

func newFixture(t *testing.T) Model {
	t.Helper()
	m := New(theme.New(true, false), WithRenderer(uitest.PlainRender), WithLibrary(library{fixture(), other()}))
	m = drain(t, m, m.SetSize(60, 12))
	return drain(t, m, m.SetCode(299))
}

func TestSearch(t *testing.T) {
	t.Parallel()
	type step struct {
		do       func(m *Model)
		cur, n   int
		wantLine string // a line the pane shows
	}
	set := func(q string) func(*Model) { return func(m *Model) { m.SetSearch(q) } }
	jump := func(first bool, dir int) func(*Model) { return func(m *Model) { m.SearchJump(first, dir) } }
	tests := []struct {
		name  string
		top   int // scroll position before the search
		steps []step
	}{
		{"incremental from the top", 0, []step{
			{set("n"), 0, 8, "Needle"}, // "line", "Needle", "in"…: the first at or after the top
			{set("needle"), 0, 4, "a line with a Needle"},
			{set("Needle"), 0, 2, "a line with a Needle"}, // smart case
			{jump(true, 0), 0, 2, "a line with a Needle"},
			{jump(false, 1), 1, 2, "a line with a Needle"},
			{jump(false, 1), 0, 2, "a line with a Needle"}, // wraps around
			{jump(false, -1), 1, 2, "a line with a Needle"},
		}},
		{"from below the first match", 30, []step{
			{set("needle"), 1, 4, "needle needle"},
			{jump(false, -1), 0, 4, "Part 2"},
		}},
		{"nothing found", 0, []step{{set("haystack"), -1, 0, "filler"}}},
	}
	for _, tt := range tests {
		m := newFixture(t)
		m.vp.SetYOffset(tt.top)
		m.StartSearch()
		for i, s := range tt.steps {
			s.do(&m)
			if cur, n := m.SearchCount(); cur != s.cur || n != s.n {
				t.Fatalf("%s: step %d: count %d/%d, want %d/%d", tt.name, i, cur, n, s.cur, s.n)
			}
			v := ansi.Strip(m.View())
			if !strings.Contains(v, s.wantLine) {
				t.Fatalf("%s: step %d: view lacks %q:\n%s", tt.name, i, s.wantLine, v)
			}
			if cur, _ := m.SearchCount(); cur >= 0 {
				line := m.find.matches[cur].Line
				if line < m.vp.YOffset() || line >= m.vp.YOffset()+m.vp.Height() {
					t.Errorf("%s: step %d: current match on line %d, view at %d", tt.name, i, line, m.vp.YOffset())
				}
				if !strings.Contains(m.View(), m.fstyles.Current.String()) {
					t.Errorf("%s: step %d: current match not drawn in its style", tt.name, i)
				}
			}
		}
		m.EndSearch()
		if strings.Contains(m.View(), m.fstyles.Match.String()) || strings.Contains(m.View(), m.fstyles.Current.String()) {
			t.Errorf("%s: matches still drawn after EndSearch", tt.name)
		}
	}
}

// TestSearchRendered searches the 204 document as mdterm renders it: a match is on the line
// that shows it, and the title line names the section it is in.
func TestSearchRendered(t *testing.T) {
	t.Parallel()
	for _, w := range []int{40, 80} {
		m := newRendering(t, w, 16)
		m = drain(t, m, m.SetCode(204))
		m.StartSearch()
		m.SetSearch("preflight")
		m.SearchJump(true, 0)
		cur, n := m.SearchCount()
		if n == 0 || cur != 0 {
			t.Fatalf("width %d: match %d of %d", w, cur, n)
		}
		mt := m.find.matches[cur]
		if got := strings.ToLower(ansi.Strip(m.lines[mt.Line])[mt.Start:mt.End]); got != "preflight" {
			t.Errorf("width %d: the match is %q", w, got)
		}
		row := mt.Line - m.vp.YOffset() + 1 // below the title line
		lines := strings.Split(m.View(), "\n")
		if row < 1 || row >= len(lines) || !strings.Contains(lines[row], m.fstyles.Current.String()+"preflight") {
			t.Errorf("width %d: row %d does not draw the match:\n%s", w, row, ansi.Strip(m.View()))
		}
		if sec := m.Section(); sec == "" || !strings.Contains(ansi.Strip(lines[0]), sec) {
			t.Errorf("width %d: title line %q, section %q", w, ansi.Strip(lines[0]), sec)
		}
	}
}

func TestSearchAfterRerender(t *testing.T) {
	t.Parallel()
	m := newFixture(t)
	m.StartSearch()
	m.SetSearch("needle")
	m.SearchJump(true, 0)
	m = drain(t, m, m.SetSize(40, 12)) // another width: a new render
	m = drain(t, m, m.begin())
	if _, n := m.SearchCount(); n != 4 {
		t.Errorf("after a re-render: %d matches, want 4", n)
	}
}

func TestBackAndForward(t *testing.T) {
	t.Parallel()
	type want struct {
		key string
		top int
	}
	tests := []struct {
		name  string
		moves []func(m Model) Model // each from the position the previous left
		back  []want                // where each Back lands
	}{
		{"another document", []func(Model) Model{
			func(m Model) Model { m.vp.SetYOffset(7); return m },
			func(m Model) Model { return drain(t, m, m.SetDoc("298")) },
		}, []want{{"299", 7}}},
		{"a rule's section and a section pick", []func(Model) Model{
			func(m Model) Model { return drain(t, m, m.GotoRule("Z3")) },
			func(m Model) Model { m.vp.SetYOffset(3); return m },
			func(m Model) Model { m.GotoSection("Part 2"); return m },
		}, []want{{"299", 3}, {"299", 0}}},
		{"a run of section steps is one move", []func(Model) Model{
			func(m Model) Model { m.vp.SetYOffset(2); return m },
			func(m Model) Model { m, _, _ = m.Update(press("]")); return m },
			func(m Model) Model { m, _, _ = m.Update(press("]")); return m },
			func(m Model) Model { m, _, _ = m.Update(press("[")); return m },
		}, []want{{"299", 2}}},
		{"a search jump, then its run", []func(Model) Model{
			func(m Model) Model { m.vp.SetYOffset(1); return m },
			func(m Model) Model { m.StartSearch(); m.SetSearch("needle"); m.SearchJump(true, 0); return m },
			func(m Model) Model { m.SearchJump(false, 1); return m },
			func(m Model) Model { m.SearchJump(false, 1); return m },
		}, []want{{"299", 1}}},
		{"a code, then another", []func(Model) Model{
			func(m Model) Model { return drain(t, m, m.SetCode(298)) },
			func(m Model) Model { return drain(t, m, m.SetCode(299)) },
		}, []want{{"298", 0}, {"299", 0}}},
	}
	for _, tt := range tests {
		m := newFixture(t)
		for _, mv := range tt.moves {
			m = mv(m)
		}
		end, _ := m.here()
		var visited []place
		for i, w := range tt.back {
			before, _ := m.here()
			visited = append(visited, before)
			cmd, ok := m.Back()
			if !ok {
				t.Fatalf("%s: Back %d: nowhere to go", tt.name, i)
			}
			m = drain(t, m, cmd)
			if m.Doc().Key != w.key || m.vp.YOffset() != w.top {
				t.Errorf("%s: Back %d: at %s line %d, want %s line %d", tt.name, i, m.Doc().Key, m.vp.YOffset(), w.key, w.top)
			}
		}
		if _, ok := m.Back(); ok {
			t.Errorf("%s: Back went further than %d moves", tt.name, len(tt.back))
		}
		for i := len(visited) - 1; i >= 0; i-- {
			cmd, ok := m.Forward()
			if !ok {
				t.Fatalf("%s: Forward %d: nowhere to go", tt.name, i)
			}
			m = drain(t, m, cmd)
			if got, _ := m.here(); got != visited[i] {
				t.Errorf("%s: Forward to %+v, want %+v", tt.name, got, visited[i])
			}
		}
		if got, _ := m.here(); got != end {
			t.Errorf("%s: forward again ends at %+v, want %+v", tt.name, got, end)
		}
	}
}
