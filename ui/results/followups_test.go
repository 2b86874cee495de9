package results

import (
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
)

// notModified is a 304 whose ETag carries an escape sequence, which must not reach the terminal.
const notModified = "HTTP/1.1 304 Not Modified\r\n" +
	"Date: Tue, 24 Nov 2026 19:00:00 GMT\r\n" +
	"ETag: \"v1\x1b[2J\"\r\n" +
	"\r\n"

// followupsFixture is a follow-up that came back, with a finding, and one that did not.
func followupsFixture(t *testing.T) ([]probe.Followup, [][]check.Finding) {
	ex := parse(t, notModified, "GET")
	ex.Request.Header = []probe.Field{{Name: "Authorization", Value: "Bearer s3cret"}, {Name: "If-None-Match", Value: `"v1"`}}
	fs := []probe.Followup{
		{Why: "If-None-Match", Request: probe.Request{Method: "GET", Header: []probe.Field{{Name: "If-None-Match", Value: `"v1"`}}}, Exchange: ex},
		{Why: "HEAD", Request: probe.Request{Method: "HEAD"}, Err: errString("connection refused")},
	}
	findings := [][]check.Finding{{{ID: "S38", Severity: check.Warning, Message: "304 without Cache-Control, which the 200 sent",
		Ref: "RFC 9110 §15.4.5"}}, nil}
	return fs, findings
}

type errString string

func (e errString) Error() string { return string(e) }

func TestFollowupsView(t *testing.T) {
	for _, w := range []int{40, 80, 160} {
		m := newDone(t, broken204, broken204Findings(), w, 30, TabRaw)
		m.SetMasked(true)
		m = pressKeys(m, press('6', "6"))
		if m.Tab() != TabFollowups || !strings.Contains(plain(m), "Press d to send") {
			t.Fatalf("width %d: Follow-ups view before a run:\n%s", w, plain(m))
		}
		m.StartFollowups(3, []string{"If-None-Match", "HEAD"})
		if s := plain(m); !strings.Contains(s, "sending If-None-Match, HEAD") {
			t.Errorf("width %d: running view:\n%s", w, s)
		}
		fs, findings := followupsFixture(t)
		m.SetFollowups(2, fs, findings) // stale: ignored
		if !m.FollowupsRunning() {
			t.Fatalf("width %d: a stale outcome ended the run", w)
		}
		m.SetFollowups(3, fs, findings)
		m = pressKeys(m, keyEnter) // the first follow-up's details
		s := plain(m)
		checkShape(t, m.View(), w, 30)
		wants := []string{"! If-None-Match", "! S38", "✗ HEAD", "Bearer ••••••", "HTTP/1.1 304 Not Modified"}
		if w >= 80 { // narrower, these wrap or are cut
			wants = append(wants, "found by If-None-Match", "HEAD → no response: connection refused")
		}
		for _, want := range wants {
			if !strings.Contains(s, want) {
				t.Errorf("width %d: view lacks %q:\n%s", w, want, s)
			}
		}
		if strings.Contains(m.View(), "\x1b[2J") || strings.Contains(s, "s3cret") {
			t.Errorf("width %d: an escape or a secret reached the view:\n%s", w, s)
		}
		// down to the finding; enter explains it
		m = pressKeys(m, keyDown)
		f, why, ok := m.FollowupFinding()
		if !ok || f.ID != "S38" || why != "If-None-Match" {
			t.Errorf("width %d: selected %v %q %v", w, f.ID, why, ok)
		}
		_, act, _ := m.Update(keyEnter)
		if e, ok := act.(Explain); !ok || e.ID != "S38" {
			t.Errorf("width %d: enter on the finding gave %#v", w, act)
		}
	}
}
