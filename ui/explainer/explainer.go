// Package explainer is the pane of the hsx terminal UI that shows the documentation of a status
// code (or of a topic such as message framing): the content package's markdown rendered by
// mdterm.Render, in a scrollable viewport, with jumps between sections and straight to the section that
// explains a check rule, a search through the document as shown, and back and forward through
// the places it has been.
//
// Rendering a long document takes milliseconds, so it happens in a tea.Cmd; the methods
// that change what is shown (SetCode, SetDoc, GotoRule, SetSize, SetTheme) return that Cmd, and
// the root passes every Msg back to Update.
package explainer

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/content"
	"github.com/hsx-dev/hsx/content/mdterm"
	"github.com/hsx-dev/hsx/ui/search"
	"github.com/hsx-dev/hsx/ui/theme"
)

// Action is what Update reports to the pane's owner: nil, ShowSections or ShowRelated.
type Action interface{ explainerAction() }

// ShowSections asks the owner to offer the sections of Doc for a jump (see Model.GotoSection).
type ShowSections struct {
	Doc      *content.Doc
	Sections []content.Section
	// Current is the index in Sections of the section at the top of the pane, or -1.
	Current int
}

// ShowRelated asks the owner to offer the status codes related to Doc's.
type ShowRelated struct {
	Doc *content.Doc
}

func (ShowSections) explainerAction() {}
func (ShowRelated) explainerAction()  {}

// Model is the explainer pane.
type Model struct {
	// KeyMap is the pane's key bindings.
	KeyMap KeyMap

	th     theme.Theme
	styles styles
	vp     viewport.Model
	width  int
	height int

	doc     *content.Doc // nil when the code has no document
	missing string       // what to say when doc is nil

	seq      int       // generation of the render wanted now
	shown    int       // generation of the render on screen
	lines    []string  // the rendered document
	heads    []heading // its headings, located in lines
	err      error     // the last render error
	pending  string    // heading title to scroll to when the next render arrives
	anchor   int       // section to keep at the top across a re-render, or -1
	target   int       // index in heads of the heading last jumped to, or -1
	rendered bool      // whether lines belong to doc
	cache    []cachedRender
	renderFn RenderFunc
	topFn    topFunc // nil when renderFn is not mdterm.Render
	lib      Library

	find    finder        // the search on show
	fstyles search.Styles // how its matches are drawn
	back    []place       // places to go back to, the latest last
	forward []place       // places gone back from, the latest last
	run     move          // the kind of the last move, while it may continue as a run
	runEnd  place         // where that move left the pane
	restore *place        // where to scroll once the render on its way arrives
}

// renderCacheSize is how many renders the pane keeps, so that going back and forth between
// documents (following the selected finding from one rule to the next) does not render them
// again.
const renderCacheSize = 4

// cachedRender is a render kept for reuse.
type cachedRender struct {
	key   string
	width int
	dark  bool
	lines []string
	heads []heading
}

// RenderFunc turns a document into terminal lines wrapped at width columns, for a dark or light
// background, and says where its headings are. mdterm.Render is the default.
type RenderFunc func(doc *content.Doc, width int, dark bool) (mdterm.Document, error)

// topFunc renders the first blocks of a document, enough for rows lines, as mdterm.RenderTop
// does: what the pane shows at once while the whole document renders in the background.
type topFunc func(doc *content.Doc, width int, dark bool, rows int) (mdterm.Document, error)

// topRows is how many lines beyond the pane's height the top of a document is rendered: the
// title and the blank lines that trimTitle drops.
const topRows = 4

// Option configures a Model in New.
type Option func(*Model)

// WithRenderer replaces mdterm.Render by r: for tests that exercise everything but
// the rendering, and would otherwise spend most of their time in it.
func WithRenderer(r RenderFunc) Option {
	return func(m *Model) { m.renderFn, m.topFn = r, nil }
}

// Library is where the pane finds the documents it shows: by status code, by key, and by the
// check rule they explain, as the content package's functions of the same names do. The content
// package's embedded documents are the default.
type Library interface {
	Lookup(code int) (*content.Doc, bool)
	Get(key string) (*content.Doc, bool)
	ForRule(id string) (doc *content.Doc, heading string, ok bool)
}

// WithLibrary makes the pane show lib's documents instead of the content package's: for tests
// of screens that should not change when a document's prose does.
func WithLibrary(lib Library) Option {
	return func(m *Model) { m.lib = lib }
}

// embedded is the content package's documents as a Library.
type embedded struct{}

