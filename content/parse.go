package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

// index is the parsed set of documents. It is never modified after load.
type index struct {
	docs   []*Doc          // codes ascending, then topics by key
	byCode map[int]*Doc    // status code documents
	byKey  map[string]*Doc // every document
	byRule map[string]*Doc // rule ID -> the document that explains it
}

// load parses every "*.md" file in dir of fsys. It returns an index of the
// documents that parsed and an error that joins every problem found: parse
// errors, duplicate codes and rule IDs explained by more than one document.
func load(fsys fs.FS, dir string) (*index, error) {
	ix := &index{
		byCode: map[int]*Doc{},
		byKey:  map[string]*Doc{},
		byRule: map[string]*Doc{},
	}
	names, err := fs.Glob(fsys, path.Join(dir, "*.md"))
	if err != nil {
		return ix, fmt.Errorf("content: list documents: %w", err)
	}
	var errs []error
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, fmt.Errorf("content: %w", err))
			continue
		}
		key := strings.TrimSuffix(path.Base(name), ".md")
		d, err := parseDoc(key, string(data))
		if err != nil {
			errs = append(errs, fmt.Errorf("content: %s: %w", path.Base(name), err))
			continue
		}
		if d.Code != 0 {
			if _, dup := ix.byCode[d.Code]; dup {
				errs = append(errs, fmt.Errorf("content: %s: code %d has two documents", path.Base(name), d.Code))
				continue
			}
			ix.byCode[d.Code] = d
		}
		ix.byKey[d.Key] = d
		ix.docs = append(ix.docs, d)
	}
	slices.SortFunc(ix.docs, compareDocs)
	for _, d := range ix.docs {
		for _, id := range sortedKeys(d.Explains) {
			if other, dup := ix.byRule[id]; dup {
				errs = append(errs, fmt.Errorf("content: rule %s is explained by both %s and %s", id, other.Key, d.Key))
				continue
			}
			ix.byRule[id] = d
		}
	}
	return ix, errors.Join(errs...)
}

// compareDocs orders status code documents by code, before topic documents,
// which are ordered by key.
func compareDocs(a, b *Doc) int {
	switch {
	case a.Code != 0 && b.Code != 0:
		return a.Code - b.Code
	case a.Code != 0:
		return -1
	case b.Code != 0:
		return 1
	}
	return strings.Compare(a.Key, b.Key)
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// parseDoc parses one document: its front matter and the headings of its
// body. key is the file name without ".md"; for a status code document it
// must be the code, for a topic "topic-" followed by the topic.
func parseDoc(key, text string) (*Doc, error) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	front, body, err := splitFrontMatter(text)
	if err != nil {
		return nil, err
	}
	d := &Doc{Key: key, Explains: map[string]string{}, Markdown: body}
	seen := map[string]bool{}
	for i, line := range strings.Split(front, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("front matter line %d: want \"key: value\", got %q", i+2, line)
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if seen[k] {
			return nil, fmt.Errorf("front matter: %q appears twice", k)
		}
		seen[k] = true
		if err := d.setField(k, v); err != nil {
			return nil, fmt.Errorf("front matter %q: %w", k, err)
		}
	}
	if err := d.validateHeader(seen); err != nil {
		return nil, err
	}
	d.Sections = headings(body)
	return d, nil
}

// splitFrontMatter separates the front matter block, delimited by lines
// "---", from the body that follows it.
func splitFrontMatter(text string) (front, body string, err error) {
	rest, ok := strings.CutPrefix(text, "---\n")
	if !ok {
		return "", "", errors.New("no front matter: the document must start with a line \"---\"")
	}
	if f, b, ok := strings.Cut(rest, "\n---\n"); ok {
		return f, strings.TrimLeft(b, "\n"), nil
	}
	if f, ok := strings.CutSuffix(rest, "\n---"); ok {
		return f, "", nil
	}
	return "", "", errors.New("front matter is not closed by a line \"---\"")
}

