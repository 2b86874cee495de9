package results

import (
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/ui/theme"
)

// TestFailureAfterResponse checks each way an exchange can fail: before a response (the pane
// says "no response", and after a TLS failure names the key that skips verification) and after
// one (the pane shows the response, with the failure in place of the findings).
func TestFailureAfterResponse(t *testing.T) {
	partial := "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + strings.Repeat("x", 142)
	loop := "HTTP/1.1 302 Found\r\nLocation: /a\r\nContent-Length: 0\r\n\r\n"
	tests := []struct {
		name     string
		stream   string // "" for no response
		err      *probe.Error
		insecure bool
		want     []string
		notWant  []string
	}{
		{"body timed out", partial, &probe.Error{Phase: probe.PhaseBody, Timeout: true, Msg: "timed out after 10s while reading the body (142 bytes so far)"}, false,
			[]string{"200 OK", "✗ timed out after 10s while reading the body (142 bytes so far); -m raises the limit"}, []string{"no response", "no problems found"}},
		{"redirect loop", loop, &probe.Error{Phase: probe.PhaseRedirect, Msg: "redirect loop: http://h/a points back to http://h/a"}, false,
			[]string{"302 Found", "✗ redirect loop: http://h/a points back to http://h/a"}, []string{"no response", "-m raises"}},
		{"TLS", "", &probe.Error{Phase: probe.PhaseTLS, Msg: "TLS handshake: certificate signed by an unknown authority (-k skips verification)"}, false,
			[]string{"no response", "failed in the TLS handshake", "alt+k turns -k on"}, nil},
		{"TLS with -k already on", "", &probe.Error{Phase: probe.PhaseTLS, Msg: "TLS handshake: remote error"}, true,
			[]string{"no response"}, []string{"alt+k"}},
		{"connect", "", &probe.Error{Phase: probe.PhaseConnect, Msg: "connection refused"}, false,
			[]string{"no response", "connection refused"}, []string{"alt+k"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New(theme.New(true, false))
			m.SetSize(100, 16)
			m.SetTLSHint("alt+k turns -k on")
			m.Start(1, probe.Request{URL: "https://h/a", Insecure: tt.insecure})
			ex := &probe.Exchange{}
			if tt.stream != "" {
				ex = probe.Parse([]byte(tt.stream), "GET")
			}
			ex.Err = tt.err
			m.SetResult(1, []*probe.Exchange{ex}, nil, tt.err)
			view := plain(m)
			checkShape(t, m.View(), 100, 16)
			if tt.name == "body timed out" {
				m.SetSize(80, 16) // a shorter hint that still fits
				if narrow := plain(m); !strings.Contains(narrow, "(142 bytes so far); raise -m ") {
					t.Errorf("at 80 columns the failure is not said whole:\n%s", narrow)
				}
				m.SetSize(100, 16)
			}
			for _, s := range tt.want {
				if !strings.Contains(view, s) {
					t.Errorf("view lacks %q:\n%s", s, view)
				}
			}
			if tt.name == "body timed out" {
				m.SetTab(TabBody)
				if body := plain(m); !strings.Contains(body, "── incomplete: timed out after 10s while reading the body (142 bytes so far) ──") {
					t.Errorf("the body view does not say the body is incomplete:\n%s", body)
				}
			}
			for _, s := range tt.notWant {
				if strings.Contains(view, s) {
					t.Errorf("view has %q:\n%s", s, view)
				}
			}
		})
	}
}
