package content

import (
	"slices"
	"testing"
)

func TestAllOrder(t *testing.T) {
	docs := All()
	seenTopic := false
	for i, d := range docs {
		if d.Code == 0 {
			seenTopic = true
			continue
		}
		if seenTopic {
			t.Errorf("code document %s after a topic", d.Key)
		}
		if i > 0 && docs[i-1].Code >= d.Code {
			t.Errorf("%s after %s", d.Key, docs[i-1].Key)
		}
	}
	if !seenTopic {
		t.Error("no topic documents")
	}
}

func TestLookupGet(t *testing.T) {
	d, ok := Lookup(204)
	if !ok || d.Key != "204" || d.Name != "No Content" || d.Class != "2xx" || d.Title() != "204 No Content" {
		t.Fatalf("Lookup(204) = %+v, %v", d, ok)
	}
	if _, ok := Lookup(299); ok {
		t.Error("Lookup(299) found a document")
	}
	g, ok := Get("204")
	if !ok || g.Code != 204 {
		t.Errorf("Get(204) = %+v, %v", g, ok)
	}
	f, ok := Get("topic-framing")
	if !ok || f.Code != 0 || f.Title() != f.Name {
		t.Errorf("Get(topic-framing) = %+v, %v", f, ok)
	}
	if _, ok := Get("nope"); ok {
		t.Error("Get(nope) found a document")
	}
}

func TestReturnedDocsAreCopies(t *testing.T) {
	d, _ := Lookup(204)
	d.Name = "changed"
	d.Refs[0] = "changed"
	d.Sources[0] = "changed"
	d.Explains["S9"] = "changed"
	d.Sections[0].Title = "changed"
	again, _ := Lookup(204)
	if again.Name == "changed" || again.Refs[0] == "changed" || again.Sources[0] == "changed" ||
		again.Explains["S9"] == "changed" ||
		again.Sections[0].Title == "changed" {
		t.Error("changing a returned document changed the index")
	}
}

func TestForRule(t *testing.T) {
	tests := []struct {
		id, key, heading string
	}{
		{"S9", "204", "Why bytes after a 204 are dangerous"},
		{"J1", "200", ""},
		{"F12", "topic-framing", ""},
	}
	for _, tt := range tests {
		d, h, ok := ForRule(tt.id)
		if !ok || d.Key != tt.key || (tt.heading != "" && h != tt.heading) {
			t.Errorf("ForRule(%s) = %v, %q, %v; want %s, %q", tt.id, d, h, ok, tt.key, tt.heading)
		}
	}
	if _, _, ok := ForRule("Z99"); ok {
		t.Error("ForRule(Z99) found a document")
	}
}

func TestClasses(t *testing.T) {
	want := []string{"1xx Informational", "2xx Successful", "3xx Redirection", "4xx Client Error", "5xx Server Error"}
	if got := Classes(); !slices.Equal(got, want) {
		t.Errorf("Classes() = %q", got)
	}
	total := 0
	for i, g := range ByClass() {
		if g.Title != want[i] || g.Class != want[i][:3] {
			t.Errorf("group %d = %q %q", i, g.Class, g.Title)
		}
		for _, d := range g.Docs {
			if d.Class != g.Class {
				t.Errorf("%s in group %s", d.Key, g.Class)
			}
		}
		total += len(g.Docs)
	}
	codes := 0
	for _, d := range All() {
		if d.Code != 0 {
			codes++
		}
	}
	if total != codes {
		t.Errorf("ByClass holds %d documents, All %d code documents", total, codes)
	}
	for _, name := range []string{"2xx", "2XX", " 2 "} {
		g, ok := Class(name)
		if !ok || g.Class != "2xx" || len(g.Docs) == 0 {
			t.Errorf("Class(%q) = %+v, %v", name, g, ok)
		}
	}
	for _, name := range []string{"6xx", "", "x", "20"} {
		if _, ok := Class(name); ok {
			t.Errorf("Class(%q) found a group", name)
		}
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct {
		query string
		want  []int
	}{
		{"204", []int{204}},
		{"299", []int{226, 208, 207, 206, 205}},
		{"209", []int{208, 207, 206, 205, 204}},
		{"20", []int{200, 201, 202, 203, 204}},
		{"10", []int{100, 101, 102, 103}},
		{"2044", []int{204, 203, 205, 202, 206}},
		{"699", []int{511, 510, 508, 507, 506}},
		{"teapot", []int{418}},
		{"not found", []int{404}},
		{"No Content", []int{204}},
		{"partial", []int{206}},
		{"s9", []int{204}},
		{"", nil},
		{"zzz", nil},
		{"!!", nil},
	}
	for _, tt := range tests {
		if got := Suggest(tt.query); !slices.Equal(got, tt.want) {
			t.Errorf("Suggest(%q) = %v, want %v", tt.query, got, tt.want)
		}
	}
}