// setField stores one front matter field.
func (d *Doc) setField(k, v string) error {
	switch k {
	case "code":
		n, err := strconv.Atoi(v)
		if err != nil || len(v) != 3 || n < 100 || n > 599 {
			return fmt.Errorf("want a status code 100..599, got %q", v)
		}
		d.Code = n
		d.Class = v[:1] + "xx"
	case "topic":
		if v == "" {
			return errors.New("empty topic")
		}
	case "name":
		d.Name = v
	case "refs":
		d.Refs = splitList(v, ";")
	case "sources":
		for _, s := range splitList(v, ";") {
			subject, evidence, ok := strings.Cut(s, ": ")
			if !ok || strings.TrimSpace(subject) == "" || strings.TrimSpace(evidence) == "" {
				return fmt.Errorf("want \"Subject Version: evidence\", got %q", s)
			}
			d.Sources = append(d.Sources, s)
		}
	case "related":
		for _, s := range splitList(v, ",") {
			n, err := strconv.Atoi(s)
			if err != nil || n < 100 || n > 599 {
				return fmt.Errorf("want status codes, got %q", s)
			}
			d.Related = append(d.Related, n)
		}
	case "explains":
		for _, item := range splitList(v, ";") {
			id, heading, ok := strings.Cut(item, "=")
			id, heading = strings.TrimSpace(id), strings.TrimSpace(heading)
			if !ok || id == "" || heading == "" {
				return fmt.Errorf("want RULE=Heading, got %q", item)
			}
			if _, dup := d.Explains[id]; dup {
				return fmt.Errorf("rule %s listed twice", id)
			}
			d.Explains[id] = heading
		}
	default:
		return errors.New("unknown key")
	}
	return nil
}

// validateHeader checks the combination of front matter fields and that the
// file name matches them.
func (d *Doc) validateHeader(seen map[string]bool) error {
	switch {
	case seen["code"] && seen["topic"]:
		return errors.New("front matter has both code and topic")
	case seen["code"]:
		if d.Key != strconv.Itoa(d.Code) {
			return fmt.Errorf("file name %q does not match code %d", d.Key+".md", d.Code)
		}
	case seen["topic"]:
		if !strings.HasPrefix(d.Key, "topic-") {
			return fmt.Errorf("topic document %q must be named topic-*.md", d.Key+".md")
		}
	default:
		return errors.New("front matter needs a code or a topic")
	}
	if d.Name == "" {
		return errors.New("front matter needs a name")
	}
	return nil
}

// splitList splits s at sep and trims the parts, dropping empty ones.
func splitList(s, sep string) []string {
	var out []string
	for _, p := range strings.Split(s, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// headings returns the ATX headings of a markdown body, skipping fenced
// code blocks.
func headings(body string) []Section {
	var out []Section
	for _, h := range locateHeadings(strings.Split(body, "\n")) {
		out = append(out, h.Section)
	}
	return out
}

// locatedHeading is a heading and the index of its line.
type locatedHeading struct {
	Section
	line int
}

// locateHeadings returns the ATX headings among the lines of a markdown
// body, skipping fenced code blocks.
func locateHeadings(lines []string) []locatedHeading {
	var out []locatedHeading
	fence := ""
	for i, line := range lines {
		trimmed := strings.TrimLeft(line, " ")
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]+" ") == "" {
				fence = ""
			}
			continue
		}
		if f := fenceOpener(trimmed); f != "" {
			fence = f
			continue
		}
		if len(line)-len(trimmed) > 3 {
			continue
		}
		level := len(trimmed) - len(strings.TrimLeft(trimmed, "#"))
		if level == 0 || level > 6 {
			continue
		}
		title, ok := strings.CutPrefix(trimmed[level:], " ")
		if !ok && trimmed[level:] != "" {
			continue
		}
		out = append(out, locatedHeading{Section{Level: level, Title: headingText(title)}, i})
	}
	return out
}

// headingText trims a heading's text and its optional closing sequence of
// "#" characters, which counts only after a space ("C#" keeps its "#").
func headingText(s string) string {
	s = strings.TrimSpace(s)
	t := strings.TrimRight(s, "#")
	if t == "" {
		return ""
	}
	if t != s && strings.HasSuffix(t, " ") {
		return strings.TrimSpace(t)
	}
	return s
}

// fenceOpener returns the fence ("```" or "~~~", possibly longer) that opens
// a fenced code block on line, or "".
func fenceOpener(line string) string {
	for _, c := range []string{"`", "~"} {
		n := len(line) - len(strings.TrimLeft(line, c))
		if n >= 3 {
			return strings.Repeat(c, n)
		}
	}
	return ""
}