func (embedded) Lookup(code int) (*content.Doc, bool)           { return content.Lookup(code) }
func (embedded) Get(key string) (*content.Doc, bool)            { return content.Get(key) }
func (embedded) ForRule(id string) (*content.Doc, string, bool) { return content.ForRule(id) }

// New returns an explainer drawn with th. It shows nothing until SetCode or SetDoc.
func New(th theme.Theme, opts ...Option) Model {
	vp := viewport.New()
	vp.KeyMap = viewport.KeyMap{} // keys are handled here, so that help lists them once
	vp.MouseWheelDelta = 3
	m := Model{
		KeyMap:   DefaultKeyMap(),
		th:       th,
		styles:   newStyles(th),
		vp:       vp,
		anchor:   -1,
		target:   -1,
		renderFn: mdterm.Render,
		topFn:    mdterm.RenderTop,
		lib:      embedded{},
		find:     finder{cur: -1},
		fstyles:  search.NewStyles(th),
	}
	for _, o := range opts {
		o(&m)
	}
	return m
}

// SetSize sets the size of the pane in cells. A new width re-renders the document once the
// terminal has stopped resizing, so the returned Cmd must be run.
func (m *Model) SetSize(w, h int) tea.Cmd {
	w, h = max(w, 0), max(h, 0)
	widthChanged := w != m.width
	m.width, m.height = w, h
	m.vp.SetWidth(max(w-1, 0)) // one column for the scroll bar
	m.vp.SetHeight(max(h-1, 0))
	m.setContent()
	if !widthChanged || m.doc == nil {
		return nil
	}
	if !m.rendered {
		return m.render() // nothing on screen yet: no reason to wait
	}
	m.anchor = m.sectionAt(m.vp.YOffset())
	m.seq++
	seq := m.seq
	return tea.Tick(resizeDebounce, func(time.Time) tea.Msg { return renderDueMsg{seq: seq} })
}

// SetTheme changes the colors; a change between light and dark re-renders the document.
func (m *Model) SetTheme(th theme.Theme) tea.Cmd {
	dark := th.Dark != m.th.Dark
	m.th, m.styles, m.fstyles = th, newStyles(th), search.NewStyles(th)
	if !dark {
		return nil
	}
	m.anchor = m.sectionAt(m.vp.YOffset())
	return m.render()
}

// Doc returns the document shown, or nil.
func (m Model) Doc() *content.Doc { return m.doc }

// Code returns the status code shown, 0 for a topic or nothing.
func (m Model) Code() int {
	if m.doc == nil {
		return 0
	}
	return m.doc.Code
}

// SetCode shows the document of a status code, from its top. A code without a document shows
// the nearest codes that have one.
func (m *Model) SetCode(code int) tea.Cmd {
	if m.doc != nil && m.doc.Code == code && code != 0 {
		return nil
	}
	doc, ok := m.lib.Lookup(code)
	m.record(moveNone)
	if !ok {
		m.showMissing(code)
		return nil
	}
	return m.show(doc, "")
}

// SetDoc shows the document with the given content key ("204", "topic-framing"), from its top.
func (m *Model) SetDoc(key string) tea.Cmd {
	if m.doc != nil && m.doc.Key == key {
		return nil
	}
	doc, ok := m.lib.Get(key)
	m.record(moveNone)
	if !ok {
		m.showNote(fmt.Sprintf("No document %q.", key))
		return nil
	}
	return m.show(doc, "")
}

// GotoRule shows the section that explains the check rule id (such as "S9"), switching document
// if needed. It reports false through a nil Cmd and no change when no document explains id.
func (m *Model) GotoRule(id string) tea.Cmd {
	doc, title, ok := m.lib.ForRule(id)
	if !ok {
		return nil
	}
	if m.doc != nil && m.doc.Key == doc.Key && m.rendered {
		m.GotoSection(title)
		return nil
	}
	m.record(moveNone)
	return m.show(doc, title)
}

// GotoSection scrolls so that the heading with the given title is at the top of the pane and
// reports whether there is one.
func (m *Model) GotoSection(title string) bool {
	for _, h := range m.heads {
		if h.title == title {
			m.record(moveNone)
			break
		}
	}
	return m.gotoSection(title)
}

// gotoSection is GotoSection without remembering the place it leaves.
func (m *Model) gotoSection(title string) bool {
	for i, h := range m.heads {
		if h.title == title {
			m.jump(i)
			return true
		}
	}
	return false
}

