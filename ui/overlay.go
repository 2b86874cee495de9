package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/content"
	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/probe/lab"
	"github.com/hsx-dev/hsx/ui/explainer"
	"github.com/hsx-dev/hsx/ui/history"
	"github.com/hsx-dev/hsx/ui/layout"
	"github.com/hsx-dev/hsx/ui/picker"
	"github.com/hsx-dev/hsx/ui/theme"
)

// The pickers the root opens, by ID.
const (
	pickCodes    = "codes"
	pickLab      = "lab"
	pickHistory  = "history"
	pickSections = "sections"
)

// overlay is the open picker and what its items stand for.
type overlay struct {
	on        bool // whether a picker is open
	p         picker.Model
	docs      []*content.Doc
	scenarios []lab.Scenario
	entries   []history.Entry
	sections  []content.Section
}

func (o overlay) open() bool { return o.on }

func (o *overlay) setSize(w, h int) {
	if o.on {
		o.p.SetSize(min(w-4, 110), h-4)
	}
}

func (o *overlay) setTheme(th theme.Theme) {
	if o.on {
		o.p.SetTheme(th)
	}
}

// show opens p as the overlay, sized for the screen.
func (m *Model) show(o overlay, p picker.Model) {
	o.on, o.p = true, p
	m.overlay = o
	m.overlay.setSize(m.width, m.height)
}

// openCodes opens the list of every documented status code (and topic).
func (m *Model) openCodes() {
	m.openDocs(content.All(), "Status codes")
}

// openRelated opens the list of the codes related to the explainer's document.
func (m *Model) openRelated(msg explainer.ShowRelated) {
	var docs []*content.Doc
	for _, code := range msg.Doc.Related {
		if d, ok := content.Lookup(code); ok {
			docs = append(docs, d)
		}
	}
	m.openDocs(docs, "Related to "+msg.Doc.Title())
}

// openDocs opens a list of documents to show in the explainer.
func (m *Model) openDocs(docs []*content.Doc, title string) {
	items := make([]picker.Item, len(docs))
	for i, d := range docs {
		it := picker.Item{Title: d.Title(), Detail: d.Class, Filter: docFilter(d)}
		if d.Code != 0 {
			it.Color = m.th.Class(d.Code)
		} else {
			it.Detail = "topic"
		}
		items[i] = it
	}
	p := picker.New(m.th, pickCodes, title, items)
	for i, d := range docs {
		if cur := m.explainer.Doc(); cur != nil && d.Key == cur.Key {
			p.Select(i)
		}
	}
	m.show(overlay{docs: docs}, p)
}

// openLab opens the list of the lab's scenarios; without a lab it says so instead.
func (m *Model) openLab() tea.Cmd {
	if m.opts.LabURL == "" {
		return m.flash("no lab is running (start one with: hsx lab)", noticeError)
	}
	scs := lab.Scenarios()
	items := make([]picker.Item, len(scs))
	for i, s := range scs {
		detail := codeCell(s.Code) + "  " + s.Description
		if len(s.Rules) > 0 {
			detail += "  [" + strings.Join(s.Rules, " ") + "]"
		}
		items[i] = picker.Item{Title: fmt.Sprintf("%-7s %s", s.Method(), s.Example()), Detail: detail}
		if s.Code != 0 {
			items[i].Color = m.th.Class(s.Code)
		}
	}
	m.show(overlay{scenarios: scs}, picker.New(m.th, pickLab, "Lab scenarios", items))
	return nil
}

// openHistory opens the list of requests sent, newest first, each distinct request once (at
// its newest sending, with how many times it was sent). Requests sent to the lab of an earlier
// run are shown, and sent again, at the lab of this one.
func (m *Model) openHistory() {
	entries, counts := distinct(m.history)
	for i, e := range entries {
		entries[i] = e.Rebase(m.opts.LabURL)
	}
	now := time.Now()
	items := make([]picker.Item, len(entries))
	for i, e := range entries {
		u := e.URL
		if m.opts.Present {
			u = theme.MaskURL(u)
		}
		detail := codeCell(e.Status) + "  " + ago(now.Sub(e.Time))
		if counts[i] > 1 {
			detail += fmt.Sprintf("  ×%d", counts[i])
		}
		items[i] = picker.Item{Title: fmt.Sprintf("%-7s %s", e.Method, u), Detail: detail}
		if e.Status != 0 {
			items[i].Color = m.th.Class(e.Status)
		}
	}
	p := picker.New(m.th, pickHistory, "History", items)
	p.SetEmptyText("no requests sent yet")
	if len(m.setAside) > 0 {
		p.SetNote(append([]string{theme.Glyph(check.Warning) + " The history file could not be read. It was set aside as:"}, m.setAside...)...)
		m.warnHistory = false
	}
	m.show(overlay{entries: entries}, p)
}

