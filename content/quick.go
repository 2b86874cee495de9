package content

import (
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

//go:generate go test -run TestHeadlinesTable -update .

// headlines is what the front matter alone says: which status codes have a document and which
// rule IDs a document explains. Documented and Explained answer from a table generated from
// it (headlines_gen.go), so that a caller that only needs to know whether to point at a
// document (the hint line of hsx check) reads no document at all; a test keeps the table in
// step with the documents.
type headlines struct {
	codes map[int]bool
	rules map[string]bool
}

func readHeadlines(fsys fs.FS, dir string) headlines {
	h := headlines{codes: map[int]bool{}, rules: map[string]bool{}}
	names, _ := fs.Glob(fsys, path.Join(dir, "*.md"))
	for _, name := range names {
		front, ok := readFront(fsys, name)
		if !ok {
			continue
		}
		for line := range strings.SplitSeq(front, "\n") {
			k, v, _ := strings.Cut(line, ":")
			switch strings.TrimSpace(k) {
			case "code":
				if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
					h.codes[n] = true
				}
			case "explains":
				for _, item := range splitList(v, ";") {
					if id, _, ok := strings.Cut(item, "="); ok {
						h.rules[strings.TrimSpace(id)] = true
					}
				}
			}
		}
	}
	return h
}

// readFront reads the front matter of one document, and no further than its end.
func readFront(fsys fs.FS, name string) (string, bool) {
	f, err := fsys.Open(name)
	if err != nil {
		return "", false
	}
	defer f.Close()
	var b strings.Builder
	buf := make([]byte, 2048)
	for {
		n, err := f.Read(buf)
		b.Write(buf[:n])
		text := strings.ReplaceAll(b.String(), "\r\n", "\n")
		if front, _, ferr := splitFrontMatter(text); ferr == nil {
			return front, true
		}
		if err != nil || !strings.HasPrefix(text, "---\n"[:min(len(text), 4)]) {
			return "", false
		}
	}
}

// Documented reports whether there is a document for the status code (as Lookup would find),
// without reading any.
func Documented(code int) bool {
	_, ok := slices.BinarySearch(documentedCodes[:], code)
	return ok
}

// Explained reports whether a document explains the check rule with the given ID (as ForRule
// would find), without reading any.
func Explained(id string) bool {
	_, ok := slices.BinarySearch(explainedRules[:], id)
	return ok
}
