package explainer

import (
	"errors"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/content"
	"github.com/hsx-dev/hsx/content/mdterm"
	"github.com/hsx-dev/hsx/ui/internal/uitest"
	"github.com/hsx-dev/hsx/ui/theme"
)

// drain runs cmd and feeds what it returns back into m until nothing is left, the way the
// program would (batches included).
func drain(t *testing.T, m Model, cmd tea.Cmd) Model {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case Msg:
			var next tea.Cmd
			m, _, next = m.Update(msg)
			queue = append(queue, next)
		}
	}
	return m
}

// newSized returns an explainer of w×h that shows documents as plain markdown, for tests of
// everything but the rendering itself.
func newSized(t *testing.T, w, h int) Model {
	t.Helper()
	m := New(theme.New(true, false), WithRenderer(uitest.PlainRender))
	return drain(t, m, m.SetSize(w, h))
}

// newRendering returns an explainer of w×h that renders with mdterm.Render.
func newRendering(t *testing.T, w, h int) Model {
	t.Helper()
	m := New(theme.New(true, false))
	return drain(t, m, m.SetSize(w, h))
}

func press(s string) tea.KeyPressMsg {
	switch s {
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	}
	r := []rune(s)
	return tea.KeyPressMsg{Code: r[0], Text: s}
}

// checkBox asserts the component contract: exactly h lines, each exactly w cells.
func checkBox(t *testing.T, view string, w, h int) {
	t.Helper()
	if err := uitest.Shape(view, w, h); err != nil {
		t.Fatal(err)
	}
}

func TestSetCodeRendersDocument(t *testing.T) {
	t.Parallel()
	for _, sz := range [][2]int{{80, 20}, {40, 10}, {130, 45}} {
		m := newRendering(t, sz[0], sz[1])
		m = drain(t, m, m.SetCode(204))
		v := m.View()
		checkBox(t, v, sz[0], sz[1])
		plain := ansi.Strip(v)
		if !strings.HasPrefix(plain, "204 No Content") {
			t.Errorf("%v: title line = %q", sz, strings.SplitN(plain, "\n", 2)[0])
		}
		if m.Code() != 204 {
			t.Errorf("Code() = %d", m.Code())
		}
	}
}

func TestViewBeforeRender(t *testing.T) {
	t.Parallel()
	m := newSized(t, 60, 8)
	_ = m.SetCode(204) // the render Cmd is not run
	v := ansi.Strip(m.View())
	checkBox(t, m.View(), 60, 8)
	if !strings.Contains(v, "rendering 204 No Content") {
		t.Errorf("view while rendering:\n%s", v)
	}
}

// With mdterm's renderer the top of a document is on screen before the whole render arrives,
// as the whole render will draw it.
func TestTopBeforeRender(t *testing.T) {
	t.Parallel()
	for _, sz := range [][2]int{{116, 38}, {60, 8}, {40, 20}} {
		m := newRendering(t, sz[0], sz[1])
		cmd := m.SetCode(204) // not run yet
		early := m.View()
		checkBox(t, early, sz[0], sz[1])
		if !m.Rendering() {
			t.Errorf("%v: not rendering while the whole render is on its way", sz)
		}
		if strings.Contains(ansi.Strip(early), "rendering 204") {
			t.Errorf("%v: a placeholder instead of the top of the document:\n%s", sz, ansi.Strip(early))
		}
		m = drain(t, m, cmd)
		if m.Rendering() {
			t.Errorf("%v: still rendering after the render arrived", sz)
		}
		// The same text; only the scroll bar and the position, which need the whole, come later.
		if e, l := textOf(early), textOf(m.View()); e != l {
			t.Errorf("%v: the top differs from the whole render's first screen:\n%s\n--- whole:\n%s", sz, e, l)
		}
	}
}

// textOf is the document text of a view: its lines below the title, without the scroll bar.
func textOf(view string) string {
	lines := strings.Split(ansi.Strip(view), "\n")[1:]
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " │┃")
	}
	return strings.Join(lines, "\n")
}

