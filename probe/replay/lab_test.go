package replay

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/lab"
)

// classify sums up what a client did in one delivery, in the words of lab.ClientOutcome.
func classify(p plan, d DeliveryResult) string {
	switch {
	case firstProblem(p, d.First) != "":
		return lab.ClientFirstFailed
	case nextProblem(p, d.Next) != "":
		return lab.ClientNextFailed
	case len(d.Warnings) > 0:
		return lab.ClientWarned
	}
	return lab.ClientOK
}

// outcomeOf sums up both deliveries of r.
func outcomeOf(p plan, r Result) lab.ClientOutcome {
	var o lab.ClientOutcome
	for _, d := range r.Deliveries {
		switch d.Delivery {
		case Together:
			o.Together = classify(p, d)
		case Late:
			o.Late = classify(p, d)
		}
	}
	return o
}

// capture requests scenario s from the lab at base, as hsx check does: an HTTP/2 scenario
// with prior knowledge.
func capture(t *testing.T, base string, s lab.Scenario) (*probe.Exchange, plan) {
	t.Helper()
	req := probe.Request{Method: s.Method(), URL: base + s.Example()}
	if s.HTTP2 {
		req.HTTP2 = probe.HTTP2Prior
	}
	ex, err := probe.Do(context.Background(), req)
	if err != nil {
		t.Fatalf("%s: %v", s.Path, err)
	}
	p, err := newPlan(ex)
	if err != nil {
		t.Fatalf("%s: %v", s.Path, err)
	}
	return ex, p
}

// replay runs the named clients against ex.
func replay(t *testing.T, ex *probe.Exchange, names ...string) []Result {
	t.Helper()
	rep, err := Run(context.Background(), ex, testOptions(names...))
	if err != nil {
		t.Fatal(err)
	}
	return rep.Clients
}