// Rendering reports whether a render of the document is under way (the pane shows an older
// render, or a placeholder, until it arrives).
func (m Model) Rendering() bool { return m.doc != nil && m.width >= 2 && m.shown != m.seq }

// Section returns the title of the section at the top of the pane ("" before the first heading).
func (m Model) Section() string {
	if i := m.current(); i >= 0 {
		return m.heads[i].title
	}
	return ""
}

// show switches to doc and renders it; the view scrolls to heading once the render arrives.
func (m *Model) show(doc *content.Doc, heading string) tea.Cmd {
	m.doc, m.missing = doc, ""
	m.lines, m.heads, m.err, m.rendered = nil, nil, nil, false
	m.pending, m.anchor, m.target, m.restore = heading, -1, -1, nil
	m.setContent()
	m.vp.GotoTop()
	return m.render()
}

// showMissing replaces the document by a note naming the codes nearest to code.
func (m *Model) showMissing(code int) {
	note := fmt.Sprintf("There is no document for %d.", code)
	if near := content.Suggest(strconv.Itoa(code)); len(near) > 0 {
		s := make([]string, len(near))
		for i, c := range near {
			s[i] = strconv.Itoa(c)
		}
		note += " Nearest: " + strings.Join(s, ", ") + "."
	}
	m.showNote(note)
}

// showNote replaces the document by note.
func (m *Model) showNote(note string) {
	m.doc, m.lines, m.heads, m.err, m.rendered = nil, nil, nil, nil, false
	m.missing = note
	m.setContent()
}

// render starts a render of the current document at the current width and background.
func (m *Model) render() tea.Cmd {
	m.seq++
	return m.begin()
}

// begin shows a kept render of the current document at once, or returns the Cmd that renders it
// for the current generation.
func (m *Model) begin() tea.Cmd {
	if m.doc == nil || m.width < 2 {
		return nil
	}
	w, dark := m.renderWidth(), m.th.Dark
	for _, c := range m.cache {
		if c.key == m.doc.Key && c.width == w && c.dark == dark {
			m.applyRender(renderedMsg{seq: m.seq, key: c.key, width: w, dark: dark, lines: c.lines, heads: c.heads})
			return nil
		}
	}
	m.showTop(w, dark)
	return renderCmd(m.renderFn, m.seq, m.doc, w, dark)
}

// showTop draws the top of a document that has nothing on screen yet, at once, while the
// whole of it renders in the background: a pane's worth costs a fraction of the whole. A
// render that must scroll somewhere (a rule's section, a place to go back to) waits for the
// whole document instead.
func (m *Model) showTop(w int, dark bool) {
	if m.topFn == nil || m.lines != nil || m.pending != "" || m.restore != nil || m.anchor >= 0 {
		return
	}
	top, err := m.topFn(m.doc, w, dark, m.height+topRows)
	if err != nil {
		return // the whole render reports it
	}
	m.lines, m.heads = trimTitle(top)
	m.setContent()
}

// keep puts a render at the front of the cache, dropping the oldest beyond its size.
func (m *Model) keep(msg renderedMsg) {
	c := cachedRender{key: msg.key, width: msg.width, dark: msg.dark, lines: msg.lines, heads: msg.heads}
	rest := slices.DeleteFunc(slices.Clone(m.cache), func(o cachedRender) bool {
		return o.key == c.key && o.width == c.width && o.dark == c.dark
	})
	m.cache = append([]cachedRender{c}, rest[:min(len(rest), renderCacheSize-1)]...)
}

// renderWidth is the wrap width handed to the renderer: the pane minus the scroll bar.
func (m Model) renderWidth() int { return max(m.width-1, 10) }

// Update handles keys, the mouse wheel and a click on the title line (which asks for the list
// of sections), and the explainer's own messages. It reports what the owner must do, if
// anything, as an Action. Mouse coordinates are relative to the pane.
func (m Model) Update(msg tea.Msg) (Model, Action, tea.Cmd) {
	switch msg := msg.(type) {
	case renderDueMsg:
		if msg.seq != m.seq {
			return m, nil, nil
		}
		return m, nil, m.begin()
	case renderedMsg:
		m.applyRender(msg)
	case tea.KeyPressMsg:
		return m, m.handleKey(msg), nil
	case tea.MouseWheelMsg:
		m.vp, _ = m.vp.Update(msg)
		m.target = -1
	case tea.MouseClickMsg:
		if msg.Button == tea.MouseLeft && msg.Y == 0 {
			return m, m.sections(), nil // the title line: offer the sections
		}
	}
	return m, nil, nil
}

