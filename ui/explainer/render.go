package explainer

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/content"
	"github.com/hsx-dev/hsx/content/mdterm"
)

// Msg is implemented by every message the explainer sends to itself (finished renders, resize
// debouncing). The root model hands any Msg to the explainer's Update.
type Msg interface{ explainerMsg() }

// renderedMsg carries a finished render.
type renderedMsg struct {
	seq   int
	key   string
	width int
	dark  bool
	lines []string
	heads []heading
	err   error
}

// renderDueMsg fires when the terminal has stopped resizing for a moment.
type renderDueMsg struct{ seq int }

func (renderedMsg) explainerMsg()  {}
func (renderDueMsg) explainerMsg() {}

// resizeDebounce is how long a resize waits for the next one before the document is re-rendered.
const resizeDebounce = 80 * time.Millisecond

// renderCmd renders doc in the background: a long document takes milliseconds.
func renderCmd(render RenderFunc, seq int, doc *content.Doc, width int, dark bool) tea.Cmd {
	return func() tea.Msg {
		out, err := render(doc, width, dark)
		msg := renderedMsg{seq: seq, key: doc.Key, width: width, dark: dark, err: err}
		if err == nil {
			msg.lines, msg.heads = trimTitle(out)
		}
		return msg
	}
}

// heading is a section heading of the rendered document.
type heading struct {
	title string // as the content package has it: Section.Title
	level int
	line  int
}

// trimTitle returns the lines of a render without the blank lines at its top and the
// document's "#" title with the blank lines after it (the pane's title line already shows it,
// and rows are precious at 80×24), and the section headings below that title, located in the
// lines that are left.
func trimTitle(d mdterm.Document) ([]string, []heading) {
	lines := d.Lines
	blank := func(i int) bool { return i < len(lines) && strings.TrimSpace(ansi.Strip(lines[i])) == "" }
	i := 0
	for blank(i) {
		i++
	}
	heads := d.Headings
	if len(heads) > 0 && heads[0].Level == 1 && heads[0].Line == i {
		i = heads[0].End
		for blank(i) {
			i++
		}
		heads = heads[1:]
	}
	var out []heading
	for _, h := range heads {
		if h.Level >= 2 && h.Line >= i {
			out = append(out, heading{title: h.Title, level: h.Level, line: h.Line - i})
		}
	}
	return lines[i:], out
}