func TestGotoRule(t *testing.T) {
	t.Parallel()
	tests := []struct {
		rule, key, section string
	}{
		{"S9", "204", "Why bytes after a 204 are dangerous"},
		{"J2", "204", "A JSON Content-Type on a 204"},
		{"F5", "topic-framing", "F5: Line endings"},
		{"S20", "405", "A 405 must list the allowed methods in Allow"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			m := newRendering(t, 80, 20)
			m = drain(t, m, m.SetCode(204))
			m = drain(t, m, m.GotoRule(tt.rule))
			if m.Doc().Key != tt.key {
				t.Fatalf("doc = %s, want %s", m.Doc().Key, tt.key)
			}
			if got := m.Section(); got != tt.section {
				t.Errorf("Section() = %q, want %q", got, tt.section)
			}
			lines := strings.Split(ansi.Strip(m.View()), "\n")
			if !strings.Contains(lines[0], tt.section) {
				t.Errorf("title line %q does not name the section", lines[0])
			}
			if !strings.HasPrefix(lines[1], "▶") || !strings.Contains(lines[1], strings.Fields(tt.section)[1]) {
				t.Errorf("first body line %q is not the marked heading", lines[1])
			}
		})
	}
}

func TestGotoUnknownRule(t *testing.T) {
	t.Parallel()
	m := newSized(t, 80, 20)
	m = drain(t, m, m.SetCode(204))
	if cmd := m.GotoRule("NOPE"); cmd != nil {
		t.Error("GotoRule of an unknown rule returned a Cmd")
	}
	if m.Doc().Key != "204" {
		t.Errorf("doc changed to %s", m.Doc().Key)
	}
}

func TestSectionKeys(t *testing.T) {
	t.Parallel()
	m := newSized(t, 80, 20)
	m = drain(t, m, m.SetCode(204))
	doc, _ := content.Lookup(204)
	var want []string
	for _, s := range doc.Sections {
		if s.Level >= 2 {
			want = append(want, s.Title)
		}
	}
	for i := 0; i < 3; i++ {
		m, _, _ = m.Update(press("]"))
		if got := m.Section(); got != want[i] {
			t.Fatalf("after %d × ]: section %q, want %q", i+1, got, want[i])
		}
	}
	m, _, _ = m.Update(press("["))
	if got := m.Section(); got != want[1] {
		t.Errorf("after [: section %q, want %q", got, want[1])
	}
	m, _, _ = m.Update(press("g"))
	if got := m.Section(); got != "" {
		t.Errorf("at the top: section %q, want none", got)
	}
}

func TestScrollKeysAndWheel(t *testing.T) {
	t.Parallel()
	m := newSized(t, 80, 20)
	m = drain(t, m, m.SetCode(204))
	first := m.View()
	m, _, _ = m.Update(press("pgdown"))
	if m.View() == first {
		t.Fatal("pgdown did not scroll")
	}
	m, _, _ = m.Update(press("g"))
	if m.View() != first {
		t.Fatal("g did not return to the top")
	}
	m, _, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if m.View() == first {
		t.Fatal("the mouse wheel did not scroll")
	}
}

func TestShowSections(t *testing.T) {
	t.Parallel()
	m := newSized(t, 80, 20)
	m = drain(t, m, m.SetCode(204))
	m = drain(t, m, m.GotoRule("S9"))
	_, act, _ := m.Update(press("s"))
	msg, ok := act.(ShowSections)
	if !ok {
		t.Fatalf("s reported %#v, want ShowSections", act)
	}
	if msg.Current < 0 || msg.Sections[msg.Current].Title != "Why bytes after a 204 are dangerous" {
		t.Errorf("Current = %d", msg.Current)
	}
	if msg.Doc.Key != "204" {
		t.Errorf("Doc = %s", msg.Doc.Key)
	}
}

func TestStaleRenderDropped(t *testing.T) {
	t.Parallel()
	m := newSized(t, 80, 20)
	old := m.SetCode(204)
	cur := m.SetCode(404)
	m, _, _ = m.Update(cur())
	m, _, _ = m.Update(old())
	if m.Doc().Key != "404" {
		t.Fatalf("doc = %s", m.Doc().Key)
	}
	if v := ansi.Strip(m.View()); !strings.HasPrefix(v, "404 Not Found") || strings.Contains(v, "204 No Content") {
		t.Errorf("stale render shown:\n%s", v)
	}
}

