package content

import (
	"reflect"
	"testing"
)

// TestLookupMatchesIndex checks that Lookup and Get, which parse one document, return what the
// index of all documents holds, for every status code and key, and nothing for keys that name
// no document.
func TestLookupMatchesIndex(t *testing.T) {
	t.Parallel()
	ix := loaded()
	for code := 100; code <= 599; code++ {
		got, ok := Lookup(code)
		want, wantOK := ix.byCode[code]
		if ok != wantOK || ok && !reflect.DeepEqual(got, want) {
			t.Errorf("Lookup(%d) = %v, %v; the index has %v, %v", code, got, ok, want, wantOK)
		}
	}
	for key, want := range ix.byKey {
		if got, ok := Get(key); !ok || !reflect.DeepEqual(got, want) {
			t.Errorf("Get(%q) = %v, %v; the index has %v", key, got, ok, want)
		}
	}
	for _, key := range []string{"", "999", "topic-none", "../content", "docs/204", "204.md", "/204", "2\\04"} {
		if d, ok := Get(key); ok {
			t.Errorf("Get(%q) = %v, want no document", key, d.Key)
		}
	}
	if len(ix.byKey) < 10 {
		t.Fatalf("only %d documents in the index", len(ix.byKey))
	}
}
