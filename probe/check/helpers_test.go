package check

import (
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
)

// testDate is a correct IMF-fixdate for the responses the tests build.
const testDate = "Tue, 24 Nov 2026 18:57:03 GMT"

// head joins a status line and field lines with CRLF and ends the header section.
func head(lines ...string) string { return strings.Join(lines, "\r\n") + "\r\n\r\n" }

// parse builds an exchange from a literal response stream, as if the server then closed.
func parse(t *testing.T, stream, method string) *probe.Exchange {
	t.Helper()
	ex := probe.Parse([]byte(stream), method)
	if ex.Err != nil {
		t.Fatalf("Parse(%q): %v", stream, ex.Err)
	}
	return ex
}

// withID returns the findings of fs with the given rule ID.
func withID(fs []Finding, id string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.ID == id {
			out = append(out, f)
		}
	}
	return out
}
