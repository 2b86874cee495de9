package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/content"
	"github.com/hsx-dev/hsx/content/mdterm"
	"github.com/hsx-dev/hsx/probe/check"
)

// maxDocWidth is the widest a rendered document is wrapped, however wide the terminal.
const maxDocWidth = 100

// explainUsage is the help of `hsx explain`.
const explainUsage = `Usage: hsx explain [CODE | CLASS | RULE | TOPIC | --rules]

  hsx explain          every status code with its name, grouped by class
  hsx explain 204      the document of 204 No Content
  hsx explain 299      a code that is not registered: how clients treat it, and its class
  hsx explain 2xx      the codes of one class
  hsx explain S9       the section that explains rule S9 of hsx check (any case: s9)
  hsx explain framing  the document on message framing and header syntax
  hsx explain --rules  every rule of hsx check: ID, severity, title and reference

On a terminal, documents are rendered (plain markdown with NO_COLOR set or when piped), and
output taller than the terminal goes through $PAGER (less -R when PAGER is unset; LESS=FRX
when LESS is unset). PAGER= or PAGER=cat writes directly.
`

// runExplain runs `hsx explain [CODE | CLASS | RULE | TOPIC | --rules]`. Output taller than
// the terminal goes through the pager.
func runExplain(args []string, std stdio) error {
	text, err := explainText(args, std)
	if err != nil {
		return err
	}
	return page(std, text)
}

// explainText returns what `hsx explain` prints for args.
func explainText(args []string, std stdio) (string, error) {
	rules := false
	var queries []string
	for _, a := range args {
		switch {
		case a == "-h" || a == "--help":
			return explainUsage, nil
		case a == "--rules":
			rules = true
		case strings.HasPrefix(a, "-") && a != "-":
			return "", usageErrorf("unknown flag %s for explain", a)
		default:
			queries = append(queries, strings.TrimSpace(a))
		}
	}
	switch {
	case rules && len(queries) > 0:
		return "", usageErrorf("explain --rules takes no code or rule, got %q", queries[0])
	case rules:
		return ruleList(check.Rules()), nil
	case len(queries) == 0:
		return codeList(content.ByClass()), nil
	case len(queries) > 1:
		return "", usageErrorf("explain takes one code, class or rule, got %d arguments", len(queries))
	}
	q := queries[0]
	if g, ok := classQuery(q); ok {
		return codeList([]content.Group{g}), nil
	}
	if content.IsRuleID(q) {
		return ruleText(std, strings.ToUpper(q))
	}
	if isDigits(q) {
		n, _ := strconv.Atoi(q) // too long to parse: too long for a code
		return codeText(std, q, n)
	}
	if doc, ok := topicDoc(q); ok {
		return docText(std, doc.Markdown)
	}
	return "", unknownDoc(q)
}

// classQuery returns the class a query such as "2xx" names.
func classQuery(q string) (content.Group, bool) {
	if len(q) != 3 || !strings.EqualFold(q[1:], "xx") {
		return content.Group{}, false
	}
	return content.Class(q)
}

// topicDoc finds the document of a topic ("framing" or "topic-framing").
func topicDoc(q string) (*content.Doc, bool) {
	key := strings.ToLower(q)
	if doc, ok := content.Get(key); ok && doc.Code == 0 {
		return doc, true
	}
	return content.Get("topic-" + key)
}

// docQuery is the argument of `hsx explain` that shows doc: "204", "framing".
func docQuery(doc *content.Doc) string {
	return strings.TrimPrefix(doc.Key, "topic-")
}

// ruleText is a rule's section of the document that explains it, between a line that names
// the rule (severity, title and reference from the catalog) and its document, and a line that
// says how to see the whole document. The two lines are paragraphs of the markdown, so that on
// a terminal they are wrapped with the section.
func ruleText(std stdio, id string) (string, error) {
	doc, heading, ok := content.ForRule(id)
	if !ok {
		return "", unknownRule(id)
	}
	section, ok := doc.SectionMarkdown(heading)
	if !ok {
		return "", fmt.Errorf("rule %s: document %s has no section %q", id, doc.Key, heading)
	}
	return docText(std, ruleLine(id, doc)+"\n\n"+section+"\nThe whole document: hsx explain "+docQuery(doc)+"\n")
}