// startLab starts the lab, which serves its HTTP/2 scenarios over h2c, on a free port.
func startLab(t *testing.T) string {
	t.Helper()
	l, err := lab.Start(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l.URL()
}

// TestLabGoClient holds every broken lab scenario to what it says Go's client does with it:
// the HTTP/1.1 ones replayed over HTTP/1.1, the HTTP/2 ones over h2c.
func TestLabGoClient(t *testing.T) {
	srv := httptest.NewServer(lab.Handler())
	defer srv.Close()
	h2 := startLab(t)
	for _, s := range lab.Scenarios() {
		base := srv.URL
		if s.HTTP2 {
			base = h2
		}
		if len(s.Rules) == 0 || s.Code == 0 {
			if s.GoClient != (lab.ClientOutcome{}) {
				t.Errorf("%s: a correct scenario declares a GoClient outcome", s.Path)
			}
			continue
		}
		if s.GoClient == (lab.ClientOutcome{}) {
			t.Errorf("%s: declares no GoClient outcome", s.Path)
			continue
		}
		ex, p := capture(t, base, s)
		r := replay(t, ex, NameGo)[0]
		if got := outcomeOf(p, r); got != s.GoClient {
			t.Errorf("%s: Go's client did %+v, the scenario says %+v; note: %s", s.Path, got, s.GoClient, r.Note)
		}
		fine := func(o string) bool { return o == lab.ClientOK || o == lab.ClientWarned }
		if r.OK != (fine(s.GoClient.Together) && fine(s.GoClient.Late)) {
			t.Errorf("%s: ok = %v for %+v", s.Path, r.OK, s.GoClient)
		}
		if want := map[bool]string{false: "HTTP/1.1", true: "HTTP/2"}[s.HTTP2]; r.Proto != want {
			t.Errorf("%s: replayed over %q, want %s", s.Path, r.Proto, want)
		}
	}
}

// TestLab204Clients holds curl, Node and Python to what they do with the lab's broken 204s.
func TestLab204Clients(t *testing.T) {
	if testing.Short() {
		t.Skip("runs curl, node and python3 25 times; not with -short")
	}
	ok := lab.ClientOutcome{Together: lab.ClientOK, Late: lab.ClientOK}
	excessThenFail := lab.ClientOutcome{Together: lab.ClientWarned, Late: lab.ClientNextFailed}
	parseError := lab.ClientOutcome{Together: lab.ClientFirstFailed, Late: lab.ClientNextFailed}
	fineThenFail := lab.ClientOutcome{Together: lab.ClientOK, Late: lab.ClientNextFailed}
	fineThenWait := lab.ClientOutcome{Together: lab.ClientOK, Late: lab.ClientFirstFailed}
	tests := []struct {
		path string
		want map[string]lab.ClientOutcome
	}{
		{"/204/body", map[string]lab.ClientOutcome{NameCurl: excessThenFail, NameNodeHTTP: parseError,
			NameNodeFetch: ok, NamePythonHTTP: fineThenFail, NamePythonRequest: fineThenFail}},
		{"/204/content-length", map[string]lab.ClientOutcome{NameCurl: ok, NameNodeHTTP: ok,
			NameNodeFetch: ok, NamePythonHTTP: ok, NamePythonRequest: ok}},
		// http.client decodes a chunked 204 as chunked, so it waits for the held-back last chunk.
		{"/204/chunked", map[string]lab.ClientOutcome{NameCurl: excessThenFail, NameNodeHTTP: parseError,
			NameNodeFetch: ok, NamePythonHTTP: fineThenWait, NamePythonRequest: fineThenWait}},
		{"/204/json-type", map[string]lab.ClientOutcome{NameCurl: ok, NameNodeHTTP: ok,
			NameNodeFetch: ok, NamePythonHTTP: ok, NamePythonRequest: ok}},
		{"/204/close", map[string]lab.ClientOutcome{NameCurl: {Together: lab.ClientWarned, Late: lab.ClientWarned},
			NameNodeHTTP:  {Together: lab.ClientFirstFailed, Late: lab.ClientFirstFailed},
			NameNodeFetch: ok, NamePythonHTTP: ok, NamePythonRequest: ok}},
	}
	tools := map[string]string{NameCurl: "curl", NameNodeHTTP: "node", NameNodeFetch: "node",
		NamePythonHTTP: "python3", NamePythonRequest: "python3's requests module"}
	names := []string{NameCurl, NameNodeHTTP, NameNodeFetch, NamePythonHTTP, NamePythonRequest}
	srv := httptest.NewServer(lab.Handler())
	defer srv.Close()
	for _, tt := range tests {
		s, found := lab.Lookup(tt.path)
		if !found {
			t.Fatalf("no lab scenario %s", tt.path)
		}
		ex, p := capture(t, srv.URL, s)
		for _, r := range replay(t, ex, names...) {
			t.Run(tt.path+"/"+r.Name, func(t *testing.T) {
				if r.NotInstalled {
					t.Skipf("%s is not installed", tools[r.Name])
				}
				if got := outcomeOf(p, r); got != tt.want[r.Name] {
					t.Errorf("did %+v, want %+v; note: %s", got, tt.want[r.Name], r.Note)
				}
			})
		}
	}
}

// TestLabH2Clients holds curl and Node's http2 module to what they do with the lab's HTTP/2
// 204 with a DATA frame, and with its correct twin, replayed over h2c.
func TestLabH2Clients(t *testing.T) {
	if testing.Short() {
		t.Skip("runs curl and node; not with -short")
	}
	ok := lab.ClientOutcome{Together: lab.ClientOK, Late: lab.ClientOK}
	refused := lab.ClientOutcome{Together: lab.ClientFirstFailed, Late: lab.ClientFirstFailed}
	tests := []struct {
		path string
		want map[string]lab.ClientOutcome
	}{
		// nghttp2 resets a stream whose 204 is followed by DATA (PROTOCOL_ERROR), in both
		// deliveries: the DATA ends the stream, so nothing is held back.
		{"/h2/204/data", map[string]lab.ClientOutcome{NameCurl: refused, NameNodeHTTP2: refused}},
		{"/h2/204", map[string]lab.ClientOutcome{NameCurl: ok, NameNodeHTTP2: ok}},
		// DATA on the closed stream: neither minds it.
		{"/h2/data-after-end", map[string]lab.ClientOutcome{NameCurl: ok, NameNodeHTTP2: ok}},
	}
	tools := map[string]string{NameCurl: "curl", NameNodeHTTP2: "node"}
	base := startLab(t)
	for _, tt := range tests {
		s, found := lab.Lookup(tt.path)
		if !found {
			t.Fatalf("no lab scenario %s", tt.path)
		}
		ex, p := capture(t, base, s)
		for _, r := range replay(t, ex, NameCurl, NameNodeHTTP2) {
			t.Run(tt.path+"/"+r.Name, func(t *testing.T) {
				if r.NotInstalled {
					t.Skipf("%s is not installed", tools[r.Name])
				}
				if got := outcomeOf(p, r); got != tt.want[r.Name] || r.Proto != "HTTP/2" {
					t.Errorf("did %+v over %q, want %+v over HTTP/2; note: %s", got, r.Proto, tt.want[r.Name], r.Note)
				}
			})
		}
	}
}

// TestCorrectResponsesOKForEveryClient: a correct 204, JSON 200 and 304 are fine for every
// client there is.
func TestCorrectResponsesOKForEveryClient(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every client three times; not with -short")
	}
	srv := httptest.NewServer(lab.Handler())
	defer srv.Close()
	h2 := startLab(t)
	speaksH2 := map[string]bool{NameGo: true, NameCurl: true, NameNodeHTTP2: true}
	for _, path := range []string{"/204", "/200/json", "/304", "/h2/204", "/h2/200"} {
		s, _ := lab.Lookup(path)
		base := srv.URL
		if s.HTTP2 {
			base = h2
		}
		ex, _ := capture(t, base, s)
		for _, r := range replay(t, ex) {
			t.Run(path+"/"+r.Name, func(t *testing.T) {
				if s.HTTP2 && r.NotApplicable != !speaksH2[r.Name] {
					t.Fatalf("not applicable = %v: %s", r.NotApplicable, r.Note)
				}
				if r.NotApplicable {
					if r.Note != "does not speak HTTP/2 with prior knowledge" || r.OK || len(r.Deliveries) != 0 {
						t.Errorf("%+v", r)
					}
					return
				}
				if r.NotInstalled {
					t.Skipf("%s: %s", r.Name, r.Note)
				}
				if !r.OK || strings.Contains(r.Note, "warned") {
					t.Errorf("not ok: %s", r.Note)
				}
			})
		}
	}
}
