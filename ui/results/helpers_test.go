package results

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/ui/internal/uitest"
	"github.com/hsx-dev/hsx/ui/theme"
)

// broken204 is what a server that writes a JSON body after a 204 sends.
const broken204 = "HTTP/1.1 204 No Content\r\n" +
	"Date: Tue, 24 Nov 2026 19:00:00 GMT\r\n" +
	"Server: hsx-lab\r\n" +
	"Content-Length: 11\r\n" +
	"\r\n" +
	`{"ok":true}`

// broken204Findings are the findings of broken204, written out so that the views under test do
// not change when the wording of the catalog does.
func broken204Findings() []check.Finding {
	return []check.Finding{
		{ID: "S9", Severity: check.Error, Message: `11 bytes after the header section of a 204 response`,
			Ref: "RFC 9110 §15.3.5; RFC 9110 §6.4.1; RFC 9112 §6.3", At: check.Location{Where: check.AtExtra, Start: 0, End: 11}},
		{ID: "S2", Severity: check.Error, Message: `Content-Length: 11 in a 204 response`,
			Ref: "RFC 9110 §8.6", At: check.Location{Where: check.AtHeader, Index: 2, Name: "Content-Length"}},
	}
}

func parse(t testing.TB, stream, method string) *probe.Exchange {
	t.Helper()
	ex := probe.Parse([]byte(stream), method)
	if ex.Err != nil {
		t.Fatalf("probe.Parse: %v", ex.Err)
	}
	return ex
}

// newDone returns a focused pane of size w×h showing stream with findings fs on tab.
func newDone(t testing.TB, stream string, fs []check.Finding, w, h int, tab Tab) Model {
	t.Helper()
	m := New(theme.New(true, false))
	m.SetSize(w, h)
	m.Focus()
	m.SetTab(tab)
	m.SetResult(1, []*probe.Exchange{parse(t, stream, "DELETE")}, fs, nil)
	return m
}

// plain is the pane's view without styles.
func plain(m Model) string { return ansi.Strip(m.View()) }

// lineWith returns the first line of s that contains sub, or "".
func lineWith(s, sub string) string {
	for l := range strings.SplitSeq(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

// lastLineWith returns the last line of s that contains sub, or "". The rows of the views come
// after the findings list, whose messages may quote the same text.
func lastLineWith(s, sub string) string {
	lines := strings.Split(s, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.Contains(lines[i], sub) {
			return lines[i]
		}
	}
	return ""
}

// checkShape fails unless view has exactly h lines of exactly w cells.
func checkShape(t *testing.T, view string, w, h int) {
	t.Helper()
	if err := uitest.Shape(view, w, h); err != nil {
		t.Fatal(err)
	}
}
