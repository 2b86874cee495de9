package explainer

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/content"
	"github.com/hsx-dev/hsx/ui/internal/uitest"
	"github.com/hsx-dev/hsx/ui/theme"
)

func TestHeadDoc(t *testing.T) {
	body := func(n int) string { return strings.Repeat("text\n", n) }
	tests := []struct {
		name string
		md   string
		n    int
		want string // the head's markdown; "" for none
	}{
		{"cut at the first heading after n lines", "intro\n" + body(5) + "## A\n" + body(20) + "## B\n" + body(30), 3,
			"intro\n" + body(5)},
		{"a heading before n lines is kept", "## A\n" + body(5) + "### B\n" + body(30), 3, "## A\n" + body(5)},
		{"headings in a fence do not count", body(4) + "```\n# not a heading\n```\n" + body(2) + "## C\n" + body(30), 3,
			body(4) + "```\n# not a heading\n```\n" + body(2)},
		{"a hash without a space is text", body(4) + "#hashtag\n" + body(2) + "## D\n" + body(30), 3,
			body(4) + "#hashtag\n" + body(2)},
		{"no heading after n lines", body(10) + "## E\n" + body(2), 12, ""},
		{"head not much shorter than the document", body(20) + "## F\n" + body(5), 10, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &content.Doc{Key: "x", Markdown: tt.md}
			head, ok := headDoc(doc, tt.n)
			if tt.want == "" {
				if ok {
					t.Errorf("got a head of %q, want none", head.Markdown)
				}
				return
			}
			if !ok || head.Markdown != tt.want {
				t.Errorf("head = %v %q, want %q", ok, head.Markdown, tt.want)
			}
			if doc.Markdown != tt.md || head == doc {
				t.Error("headDoc changed the document")
			}
		})
	}
}

// renders runs cmd, which must render the document, and returns the renders it asked for.
func renders(t *testing.T, cmd tea.Cmd) []renderedMsg {
	t.Helper()
	if cmd == nil {
		t.Fatal("no render was started")
	}
	var out []renderedMsg
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			out = append(out, c().(renderedMsg))
		}
	case renderedMsg:
		out = append(out, msg)
	default:
		t.Fatalf("unexpected %T", msg)
	}
	return out
}

// TestHeadShownFirst checks that a long document opened at its top shows its first part as
// soon as that is rendered, with the rest of the pane (scroll bar, position) waiting for the
// whole render, and that a jump asked for meanwhile happens when the whole render arrives.
func TestHeadShownFirst(t *testing.T) {
	m := New(theme.New(true, false), WithRenderer(uitest.PlainRender))
	m.SetCode(204)
	rs := renders(t, m.SetSize(80, 12))
	if len(rs) != 2 || !rs[0].partial || rs[1].partial {
		t.Fatalf("renders = %d (first partial %v), want the head then the whole document", len(rs), len(rs) > 0 && rs[0].partial)
	}
	if len(rs[0].lines) >= len(rs[1].lines) {
		t.Errorf("the head has %d lines, the whole %d", len(rs[0].lines), len(rs[1].lines))
	}

	m, _ = m.Update(rs[0])
	view := ansi.Strip(m.View())
	checkBox(t, m.View(), 80, 12)
	first := strings.TrimSpace(ansi.Strip(rs[1].lines[0]))
	if strings.Contains(view, "rendering") || !strings.Contains(view, first) {
		t.Errorf("the head is not on screen (want %q):\n%s", first, view)
	}
	if strings.Contains(view, "%") || strings.ContainsAny(view, "┃") {
		t.Errorf("a position is shown before the document's length is known:\n%s", view)
	}
	if !m.Rendering() {
		t.Error("Rendering is false while the whole document is still on its way")
	}

	if cmd := m.GotoRule("S9"); cmd != nil {
		t.Error("a jump within the document being rendered started another render")
	}
	m, _ = m.Update(rs[1])
	if got := m.Section(); got != "Why bytes after a 204 are dangerous" {
		t.Errorf("after the whole render the section is %q", got)
	}
	if m.Rendering() || !strings.Contains(ansi.Strip(m.View()), "%") {
		t.Errorf("the whole render is not shown:\n%s", ansi.Strip(m.View()))
	}
	// A head that arrives after the whole document changes nothing.
	before := m.View()
	m, _ = m.Update(rs[0])
	if m.View() != before {
		t.Error("a late head replaced the whole document")
	}
}

// TestNoHeadWhenSomethingIsShown checks that only a document opened at its top, with nothing on
// screen, is rendered in two steps.
func TestNoHeadWhenSomethingIsShown(t *testing.T) {
	m := newSized(t, 80, 12)
	m = drain(t, m, m.SetCode(204))
	if rs := renders(t, m.SetTheme(theme.New(false, false))); len(rs) != 1 {
		t.Errorf("a theme change rendered %d times, want once", len(rs))
	}
	m2 := newSized(t, 80, 12)
	if rs := renders(t, m2.GotoRule("S9")); len(rs) != 1 {
		t.Errorf("opening a document at a section rendered %d times, want once", len(rs))
	}
}
