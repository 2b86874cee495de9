package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/hsx-dev/hsx/content"
	"github.com/hsx-dev/hsx/content/mdterm"
)

// maxDocWidth is the widest a rendered document is wrapped, however wide the terminal.
const maxDocWidth = 100

// runExplain runs `hsx explain [CODE | CLASS | RULE | TOPIC]`.
func runExplain(args []string, std stdio) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
		return runHelp([]string{"explain"}, std)
	}
	switch len(args) {
	case 0:
		return writeCodeList(std.out, content.ByClass())
	case 1:
	default:
		return usageErrorf("explain takes one code, class or rule, got %d arguments", len(args))
	}
	q := strings.TrimSpace(args[0])
	if strings.HasPrefix(q, "-") {
		return usageErrorf("unknown flag %s for explain", q)
	}
	if g, ok := classQuery(q); ok {
		return writeCodeList(std.out, []content.Group{g})
	}
	if doc, heading, ok := content.ForRule(strings.ToUpper(q)); ok {
		if _, err := fmt.Fprintf(std.out, "Rule %s is explained under %q.\n\n", strings.ToUpper(q), heading); err != nil {
			return err
		}
		return writeDoc(std, doc)
	}
	if doc, ok := lookupDoc(q); ok {
		return writeDoc(std, doc)
	}
	return unknownDoc(q)
}

// classQuery returns the class a query such as "2xx" names.
func classQuery(q string) (content.Group, bool) {
	if len(q) != 3 || !strings.EqualFold(q[1:], "xx") {
		return content.Group{}, false
	}
	return content.Class(q)
}

// lookupDoc finds the document of a status code or a topic ("framing" or "topic-framing").
func lookupDoc(q string) (*content.Doc, bool) {
	if n, err := strconv.Atoi(q); err == nil && len(q) == 3 {
		return content.Lookup(n)
	}
	key := strings.ToLower(q)
	if doc, ok := content.Get(key); ok && doc.Code == 0 {
		return doc, true
	}
	return content.Get("topic-" + key)
}

// unknownDoc is the error for a query that names no document, with the nearest codes.
func unknownDoc(q string) error {
	var near []string
	for _, c := range content.Suggest(q) {
		near = append(near, strconv.Itoa(c))
		if len(near) == 3 {
			break
		}
	}
	what := fmt.Sprintf("no document for %q", q)
	if _, err := strconv.Atoi(q); err == nil && len(q) == 3 {
		what = "unknown status code " + q
	}
	if len(near) == 0 {
		return fmt.Errorf("%s (run 'hsx explain' for the list)", what)
	}
	return fmt.Errorf("%s; nearest: %s", what, strings.Join(near, ", "))
}

// writeCodeList writes every code of the groups with its name.
func writeCodeList(w io.Writer, groups []content.Group) error {
	var b strings.Builder
	for i, g := range groups {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(g.Title + "\n")
		for _, d := range g.Docs {
			fmt.Fprintf(&b, "  %d  %s\n", d.Code, d.Name)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeDoc writes a document: rendered for a terminal, plain markdown otherwise (and with
// NO_COLOR set).
func writeDoc(std stdio, doc *content.Doc) error {
	out, ok := std.out.(*os.File)
	width := termWidth(std.out)
	if !ok || width == 0 || std.getenv("NO_COLOR") != "" {
		_, err := fmt.Fprint(std.out, strings.TrimRight(doc.Markdown, "\n")+"\n")
		return err
	}
	dark := true
	if in, ok := std.in.(*os.File); ok {
		dark = lipgloss.HasDarkBackground(in, out)
	}
	s, err := mdterm.Render(doc, min(width, maxDocWidth), dark)
	if err != nil {
		return err
	}
	_, err = lipgloss.Fprint(std.out, s) // downsampled to what the terminal shows
	return err
}