func TestResizeKeepsSection(t *testing.T) {
	t.Parallel()
	m := newSized(t, 100, 20)
	m = drain(t, m, m.SetCode(204))
	m = drain(t, m, m.GotoRule("S9"))
	m = drain(t, m, m.SetSize(60, 16))
	checkBox(t, m.View(), 60, 16)
	if got := m.Section(); got != "Why bytes after a 204 are dangerous" {
		t.Errorf("after resize: section %q", got)
	}
}

func TestMissingCode(t *testing.T) {
	t.Parallel()
	m := newSized(t, 60, 10)
	_ = m.SetCode(299)
	v := ansi.Strip(m.View())
	checkBox(t, m.View(), 60, 10)
	if !strings.Contains(v, "There is no document for 299") {
		t.Errorf("view:\n%s", v)
	}
}

func TestThemeChangeRerenders(t *testing.T) {
	t.Parallel()
	m := newRendering(t, 80, 20)
	m = drain(t, m, m.SetCode(204))
	if cmd := m.SetTheme(theme.New(true, true)); cmd != nil {
		t.Error("same background: got a render Cmd")
	}
	cmd := m.SetTheme(theme.New(false, false))
	if cmd == nil {
		t.Fatal("light background: no render Cmd")
	}
	m = drain(t, m, cmd)
	if !m.rendered {
		t.Error("not rendered after the theme change")
	}
}

func TestTrimTitle(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		doc       mdterm.Document
		wantFirst string
		want      []heading
	}{
		{
			name: "title and blank lines dropped",
			doc: mdterm.Document{
				Lines: []string{"", "  204 No Content", "", "  text", "", "  Meaning", "  more"},
				Headings: []mdterm.Heading{
					{Line: 1, End: 2, Level: 1, Title: "204 No Content"},
					{Line: 5, End: 6, Level: 2, Title: "Meaning"},
				},
			},
			wantFirst: "  text",
			want:      []heading{{title: "Meaning", level: 2, line: 2}},
		},
		{
			name: "a wrapped title",
			doc: mdterm.Document{
				Lines:    []string{"  A long", "  title", "", "  text", "  `Code` here"},
				Headings: []mdterm.Heading{{Line: 0, End: 2, Level: 1}, {Line: 4, End: 5, Level: 3, Title: "`Code` here"}},
			},
			wantFirst: "  text",
			want:      []heading{{title: "`Code` here", level: 3, line: 1}},
		},
		{
			name: "no title: a section heading stays",
			doc: mdterm.Document{
				Lines:    []string{"  Meaning", "  text"},
				Headings: []mdterm.Heading{{Line: 0, End: 1, Level: 2, Title: "Meaning"}},
			},
			wantFirst: "  Meaning",
			want:      []heading{{title: "Meaning", level: 2, line: 0}},
		},
	}
	for _, tt := range tests {
		lines, heads := trimTitle(tt.doc)
		if len(lines) == 0 || lines[0] != tt.wantFirst {
			t.Errorf("%s: lines %q", tt.name, lines)
		}
		if !slices.Equal(heads, tt.want) {
			t.Errorf("%s: headings %+v, want %+v", tt.name, heads, tt.want)
		}
	}
}

func TestRendering(t *testing.T) {
	t.Parallel()
	m := newSized(t, 80, 20)
	if m.Rendering() {
		t.Error("rendering with no document")
	}
	cmd := m.SetCode(204)
	if !m.Rendering() {
		t.Error("not rendering after SetCode")
	}
	m = drain(t, m, cmd)
	if m.Rendering() {
		t.Error("still rendering after the render arrived")
	}
}

func TestShowRelated(t *testing.T) {
	t.Parallel()
	m := newSized(t, 80, 20)
	if _, act, _ := m.Update(press("r")); act != nil {
		t.Errorf("r without a document reported %#v", act)
	}
	m = drain(t, m, m.SetCode(204))
	_, act, _ := m.Update(press("r"))
	if msg, ok := act.(ShowRelated); !ok || msg.Doc.Code != 204 {
		t.Errorf("r reported %#v, want ShowRelated for 204", act)
	}
}

