package explainer

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/content"
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
			msg.lines = trimTitle(strings.Split(strings.TrimRight(out, "\n"), "\n"), doc.Title())
		}
		return msg
	}
}

// trimTitle drops the blank lines at the top of a render and the document's "#" title with the
// blank lines after it: the pane's title line already shows it, and rows are precious at 80×24.
func trimTitle(lines []string, title string) []string {
	blank := func(i int) bool { return i < len(lines) && strings.TrimSpace(ansi.Strip(lines[i])) == "" }
	i := 0
	for blank(i) {
		i++
	}
	if i < len(lines) && headingText(lines[i]) == normalize(title) {
		i++
		for blank(i) {
			i++
		}
	}
	return lines[i:]
}

// heading is a section heading located in the rendered lines.
type heading struct {
	title string
	level int
	line  int
}

// findHeadings locates each section's heading (below the document title) in the rendered
// lines, in document order. A renderer may keep a heading's hashes ("## Meaning") and may wrap
// a long one, so a line matches when, without hashes and spaces, it equals the title or begins
// it. Sections that cannot be
// found (which would be a rendering surprise) are left out.
func findHeadings(lines []string, sections []content.Section) []heading {
	plain := make([]string, len(lines))
	for i, l := range lines {
		plain[i] = headingText(l)
	}
	var out []heading
	from := 0
	for _, s := range sections {
		title := normalize(markup.Replace(s.Title))
		if title == "" || s.Level < 2 {
			continue
		}
		for i := from; i < len(plain); i++ {
			p := plain[i]
			if p == title || (len(p) >= min(len(title), 8) && p != "" && strings.HasPrefix(title, p+" ")) {
				out = append(out, heading{title: s.Title, level: s.Level, line: i})
				from = i + 1
				break
			}
		}
	}
	return out
}

// markup is the inline markdown of a heading's title that a rendering does not show.
var markup = strings.NewReplacer("`", "", "*", "")

// headingText is a rendered line as findHeadings and trimTitle compare it with a title: without
// styles, the heading's hashes and the spaces around them, and with its white space normalized.
func headingText(l string) string {
	return normalize(strings.TrimLeft(strings.TrimSpace(ansi.Strip(l)), "# "))
}

// normalize turns non-breaking spaces into spaces and collapses runs of white space.
func normalize(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}
