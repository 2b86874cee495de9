package lab

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
)

// TestContract is the contract between the lab, the probe and the check catalog: for every
// scenario, the errors and warnings that check.Run reports on the exchange probe.Do records are
// exactly the rules the scenario declares, and every declared rule is reported (informational
// findings may come in addition).
func TestContract(t *testing.T) {
	s := startLab(t)
	for _, sc := range Scenarios() {
		t.Run(strings.TrimPrefix(sc.Path, "/"), func(t *testing.T) {
			t.Parallel()
			req := probe.Request{
				Method:  sc.Method(),
				URL:     s.URL() + sc.Example(),
				Timeout: 5 * time.Second,
				Grace:   100 * time.Millisecond,
			}
			if sc.HTTP2 {
				req.HTTP2 = probe.HTTP2Prior
			}
			if sc.Code == 0 {
				req.Timeout = 300 * time.Millisecond
			}
			ex, err := probe.Do(t.Context(), req)
			if sc.Code == 0 {
				var pe *probe.Error
				if !errors.As(err, &pe) || !pe.Timeout || ex.Response != nil {
					t.Fatalf("want a timeout without a response, got %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("probe.Do: %v", err)
			}
			if got := ex.Response.Status.Code; got != sc.Code {
				t.Fatalf("status %d, want %d", got, sc.Code)
			}

			found := map[string]check.Severity{}
			var lines []string
			for _, f := range check.Run(ex) {
				if sev, ok := found[f.ID]; !ok || f.Severity > sev {
					found[f.ID] = f.Severity
				}
				lines = append(lines, f.Severity.String()+" "+f.ID+": "+f.Message)
			}
			t.Logf("%s %s: %s", req.Method, sc.Example(), strings.Join(lines, "; "))
			var missing, unexpected []string
			for _, id := range sc.Rules {
				if _, ok := found[id]; !ok {
					missing = append(missing, id)
				}
			}
			for id, sev := range found {
				if sev >= check.Warning && !slices.Contains(sc.Rules, id) {
					unexpected = append(unexpected, id)
				}
			}
			slices.Sort(unexpected)
			if len(missing) > 0 || len(unexpected) > 0 {
				t.Errorf("%s %s: declared %v; missing %v, unexpected %v\nfindings:\n  %s\nwire:\n%q",
					req.Method, sc.Example(), sc.Rules, missing, unexpected, strings.Join(lines, "\n  "), ex.Wire)
			}
		})
	}
}

// TestWireDetails checks, through the probe, what the status code and the rules do not show:
// interim responses, the pace of /drip, the escapes of /ansi, the size of /bytes/N.
func TestWireDetails(t *testing.T) {
	s := startLab(t)
	tests := []struct {
		path    string
		interim []int
		body    string // a part the body must contain
		size    int64  // body size, when not -1
		slower  time.Duration
	}{
		{path: "/100", interim: []int{100}, body: helloBody, size: -1},
		{path: "/103", interim: []int{103}, body: helloBody, size: -1},
		{path: "/103/content-length", interim: []int{103}, body: helloBody, size: -1},
		{path: "/drip", body: drip, size: 20, slower: 1500 * time.Millisecond},
		{path: "/ansi", body: "\x1b]52;c;", size: -1},
		{path: "/ansi", body: "\x1b[2J", size: -1},
		{path: "/ansi", body: "\x1b]8;;", size: -1},
		{path: "/bytes/0", size: 0},
		{path: "/bytes/100000", body: "0123456789abcdef", size: 100000},
	}
	for _, tt := range tests {
		t.Run(strings.TrimPrefix(tt.path, "/"), func(t *testing.T) {
			t.Parallel()
			ex, err := probe.Do(t.Context(), probe.Request{URL: s.URL() + tt.path, Timeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			var interim []int
			for _, r := range ex.Interim {
				interim = append(interim, r.Status.Code)
			}
			if !slices.Equal(interim, tt.interim) {
				t.Errorf("interim %v, want %v", interim, tt.interim)
			}
			r := ex.Response
			if !r.BodyComplete || !strings.Contains(string(r.Body.Data), tt.body) {
				t.Errorf("body %.60q (complete %v), want it to contain %q", r.Body.Data, r.BodyComplete, tt.body)
			}
			if tt.size >= 0 && r.Body.Size != tt.size {
				t.Errorf("body size %d, want %d", r.Body.Size, tt.size)
			}
			if ex.Timing.Total < tt.slower {
				t.Errorf("took %v, want at least %v", ex.Timing.Total, tt.slower)
			}
		})
	}
}
