package content

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseDoc(t *testing.T) {
	const good = "---\ncode: 204\nname: No Content\nrefs: RFC 9110 §15.3.5; RFC 9112 §6.3\n" +
		"related: 200, 205\nexplains: S9=Why bytes matter; S2=Rules\n" +
		"sources: Go 1.26: net/http/server.go; curl 7.88: a run\n---\n\n# 204\n\n## Rules\n\n" +
		"```go\n## not a heading\n```\n\n### Why bytes matter ###\n\n## C#\n"
	d, err := parseDoc("204", good)
	if err != nil {
		t.Fatalf("parseDoc: %v", err)
	}
	want := &Doc{
		Key:      "204",
		Code:     204,
		Name:     "No Content",
		Class:    "2xx",
		Refs:     []string{"RFC 9110 §15.3.5", "RFC 9112 §6.3"},
		Related:  []int{200, 205},
		Explains: map[string]string{"S9": "Why bytes matter", "S2": "Rules"},
		Sources:  []string{"Go 1.26: net/http/server.go", "curl 7.88: a run"},
		Markdown: strings.SplitN(good, "---\n", 3)[2][1:],
		Sections: []Section{{1, "204"}, {2, "Rules"}, {3, "Why bytes matter"}, {2, "C#"}},
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("parseDoc =\n%#v\nwant\n%#v", d, want)
	}

	topic, err := parseDoc("topic-framing", "---\ntopic: framing\nname: Framing\n---\nbody\n")
	if err != nil {
		t.Fatalf("parseDoc topic: %v", err)
	}
	if topic.Code != 0 || topic.Class != "" || topic.Name != "Framing" || topic.Markdown != "body\n" {
		t.Errorf("topic = %#v", topic)
	}
}

func TestParseDocErrors(t *testing.T) {
	tests := []struct {
		name, key, text, want string
	}{
		{"no front matter", "200", "# 200 OK\n", "no front matter"},
		{"unclosed", "200", "---\ncode: 200\nname: OK\n", "not closed"},
		{"bad line", "200", "---\ncode: 200\nname OK\n---\n", "key: value"},
		{"unknown key", "200", "---\ncode: 200\nname: OK\ncolor: red\n---\n", "unknown key"},
		{"duplicate key", "200", "---\ncode: 200\nname: OK\nname: OK\n---\n", "twice"},
		{"code range", "600", "---\ncode: 600\nname: X\n---\n", "100..599"},
		{"code not a number", "2xx", "---\ncode: 2xx\nname: X\n---\n", "100..599"},
		{"file name", "201", "---\ncode: 200\nname: OK\n---\n", "does not match"},
		{"no name", "200", "---\ncode: 200\n---\n", "needs a name"},
		{"no code", "200", "---\nname: OK\n---\n", "code or a topic"},
		{"both", "200", "---\ncode: 200\ntopic: x\nname: OK\n---\n", "both"},
		{"topic file", "framing", "---\ntopic: framing\nname: F\n---\n", "topic-*.md"},
		{"related", "200", "---\ncode: 200\nname: OK\nrelated: 2x0\n---\n", "status codes"},
		{"explains form", "200", "---\ncode: 200\nname: OK\nexplains: S7\n---\n", "RULE=Heading"},
		{"explains twice", "200", "---\ncode: 200\nname: OK\nexplains: S7=A; S7=B\n---\n", "twice"},
		{"source without evidence", "200", "---\ncode: 200\nname: OK\nsources: Go 1.26\n---\n", "Subject Version: evidence"},
		{"source without subject", "200", "---\ncode: 200\nname: OK\nsources: : a run\n---\n", "Subject Version: evidence"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseDoc(tt.key, tt.text)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parseDoc error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestLoadRejectsDuplicates(t *testing.T) {
	fsys := fstest.MapFS{
		"d/200.md":        {Data: []byte("---\ncode: 200\nname: OK\nexplains: S7=A\n---\n## A\n")},
		"d/201.md":        {Data: []byte("---\ncode: 201\nname: Created\nexplains: S7=B\n---\n## B\n")},
		"d/topic-x.md":    {Data: []byte("---\ntopic: x\nname: X\n---\n")},
		"d/broken.md":     {Data: []byte("no front matter")},
		"d/ignored.txt":   {Data: []byte("---\ncode: 202\nname: Accepted\n---\n")},
		"d/sub/ignore.md": {Data: []byte("---\ncode: 203\nname: N\n---\n")},
	}
	ix, err := load(fsys, "d")
	if err == nil || !strings.Contains(err.Error(), "rule S7 is explained by both 200 and 201") ||
		!strings.Contains(err.Error(), "broken.md") {
		t.Errorf("load error = %v, want duplicate S7 and broken.md", err)
	}
	var keys []string
	for _, d := range ix.docs {
		keys = append(keys, d.Key)
	}
	if want := []string{"200", "201", "topic-x"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("keys = %v, want %v", keys, want)
	}
}