func TestRenderCache(t *testing.T) {
	t.Parallel()
	m := newSized(t, 80, 20)
	m = drain(t, m, m.SetCode(204))
	m = drain(t, m, m.GotoRule("F5")) // another document
	if cmd := m.GotoRule("S9"); cmd != nil {
		t.Error("going back to a rendered document rendered it again")
	}
	if m.Rendering() || m.Section() != "Why bytes after a 204 are dangerous" {
		t.Errorf("from the cache: rendering %v, section %q", m.Rendering(), m.Section())
	}
	for _, code := range []int{200, 201, 301, 404, 500} {
		m = drain(t, m, m.SetCode(code))
	}
	if len(m.cache) != renderCacheSize {
		t.Errorf("cache holds %d renders, want %d", len(m.cache), renderCacheSize)
	}
	if cmd := m.SetCode(204); cmd == nil {
		t.Error("a render pushed out of the cache was not rendered again")
	}
}

func TestRenderError(t *testing.T) {
	t.Parallel()
	m := New(theme.New(true, false), WithRenderer(func(*content.Doc, int, bool) (mdterm.Document, error) {
		return mdterm.Document{}, errors.New("no ink left")
	}))
	m = drain(t, m, m.SetSize(60, 8))
	m = drain(t, m, m.SetCode(204))
	checkBox(t, m.View(), 60, 8)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Cannot render this document: no ink left") {
		t.Errorf("view:\n%s", v)
	}
}

func TestClickTitleOffersSections(t *testing.T) {
	t.Parallel()
	m := newSized(t, 80, 20)
	m = drain(t, m, m.SetCode(204))
	if _, act, _ := m.Update(tea.MouseClickMsg{X: 3, Y: 5, Button: tea.MouseLeft}); act != nil {
		t.Errorf("a click in the text asked for %#v", act)
	}
	_, act, _ := m.Update(tea.MouseClickMsg{X: 3, Y: 0, Button: tea.MouseLeft})
	if _, ok := act.(ShowSections); !ok {
		t.Errorf("a click on the title reported %#v, want ShowSections", act)
	}
}

// library is a Library of the given documents, for the test of WithLibrary.
type library []*content.Doc

func (l library) Lookup(code int) (*content.Doc, bool) {
	for _, d := range l {
		if d.Code == code && code != 0 {
			return d, true
		}
	}
	return nil, false
}

func (l library) Get(key string) (*content.Doc, bool) {
	for _, d := range l {
		if d.Key == key {
			return d, true
		}
	}
	return nil, false
}

func (l library) ForRule(id string) (*content.Doc, string, bool) {
	for _, d := range l {
		if h, ok := d.Explains[id]; ok {
			return d, h, true
		}
	}
	return nil, "", false
}

// TestWithLibrary checks that a pane given a Library finds every document there, by code, by
// key and by rule, and none in the content package's.
func TestWithLibrary(t *testing.T) {
	t.Parallel()
	doc := &content.Doc{
		Key: "299", Code: 299, Name: "Fixture", Class: "2xx",
		Explains: map[string]string{"Z1": "Second"},
		Markdown: "# 299 Fixture\n\nFirst words.\n\n## First\n\nOne.\n\n## Second\n\nTwo.\n",
		Sections: []content.Section{{Level: 1, Title: "299 Fixture"}, {Level: 2, Title: "First"}, {Level: 2, Title: "Second"}},
	}
	m := New(theme.New(true, false), WithRenderer(uitest.PlainRender), WithLibrary(library{doc}))
	m = drain(t, m, m.SetSize(60, 8))
	m = drain(t, m, m.SetCode(299))
	if v := ansi.Strip(m.View()); m.Doc() != doc || !strings.Contains(v, "First words.") {
		t.Errorf("SetCode(299): doc %v, view:\n%s", m.Doc(), v)
	}
	m = drain(t, m, m.GotoRule("Z1"))
	if got := m.Section(); got != "Second" {
		t.Errorf("GotoRule(Z1): section %q, want %q", got, "Second")
	}
	if cmd := m.GotoRule("S9"); cmd != nil || m.Section() != "Second" {
		t.Errorf("GotoRule(S9), a rule only content explains: Cmd %v, section %q", cmd != nil, m.Section())
	}
	m = drain(t, m, m.SetCode(204))
	if v := ansi.Strip(m.View()); m.Doc() != nil || !strings.Contains(v, "There is no document for 204") {
		t.Errorf("SetCode(204), a code only content has: doc %v, view:\n%s", m.Doc(), v)
	}
	m = drain(t, m, m.SetDoc("299"))
	if m.Doc() != doc {
		t.Errorf("SetDoc(299): doc %v", m.Doc())
	}
}
