package results

import (
	"fmt"
	"strings"
	"testing"
)

// longHeader204 is broken204 with a field long enough to wrap in the raw view, the word
// "needle" across the place where a 40-column pane wraps it, and a body with escapes.
var longHeader204 = "HTTP/1.1 200 OK\r\n" +
	"X-Long: " + strings.Repeat("a", 21) + "needle" + strings.Repeat("b", 40) + "\r\n" +
	"Content-Type: text/plain\r\n" +
	"Content-Length: 16\r\n" +
	"\r\n" +
	"one \x1b[2J needle\n"

func TestSearchViews(t *testing.T) {
	t.Parallel()
	binary := "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 40\r\n\r\n" +
		"\x00\x01needle\x02" + strings.Repeat("\xff", 31)
	tests := []struct {
		name   string
		stream string
		tab    Tab
		width  int
		query  string
		total  int
		// pieces is how many row parts the matches are drawn in (more than total when a match
		// crosses a wrap).
		pieces int
		shown  string // text of the current match's row
	}{
		{"raw: found across a wrap", longHeader204, TabRaw, 40, "needle", 2, 3, "aaanee"},
		// The field, and the label of the body: "── body · 16 bytes · Content-Length ──",
		// which wraps at 40 columns.
		{"raw: any case", longHeader204, TabRaw, 40, "content-length", 2, 3, "Content-Length: 16"},
		{"raw: the case of a capital", longHeader204, TabRaw, 40, "Content-length", 0, 0, ""},
		{"raw: unwrapped", longHeader204, TabRaw, 100, "Content-Length", 2, 2, "Content-Length: 16"},
		{"raw: escapes as shown", longHeader204, TabRaw, 40, `\x1b[2J`, 1, 1, `\x1b[2J`},
		{"headers", longHeader204, TabHeaders, 40, "text/plain", 1, 1, "text/plain"},
		{"body", longHeader204, TabBody, 40, "needle", 1, 1, "needle"},
		{"body in hex", binary, TabBody, 100, "needle", 1, 1, "needle"},
		{"nothing found", longHeader204, TabRaw, 40, "haystack", 0, 0, ""},
	}
	for _, tt := range tests {
		m := newDone(t, tt.stream, nil, tt.width, 12, tt.tab)
		m.StartSearch()
		m.SetSearch(tt.query)
		cur, n := m.SearchCount()
		if n != tt.total || len(m.find.pieces) != tt.pieces {
			t.Errorf("%s: %d matches in %d pieces, want %d in %d", tt.name, n, len(m.find.pieces), tt.total, tt.pieces)
			continue
		}
		if n == 0 {
			if cur != -1 {
				t.Errorf("%s: current %d with no matches", tt.name, cur)
			}
			continue
		}
		m.SearchJump(true, 0)
		v := m.View()
		checkShape(t, v, tt.width, 12)
		if !strings.Contains(plain(m), tt.shown) {
			t.Errorf("%s: %q not on screen:\n%s", tt.name, tt.shown, plain(m))
		}
		if !strings.Contains(v, m.st.sgr[kMatchCur]) {
			t.Errorf("%s: the current match is not drawn in its style", tt.name)
		}
		m.EndSearch()
		if v := m.View(); strings.Contains(v, m.st.sgr[kMatchCur]) || strings.Contains(v, m.st.sgr[kMatch]) {
			t.Errorf("%s: matches drawn after EndSearch", tt.name)
		}
	}
}

func TestSearchFollowsTheView(t *testing.T) {
	t.Parallel()
	m := newDone(t, longHeader204, nil, 40, 12, TabRaw)
	m.StartSearch()
	m.SetSearch("needle")
	if _, n := m.SearchCount(); n != 2 {
		t.Fatalf("raw: %d matches", n)
	}
	m, _, _ = m.Update(press('1', "1")) // the headers view
	if _, n := m.SearchCount(); n != 1 {
		t.Errorf("after switching to the headers: %d matches, want 1", n)
	}
	m, _, _ = m.Update(press('3', "3"))
	m.SetSize(100, 12) // the raw line no longer wraps
	if _, n := m.SearchCount(); n != 2 || len(m.find.pieces) != 2 {
		t.Errorf("after a resize: %d matches in %d pieces, want 2 in 2", n, len(m.find.pieces))
	}
}

func TestSearchSteps(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for i := range 60 {
		fmt.Fprintf(&b, "line %02d", i)
		if i%10 == 5 {
			b.WriteString(" mark")
		}
		b.WriteByte('\n')
	}
	body := b.String()
	stream := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	m := newDone(t, stream, nil, 60, 14, TabBody)
	m.scroll(20) // the search starts below the first marks
	m.StartSearch()
	m.SetSearch("mark")
	wantRows := []string{"line 25", "line 35", "line 45", "line 55", "line 05", "line 15"}
	for i, want := range wantRows {
		if i == 0 {
			m.SearchJump(true, 0)
		} else {
			m.SearchJump(false, 1)
		}
		cur, n := m.SearchCount()
		if n != 6 {
			t.Fatalf("%d matches", n)
		}
		if got := rowText(m.views[TabBody].rowAt(m.find.pieces[cur].row)); !strings.HasPrefix(got, want) {
			t.Errorf("jump %d: current match on %q, want %q", i, got, want)
		}
		if !strings.Contains(plain(m), want+" mark") {
			t.Errorf("jump %d: %q not on screen:\n%s", i, want, plain(m))
		}
	}
	m.SearchJump(false, -1)
	if cur, _ := m.SearchCount(); cur != 0 {
		t.Errorf("back one: current %d, want 0", cur)
	}
}

func TestSearchHighlightKeepsText(t *testing.T) {
	t.Parallel()
	r := plainRow(span{"ab世界", kName}, span{"cd", kPlain})
	tests := []struct {
		ps   []piece
		want []span
	}{
		{[]piece{{start: 1, end: 5, match: 0}}, []span{{"a", kName}, {"b世", kMatchCur}}},
		{[]piece{{start: 2, end: 10, match: 1}}, []span{{"ab", kName}, {"世界", kMatch}, {"cd", kMatch}}},
	}
	for i, tt := range tests {
		var out []span
		off := 0
		for _, sp := range r.spans {
			out = splitSpan(out, sp, off, tt.ps, 0)
			off += len(sp.text)
		}
		var text strings.Builder
		for _, sp := range out {
			text.WriteString(sp.text)
		}
		if text.String() != "ab世界cd" {
			t.Errorf("%d: text %q", i, text.String())
		}
		for j, w := range tt.want {
			if j >= len(out) || out[j] != w {
				t.Errorf("%d: spans %v, want %v first", i, out, tt.want)
				break
			}
		}
	}
}
