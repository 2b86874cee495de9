package composer

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestPasteCompressed: a pasted --compressed is kept for sending and for copying back as curl;
// a pasted -o is named as ignored, since the explorer saves no body.
func TestPasteCompressed(t *testing.T) {
	m := newComposer(lab)
	m, _ = run(m, tea.PasteMsg{Content: `curl 'http://h.test/api' -H 'accept: application/json' --compressed -o out.json -s`})
	req, err := m.Request()
	if err != nil || !req.Compressed {
		t.Fatalf("Request() = %+v, %v; want Compressed", req, err)
	}
	if !strings.Contains(m.CurlCommand(), " --compressed") {
		t.Errorf("copied command %q lacks --compressed", m.CurlCommand())
	}
	if !strings.HasSuffix(m.notice, "(ignored -s -o)") {
		t.Errorf("notice %q, want it to name -s and -o as ignored", m.notice)
	}
}
