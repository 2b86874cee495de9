package results

import (
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/ui/theme"
)

// TestPartial checks the exchange so far during the watch for stray bytes: the status line,
// the head and the findings so far under a line that says the pane still listens, how long
// the watch has run of how long it lasts, in words (no colour needed); the raw view says the
// stream is not over, and the Timing view gives the time so far. Snapshots of another request are ignored; the final result replaces
// the partial one and the line goes.
func TestPartial(t *testing.T) {
	t.Parallel()
	head := "HTTP/1.1 204 No Content\r\nServer: late\r\n\r\n"
	tests := []struct {
		name     string
		stream   string
		findings []check.Finding
		id       int           // of the snapshot; the request running is 2
		at       time.Duration // the last tick, after since
		want     []string      // on screen, with the line
		not      []string
	}{
		{name: "the head alone", stream: head, id: 2, at: 12 * time.Millisecond,
			want: []string{"204 No Content", "listening for stray bytes… 12 ms of 25 ms · esc cancels", "✓ no problems so far",
				"Server: late", "── so far · 41 bytes · still listening ──"},
			not: []string{"stayed open", "1.2 s"}},
		{name: "stray bytes so far", stream: head + "stray", id: 2, at: 40 * time.Millisecond,
			findings: []check.Finding{{ID: "S9", Severity: check.Error, Message: "5 bytes after the header section of a 204 response",
				At: check.Location{Where: check.AtExtra, Start: 0, End: 5}}},
			want: []string{"204 No Content", "listening for stray bytes… 25 ms of 25 ms", "✗ 1 error", "S9", "stray"}},
		{name: "a snapshot of an older request", stream: head, id: 1, at: 12 * time.Millisecond,
			want: []string{"sending GET http://lab.test/late"}, not: []string{"listening", "204 No Content"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := New(theme.New(true, false))
			m.SetSize(100, 16)
			m.Start(1, probe.Request{URL: "http://lab.test/old"})
			m.Start(2, probe.Request{URL: "http://lab.test/late"})
			// After Start, which takes the pane's clock to now: a slow machine must not have
			// moved it past the tick below.
			since := time.Now()
			ex := parse(t, tt.stream, "GET")
			ex.Timing = probe.Timing{Watch: 25 * time.Millisecond, Total: 1234 * time.Millisecond}
			m.SetPartial(tt.id, ex, tt.findings, since)
			m, _, _ = m.Update(spinner.TickMsg{ID: m.spin.ID(), Time: since.Add(tt.at)})
			text := plain(m)
			checkShape(t, m.View(), 100, 16)
			for _, s := range tt.want {
				if !strings.Contains(text, s) {
					t.Errorf("no %q on screen:\n%s", s, text)
				}
			}
			for _, s := range tt.not {
				if strings.Contains(text, s) {
					t.Errorf("%q on screen:\n%s", s, text)
				}
			}
			if !m.Running() {
				t.Error("the pane no longer waits for the final result")
			}
			if tt.id == 2 {
				tm := m
				tm.SetTab(TabTiming)
				if l := lastLineWith(plain(tm), "so far"); !strings.Contains(l, "1.2 s") {
					t.Errorf("the Timing view has no total so far:\n%s", plain(tm))
				}
			}
			final := parse(t, tt.stream, "GET")
			final.Timing = probe.Timing{Watch: 25 * time.Millisecond, Total: 30 * time.Millisecond}
			final.Closed = true
			m.SetResult(2, []*probe.Exchange{final}, tt.findings, nil)
			text = plain(m)
			if strings.Contains(text, "listening") || strings.Contains(text, "so far") ||
				!strings.Contains(text, "204 No Content") || !strings.Contains(text, "the server closed the connection") {
				t.Errorf("final screen:\n%s", text)
			}
		})
	}
}