// ruleLine names a rule: "S9 · error · 204 response with content or trailers · RFC 9110
// §15.3.5 · from 204 No Content".
func ruleLine(id string, doc *content.Doc) string {
	parts := []string{id}
	if r, ok := check.Lookup(id); ok { // content's tests hold every explained rule to the catalog
		parts = append(parts, r.Severity.String(), r.Title, r.Ref)
	}
	return strings.Join(append(parts, "from "+doc.Title()), " · ")
}

// unknownRule is the error for a rule ID that no document explains, with the nearest IDs.
func unknownRule(id string) error {
	if near := content.SuggestRule(id); len(near) > 0 {
		return fmt.Errorf("unknown rule %s; nearest: %s", id, strings.Join(near, ", "))
	}
	return fmt.Errorf("unknown rule %s (run 'hsx explain --rules' for the list)", id)
}

// codeText is the document of a status code. A code without a document in 100–599 is not a
// registered one; it gets its class's list of codes and how a client treats it.
func codeText(std stdio, q string, n int) (string, error) {
	if len(q) != 3 || n < 100 || n > 599 {
		return "", outsideRange(q)
	}
	if doc, ok := content.Lookup(n); ok {
		return docText(std, doc.Markdown)
	}
	g, ok := content.Class(q[:1])
	if !ok {
		return "", unknownDoc(q)
	}
	base := n / 100 * 100
	name := strconv.Itoa(base)
	if doc, ok := content.Lookup(base); ok {
		name = doc.Title()
	}
	note := fmt.Sprintf("%d is not registered with IANA: a client that does not recognize it must treat it as %s, "+
		"the x00 code of its class, and must not cache the response (RFC 9110 §15).", n, name)
	if width := termWidth(std.out); width > 0 {
		note = ansi.Wordwrap(note, min(width, maxDocWidth), "")
	}
	return note + "\n\n" + codeList([]content.Group{g}) + fmt.Sprintf("\nHow a client handles it: hsx explain %d\n", base), nil
}

// outsideRange is the error for a number that cannot be a status code, with the nearest codes
// when it is not three digits long ("2044": 204).
func outsideRange(q string) error {
	msg := q + " is not a status code: they run from 100 to 599 (RFC 9110 §15); hsx explain F3 says what clients do with one"
	if near := nearestCodes(q); len(q) != 3 && near != "" {
		return fmt.Errorf("%s; nearest: %s", msg, near)
	}
	return fmt.Errorf("%s", msg)
}

// unknownDoc is the error for a query that names no document, with the nearest codes.
func unknownDoc(q string) error {
	if near := nearestCodes(q); near != "" {
		return fmt.Errorf("no document for %q; nearest: %s", q, near)
	}
	return fmt.Errorf("no document for %q (run 'hsx explain' for the list)", q)
}

// nearestCodes lists the three codes nearest to q ("226, 208, 207"), or is "".
func nearestCodes(q string) string {
	var near []string
	for _, c := range content.Suggest(q) {
		near = append(near, strconv.Itoa(c))
		if len(near) == 3 {
			break
		}
	}
	return strings.Join(near, ", ")
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// codeList lists every code of the groups with its name.
func codeList(groups []content.Group) string {
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
	return b.String()
}

// ruleList lists the rules one a line: ID, severity, title and reference, in columns.
func ruleList(rules []check.Rule) string {
	title := 0
	for _, r := range rules {
		title = max(title, len([]rune(r.Title)))
	}
	var b strings.Builder
	for _, r := range rules {
		fmt.Fprintf(&b, "%-4s %-7s %-*s  %s\n", r.ID, r.Severity, title, r.Title, r.Ref)
	}
	return b.String()
}

// docText is markdown as standard output takes it: rendered for a terminal (wrapped, with
// 256-colour escapes that page downsamples), the markdown itself otherwise and with NO_COLOR
// set.
func docText(std stdio, markdown string) (string, error) {
	out, ok := std.out.(*os.File)
	width := termWidth(std.out)
	if !ok || width == 0 || noColor(std) {
		return strings.TrimRight(markdown, "\n") + "\n", nil
	}
	dark := true
	if in, ok := std.in.(*os.File); ok {
		dark = lipgloss.HasDarkBackground(in, out)
	}
	doc, err := mdterm.Render(&content.Doc{Markdown: markdown}, min(width, maxDocWidth), dark)
	if err != nil {
		return "", err
	}
	return doc.String(), nil
}
