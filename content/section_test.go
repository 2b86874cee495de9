package content

import (
	"slices"
	"strings"
	"testing"
)

func TestSectionMarkdown(t *testing.T) {
	const body = "# 204 No Content\n\nLead.\n\n## Rules\n\nIntro.\n\n### First\n\nOne.\n\n" +
		"```md\n## not a heading\n```\n\n### Second ###\n\nTwo.\n  \n\n## Causes\n\nThree.\n\n#### Deep\n\nFour.\n"
	d := &Doc{Key: "204", Code: 204, Markdown: body}
	tests := []struct {
		title string
		want  string // "" when there is no such section
	}{
		{"First", "### First\n\nOne.\n\n```md\n## not a heading\n```\n"},
		{"Second", "### Second ###\n\nTwo.\n"},
		{"Rules", "## Rules\n\nIntro.\n\n### First\n\nOne.\n\n```md\n## not a heading\n```\n\n### Second ###\n\nTwo.\n"},
		{"Causes", "## Causes\n\nThree.\n\n#### Deep\n\nFour.\n"},
		{"Deep", "#### Deep\n\nFour.\n"},
		{"204 No Content", strings.TrimRight(body, "\n") + "\n"},
		{"not a heading", ""},
		{"first", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := d.SectionMarkdown(tt.title)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("SectionMarkdown(%q) = %q, %v; want %q", tt.title, got, ok, tt.want)
		}
	}
}

// TestRuleSections checks that every explained rule's section is a part of its document that
// starts at its heading and stops before the next heading of its level.
func TestRuleSections(t *testing.T) {
	for _, d := range All() {
		for id, title := range d.Explains {
			s, ok := d.SectionMarkdown(title)
			if !ok {
				t.Errorf("%s: no section %q for %s", d.Key, title, id)
				continue
			}
			first, _, _ := strings.Cut(s, "\n")
			if headingText(strings.TrimLeft(first, "# ")) != title || !strings.Contains(d.Markdown, s) ||
				len(s) >= len(d.Markdown)/2 {
				t.Errorf("%s: section of %s is not its own part of the document:\n%.200s", d.Key, id, s)
			}
		}
	}
	s, _ := Lookup(204)
	nine, _ := s.SectionMarkdown(s.Explains["S9"])
	if !strings.HasPrefix(nine, "### Why bytes after a 204 are dangerous\n") || strings.Contains(nine, "### A JSON Content-Type") {
		t.Errorf("S9's section:\n%s", nine)
	}
}

func TestSuggestRule(t *testing.T) {
	tests := []struct {
		query string
		want  []string
	}{
		{"S13", []string{"S12", "S14", "S11"}},
		{"s4", []string{"S3", "S5", "S2"}},
		{"F19", []string{"F18", "F20", "F17"}},
		{"J3", []string{"J2", "J1"}},
		{"S27", []string{"S25", "S29"}},
		{"S99", nil},
		{"X1", nil},
		{"S", nil},
		{"204", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := SuggestRule(tt.query); !slices.Equal(got, tt.want) {
			t.Errorf("SuggestRule(%q) = %v, want %v", tt.query, got, tt.want)
		}
	}
}

func TestIsRuleID(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"S9", true}, {"s9", true}, {"F20", true}, {"XY123", true},
		{"S", false}, {"9", false}, {"204", false}, {"2xx", false}, {"S1234", false},
		{"XYZ1", false}, {"framing", false}, {"S9x", false}, {"", false}, {"ſ9", false},
	}
	for _, tt := range tests {
		if got := IsRuleID(tt.s); got != tt.want {
			t.Errorf("IsRuleID(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
