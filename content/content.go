// Package content holds the explainer documents: one markdown document per
// registered HTTP status code, plus topic documents for rules that are not
// about one status code (message framing, header syntax).
//
// The documents are embedded in the binary. Each starts with a front matter
// block of simple "key: value" lines:
//
//	---
//	code: 204
//	name: No Content
//	refs: RFC 9110 §15.3.5; RFC 9112 §6.3
//	related: 200, 205
//	explains: S9=Why bytes after a 204 are dangerous
//	sources: Go 1.26: net/http/server.go keeps Content-Type on a 204
//	---
//
// Topic documents use "topic: framing" instead of "code". The "explains" line
// maps check rule IDs to the exact title of a "##" or "###" heading in the
// same document. The optional "sources" line lists, separated by ";", where
// the document's statements about real software come from: each entry is
// "Subject Version: evidence", the evidence a run, a source file or a
// specification.
//
// The package parses the documents once, on first use, into an immutable
// index. Every function returns copies, so callers may modify what they get.
package content

import (
	"embed"
	"io/fs"
	"strconv"
	"strings"
	"sync"
)

//go:embed docs/*.md
var docsFS embed.FS

// Section is one heading of a document.
type Section struct {
	Level int    // 1 for "#", 2 for "##", 3 for "###", …
	Title string // the heading text, without the leading hashes
}

// Doc is one explainer document.
type Doc struct {
	Key      string            // "204" or "topic-framing": the file name without ".md"
	Code     int               // the status code; 0 for topic documents
	Name     string            // "No Content"; for topics, a title
	Class    string            // "2xx"; "" for topics
	Refs     []string          // "RFC 9110 §15.3.5", in the order of the front matter
	Related  []int             // related status codes
	Explains map[string]string // rule ID -> heading title in this document
	Sources  []string          // "Go 1.26: net/http/server.go …", in the order of the front matter
	Markdown string            // the body, without the front matter
	Sections []Section         // every heading of the body, in order
}

// Title returns a one-line title: "204 No Content", or the name of a topic.
func (d *Doc) Title() string {
	if d.Code == 0 {
		return d.Name
	}
	return d.Key + " " + d.Name
}

// clone returns a deep copy of d.
func (d *Doc) clone() *Doc {
	c := *d
	c.Refs = append([]string(nil), d.Refs...)
	c.Sources = append([]string(nil), d.Sources...)
	c.Related = append([]int(nil), d.Related...)
	c.Sections = append([]Section(nil), d.Sections...)
	c.Explains = make(map[string]string, len(d.Explains))
	for k, v := range d.Explains {
		c.Explains[k] = v
	}
	return &c
}

// loaded is the index of the embedded documents, built once. Documents that
// fail to parse are left out; the package tests require that there are none.
var loaded = sync.OnceValue(func() *index {
	ix, _ := load(docsFS, "docs")
	return ix
})

// All returns every status code document in ascending order of code,
// followed by the topic documents in order of key.
func All() []*Doc {
	ix := loaded()
	out := make([]*Doc, len(ix.docs))
	for i, d := range ix.docs {
		out[i] = d.clone()
	}
	return out
}

// Lookup returns the document for a status code. It parses that document alone: a code's
// document is the file named after the code, so the index is not needed to find it.
func Lookup(code int) (*Doc, bool) {
	d, ok := Get(strconv.Itoa(code))
	if !ok || d.Code != code {
		return nil, false
	}
	return d, true
}

// Get returns the document with the given key ("204", "topic-framing"), parsing that document
// alone.
func Get(key string) (*Doc, bool) {
	name := "docs/" + key + ".md"
	if key == "" || strings.ContainsAny(key, "/\\") || !fs.ValidPath(name) {
		return nil, false
	}
	data, err := docsFS.ReadFile(name)
	if err != nil {
		return nil, false
	}
	d, err := parseDoc(key, string(data))
	if err != nil {
		return nil, false
	}
	return d, true
}

// ForRule returns the document that explains the check rule with the given
// ID (such as "S9") and the title of the heading that explains it.
func ForRule(id string) (doc *Doc, heading string, ok bool) {
	d, ok := loaded().byRule[id]
	if !ok {
		return nil, "", false
	}
	return d.clone(), d.Explains[id], true
}

// SectionMarkdown returns the markdown of the section under the heading with
// the given title: the heading line and everything after it up to the next
// heading of the same or a higher level (fewer "#"), without trailing blank
// lines. It reports false when the document has no such heading.
func (d *Doc) SectionMarkdown(title string) (string, bool) {
	lines := strings.Split(d.Markdown, "\n")
	heads := locateHeadings(lines)
	for i, h := range heads {
		if h.Title != title {
			continue
		}
		end := len(lines)
		for _, next := range heads[i+1:] {
			if next.Level <= h.Level {
				end = next.line
				break
			}
		}
		return strings.TrimRight(strings.Join(lines[h.line:end], "\n"), "\n ") + "\n", true
	}
	return "", false
}
