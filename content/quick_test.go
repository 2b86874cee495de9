package content

import (
	"testing"
	"testing/fstest"
)

// TestHeadlinesAgree checks that Documented and Explained answer as Lookup and ForRule do, for
// every status code and for every rule ID a document explains, and for IDs none explains.
func TestHeadlinesAgree(t *testing.T) {
	t.Parallel()
	for code := 100; code <= 599; code++ {
		_, want := Lookup(code)
		if got := Documented(code); got != want {
			t.Errorf("Documented(%d) = %v, Lookup says %v", code, got, want)
		}
	}
	ids := []string{"", "S0", "S999", "X1", "s9"}
	for _, d := range All() {
		for id := range d.Explains {
			ids = append(ids, id)
		}
	}
	for _, id := range ids {
		_, _, want := ForRule(id)
		if got := Explained(id); got != want {
			t.Errorf("Explained(%q) = %v, ForRule says %v", id, got, want)
		}
	}
	if len(ids) < 10 {
		t.Fatalf("only %d rule IDs to compare", len(ids))
	}
}

// TestReadHeadlines checks the front matter reading on documents of its own.
func TestReadHeadlines(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"d/204.md":           {Data: []byte("---\r\ncode: 204\r\nname: No Content\r\nexplains: S9=Stray; J2 = Json\r\n---\r\n# 204\r\n")},
		"d/topic-x.md":       {Data: []byte("---\ntopic: x\nname: X\nexplains: F1=One\n---\nexplains: F9=Body\n")},
		"d/broken.md":        {Data: []byte("code: 500\n")},
		"d/not-markdown.txt": {Data: []byte("---\ncode: 400\n---\n")},
	}
	h := readHeadlines(fsys, "d")
	if len(h.codes) != 1 || !h.codes[204] {
		t.Errorf("codes %v, want only 204", h.codes)
	}
	if len(h.rules) != 3 || !h.rules["S9"] || !h.rules["J2"] || !h.rules["F1"] {
		t.Errorf("rules %v, want S9, J2 and F1", h.rules)
	}
}