// applyRender takes a finished render if it is the one wanted now.
func (m *Model) applyRender(msg renderedMsg) {
	if msg.seq != m.seq || m.doc == nil || msg.key != m.doc.Key {
		return
	}
	if msg.err == nil {
		m.keep(msg)
	}
	m.shown = msg.seq
	m.err = msg.err
	m.lines = msg.lines
	m.heads = msg.heads
	m.rendered = msg.err == nil
	m.setContent()
	switch {
	case m.restore != nil:
		m.goPlace(*m.restore)
		m.restore, m.pending = nil, ""
	case m.pending != "":
		m.gotoSection(m.pending)
		m.pending = ""
	case m.anchor >= 0 && m.anchor < len(m.heads):
		m.vp.SetYOffset(m.heads[m.anchor].line)
	}
	m.anchor = -1
	m.refindAfterRender()
}

// handleKey scrolls or moves between sections, or asks for a list to be shown.
func (m *Model) handleKey(msg tea.KeyPressMsg) Action {
	k := m.KeyMap
	switch {
	case key.Matches(msg, k.Up):
		m.vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		m.vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		m.vp.PageUp()
	case key.Matches(msg, k.PageDown):
		m.vp.PageDown()
	case key.Matches(msg, k.HalfPageUp):
		m.vp.HalfPageUp()
	case key.Matches(msg, k.HalfPageDn):
		m.vp.HalfPageDown()
	case key.Matches(msg, k.Top):
		m.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		m.vp.GotoBottom()
	case key.Matches(msg, k.NextSection):
		m.record(moveSection)
		m.nextSection()
		m.endRun(moveSection)
		return nil
	case key.Matches(msg, k.PrevSection):
		m.record(moveSection)
		m.prevSection()
		m.endRun(moveSection)
		return nil
	case key.Matches(msg, k.Sections):
		return m.sections()
	case key.Matches(msg, k.Related):
		if m.doc == nil || len(m.doc.Related) == 0 {
			return nil
		}
		return ShowRelated{Doc: m.doc}
	default:
		return nil
	}
	m.target = -1
	return nil
}

// sections asks the owner for the section list, or is nil without a document.
func (m Model) sections() Action {
	if m.doc == nil || len(m.heads) == 0 {
		return nil
	}
	secs := make([]content.Section, len(m.heads))
	for i, h := range m.heads {
		secs[i] = content.Section{Level: h.level, Title: h.title}
	}
	return ShowSections{Doc: m.doc, Sections: secs, Current: m.current()}
}

// nextSection scrolls to the first heading below the top line.
func (m *Model) nextSection() {
	top := m.vp.YOffset()
	for i, h := range m.heads {
		if h.line > top {
			m.jump(i)
			return
		}
	}
}

// prevSection scrolls to the last heading above the top line.
func (m *Model) prevSection() {
	top := m.vp.YOffset()
	for i := len(m.heads) - 1; i >= 0; i-- {
		if m.heads[i].line < top {
			m.jump(i)
			return
		}
	}
}

// jump puts heading i at the top of the pane and marks it.
func (m *Model) jump(i int) {
	m.vp.SetYOffset(m.heads[i].line)
	m.target = i
}

// sectionAt returns the index of the last heading at or above line, or -1.
func (m Model) sectionAt(line int) int {
	cur := -1
	for i, h := range m.heads {
		if h.line > line {
			break
		}
		cur = i
	}
	return cur
}

// current returns the section shown at the top: the one jumped to, or the last heading above.
func (m Model) current() int {
	if m.target >= 0 && m.target < len(m.heads) && m.heads[m.target].line == m.vp.YOffset() {
		return m.target
	}
	return m.sectionAt(m.vp.YOffset())
}

// setContent tells the viewport how many lines there are: the document's, and below them enough
// blank ones that the last heading can still reach the top of the pane. The viewport only keeps
// the scroll position, since View draws m.lines itself, so its lines are left blank: measuring
// every line of a long render, as the viewport does with real lines, costs far more than
// drawing the pane, and this runs on every relayout.
func (m *Model) setContent() {
	n := len(m.lines)
	if k := len(m.heads); k > 0 {
		n = max(n, m.heads[k-1].line+m.vp.Height())
	}
	off := m.vp.YOffset()
	m.vp.SetContentLines(make([]string, n))
	m.vp.SetYOffset(off)
}
