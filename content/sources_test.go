package content

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// software is a client, server or framework the documents state facts about.
type software struct {
	name    string         // how a sources entry starts: "Express"
	mention *regexp.Regexp // how prose names it
	version *regexp.Regexp // how prose names it with its version; nil when it has none (browsers)
	apart   string         // a longer name that is other software ("Django REST Framework")
}

func knownSoftware() []software {
	re := regexp.MustCompile
	return []software{
		{"Go", re(`\bGo\b|\bnet/http\b|\bServeMux\b`), re(`\bGo 1\.\d+`), ""},
		{"Express", re(`\bExpress\b`), re(`\bExpress \d`), ""},
		{"Node", re(`\bNode(?:\.js)?\b|\bundici\b|\bllhttp\b`), re(`\bNode(?:\.js)? \d+`), ""},
		{"Django REST Framework", re(`\bDjango REST Framework\b|\bDRF\b`), re(`\bDRF \d`), ""},
		{"Django", re(`\bDjango\b`), re(`\bDjango \d`), "Django REST Framework"},
		{"curl", re(`\bcurl\b`), re(`\bcurl \d`), ""},
		{"requests", re(`\bPython requests\b|\brequests'|\brequests \d`), re(`\brequests \d`), ""},
		{"urllib3", re(`\burllib3\b`), re(`\burllib3 \d`), ""},
		{"axios", re(`\baxios\b`), re(`\baxios \d`), ""},
		{"nginx", re(`\bnginx\b`), re(`\bnginx \d`), ""},
		{"FastAPI", re(`\bFastAPI\b`), re(`\bFastAPI 0\.\d+`), ""},
		{"Spring", re(`\bSpring\b`), re(`\bSpring (?:Boot |Framework )?\d`), ""},
		{"Rails", re(`\bRails\b`), re(`\bRails \d`), ""},
		{"ASP.NET Core", re(`\bASP\.NET\b`), re(`\bASP\.NET Core \d`), ""},
		{"Laravel", re(`\bLaravel\b`), re(`\bLaravel \d`), ""},
		{"Browsers", re(`\b(?:Chrome|Chromium|Firefox|Safari|WebKit)\b`), nil, ""},
	}
}

// sourcedDocs are the documents whose statements about real software are held to their
// sources; the others are still to be checked.
var sourcedDocs = []string{"100", "103", "200", "204", "205", "301", "302", "304", "307", "404", "413", "429", "500", "503", "401", "303", "308", "topic-cors", "topic-caching"}

// prose returns a document body without its fenced code blocks.
func prose(body string) string {
	var b strings.Builder
	fence := ""
	for _, line := range strings.Split(body, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		if f := fenceOpener(trimmed); f != "" {
			fence = f
			continue
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// sourceProblems says which software d's prose names without a source, or without a version.
func sourceProblems(d *Doc) []string {
	text := strings.Join(strings.Fields(prose(d.Markdown)), " ")
	var out []string
	for _, sw := range knownSoftware() {
		own := text
		if sw.apart != "" {
			own = strings.ReplaceAll(text, sw.apart, "")
		}
		if !sw.mention.MatchString(own) {
			continue
		}
		i := slices.IndexFunc(d.Sources, func(s string) bool {
			subject, _, _ := strings.Cut(s, ": ")
			return strings.HasPrefix(subject, sw.name) &&
				(len(subject) == len(sw.name) || !isWordByte(subject[len(sw.name)]))
		})
		switch {
		case i < 0:
			out = append(out, "names "+sw.name+" but sources has no \""+sw.name+" …: …\" entry")
		case sw.version != nil && !strings.ContainsAny(strings.SplitN(d.Sources[i], ": ", 2)[0], "0123456789"):
			out = append(out, "the source for "+sw.name+" names no version: "+d.Sources[i])
		case sw.version != nil && !sw.version.MatchString(own):
			out = append(out, "names "+sw.name+" but never with its version (like "+sw.version.String()+")")
		}
	}
	return out
}

func isWordByte(c byte) bool {
	return c == '_' || c == '.' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// TestSourcesBackStatements holds each checked document to its sources: every client, server or
// framework its prose names has an entry in "sources:" with the version it was checked on, and
// the prose names that version too.
func TestSourcesBackStatements(t *testing.T) {
	for _, key := range sourcedDocs {
		d, ok := Get(key)
		if !ok {
			t.Errorf("no document %s", key)
			continue
		}
		for _, p := range sourceProblems(d) {
			t.Errorf("%s.md %s", key, p)
		}
	}
}

func TestSourceProblems(t *testing.T) {
	tests := []struct {
		name, body string
		sources    []string
		want       string // part of the one problem expected; "" for none
	}{
		{"sourced with version", "Express 5 sends an ETag.", []string{"Express 5.3.0: a run"}, ""},
		{"no source", "Express sends an ETag.", nil, "no \"Express …: …\" entry"},
		{"source without version", "Express 5 sends an ETag.", []string{"Express: a run"}, "names no version"},
		{"prose without version", "Express sends an ETag.", []string{"Express 5.3.0: a run"}, "never with its version"},
		{"other software's source", "curl 7.88 keeps it.", []string{"Express 5.3.0: a run"}, "\"curl …: …\""},
		{"code blocks do not count", "```js\nconst express = require(\"express\"); // Express\n```\n", nil, ""},
		{"browsers need no version", "Firefox fails it.", []string{"Browsers: WPT"}, ""},
		{"a longer name is another subject", "Go 1.26 does.", []string{"Gopher 1.0: a run"}, "no \"Go …: …\" entry"},
	}
	for _, tt := range tests {
		got := sourceProblems(&Doc{Markdown: tt.body, Sources: tt.sources})
		switch {
		case tt.want == "" && len(got) > 0:
			t.Errorf("%s: problems %q, want none", tt.name, got)
		case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)):
			t.Errorf("%s: problems %q, want one that says %q", tt.name, got, tt.want)
		}
	}
}
