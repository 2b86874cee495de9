package content

import (
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"
)

// headlines is what the front matter alone says: which status codes have a document and which
// rule IDs a document explains. It answers Documented and Explained without parsing the
// documents' bodies, for a caller that only needs to know whether to point at them.
type headlines struct {
	codes map[int]bool
	rules map[string]bool
}

// quick is the headlines of the embedded documents, read once on first use.
var quick = sync.OnceValue(func() headlines {
	return readHeadlines(docsFS, "docs")
})

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
// reading only the documents' front matter.
func Documented(code int) bool { return quick().codes[code] }

// Explained reports whether a document explains the check rule with the given ID (as ForRule
// would find), reading only the documents' front matter.
func Explained(id string) bool { return quick().rules[id] }