// distinct returns each distinct request of entries once, at its first entry (entries come
// newest first, so that is its newest sending), and how many entries each one stands for.
func distinct(entries []history.Entry) ([]history.Entry, []int) {
	var out []history.Entry
	var counts []int
	for _, e := range entries {
		i := slices.IndexFunc(out, func(o history.Entry) bool { return history.SameRequest(o, e) })
		if i >= 0 {
			counts[i]++
			continue
		}
		out = append(out, e)
		counts = append(counts, 1)
	}
	return out, counts
}

// openSections opens the list of the explainer document's sections.
func (m *Model) openSections(msg explainer.ShowSections) {
	items := make([]picker.Item, len(msg.Sections))
	for i, s := range msg.Sections {
		items[i] = picker.Item{Title: strings.Repeat("  ", max(s.Level-2, 0)) + s.Title}
	}
	p := picker.New(m.th, pickSections, msg.Doc.Title()+" — sections", items)
	if msg.Current >= 0 {
		p.Select(msg.Current)
	}
	m.show(overlay{sections: msg.Sections}, p)
}

// choose acts on the item chosen in the overlay, and closes it.
func (m *Model) choose(msg picker.Chosen) tea.Cmd {
	o := m.overlay
	m.overlay = overlay{}
	switch msg.ID {
	case pickCodes:
		return tea.Batch(m.explainer.SetDoc(o.docs[msg.Index].Key), m.setFocus(layout.Explainer))
	case pickSections:
		m.explainer.GotoSection(o.sections[msg.Index].Title)
	case pickLab:
		s := o.scenarios[msg.Index]
		req := probe.Request{Method: s.Method(), URL: m.opts.LabURL + s.Example()}
		if s.HTTP2 {
			req.HTTP2 = probe.HTTP2Prior // the lab serves these as HTTP/2 frames only
		}
		return m.fill(req)
	case pickHistory:
		return m.fill(o.entries[msg.Index].Request())
	}
	return nil
}

// fill puts req in the composer and focuses it, ready to send.
func (m *Model) fill(req probe.Request) tea.Cmd {
	m.composer.SetRequest(req)
	return m.setFocus(layout.Composer)
}

// overlayUpdate hands msg to the open picker and applies what it decided at once, so that the
// next key already finds the picker closed.
func (m *Model) overlayUpdate(msg tea.Msg) tea.Cmd {
	var act picker.Action
	m.overlay.p, act = m.overlay.p.Update(msg)
	switch act := act.(type) {
	case picker.Chosen:
		return m.choose(act)
	case picker.Closed:
		m.overlay = overlay{}
	}
	return nil
}

// overlayMouse hands mouse events inside the box to the picker; a click outside closes it.
func (m *Model) overlayMouse(msg tea.MouseMsg) tea.Cmd {
	r := m.overlayRect()
	mo := msg.Mouse()
	if !r.Contains(mo.X, mo.Y) {
		if _, ok := msg.(tea.MouseClickMsg); ok {
			m.overlay = overlay{}
		}
		return nil
	}
	mo.X, mo.Y = mo.X-r.X, mo.Y-r.Y
	switch msg.(type) {
	case tea.MouseClickMsg:
		return m.overlayUpdate(tea.MouseClickMsg(mo))
	case tea.MouseWheelMsg:
		return m.overlayUpdate(tea.MouseWheelMsg(mo))
	}
	return nil
}

// overlayRect is where the open picker's box is drawn: centred.
func (m Model) overlayRect() layout.Rect {
	w, h := m.overlay.p.Size()
	return layout.Rect{X: max((m.width-w)/2, 0), Y: max((m.height-1-h)/2, 0), W: w, H: h}
}

// ago says how long ago something happened, in one short word.
func ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%dm ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh ago", int(d.Hours()))
	}
	return fmt.Sprintf("%dd ago", int(d.Hours()/24))
}

// codeCell is a status code as a column three cells wide; "—" (padded to the same width) when
// there is none, so that what follows it lines up with the rows that have one.
func codeCell(code int) string {
	if code == 0 {
		return "—  "
	}
	return strconv.Itoa(code)
}

// docFilter is the hidden text a document's row matches besides its title: its references and
// the words of its opening paragraph ("teapot" finds 418). Words with digits are left out, so
// that typing a code matches codes and not the prose that mentions them.
func docFilter(d *content.Doc) string {
	parts := slices.Clone(d.Refs)
	for p := range strings.SplitSeq(d.Markdown, "\n\n") {
		if p = strings.TrimSpace(p); p == "" || strings.HasPrefix(p, "#") {
			continue
		}
		for _, w := range strings.Fields(p) {
			if !strings.ContainsAny(w, "0123456789") {
				parts = append(parts, w)
			}
		}
		break
	}
	return strings.Join(parts, " ")
}
