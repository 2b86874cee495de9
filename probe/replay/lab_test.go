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

// capture requests scenario s from the lab at base, as hsx check does.
func capture(t *testing.T, base string, s lab.Scenario) (*probe.Exchange, plan) {
	t.Helper()
	ex, err := probe.Do(context.Background(), probe.Request{Method: s.Method(), URL: base + s.Example()})
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

// TestLabGoClient holds every broken lab scenario to what it says Go's client does with it.
func TestLabGoClient(t *testing.T) {
	srv := httptest.NewServer(lab.Handler())
	defer srv.Close()
	for _, s := range lab.Scenarios() {
		if s.HTTP2 { // not replayed: TestReplayRefusesHTTP2
			continue
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
		ex, p := capture(t, srv.URL, s)
		r := replay(t, ex, NameGo)[0]
		if got := outcomeOf(p, r); got != s.GoClient {
			t.Errorf("%s: Go's client did %+v, the scenario says %+v; note: %s", s.Path, got, s.GoClient, r.Note)
		}
		if r.OK != (s.GoClient == lab.ClientOutcome{Together: lab.ClientOK, Late: lab.ClientOK} ||
			s.GoClient == lab.ClientOutcome{Together: lab.ClientWarned, Late: lab.ClientWarned}) {
			t.Errorf("%s: ok = %v for %+v", s.Path, r.OK, s.GoClient)
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

// TestCorrectResponsesOKForEveryClient: a correct 204, JSON 200 and 304 are fine for every
// client there is.
func TestCorrectResponsesOKForEveryClient(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every client three times; not with -short")
	}
	srv := httptest.NewServer(lab.Handler())
	defer srv.Close()
	for _, path := range []string{"/204", "/200/json", "/304"} {
		s, _ := lab.Lookup(path)
		ex, _ := capture(t, srv.URL, s)
		for _, r := range replay(t, ex) {
			t.Run(path+"/"+r.Name, func(t *testing.T) {
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

// TestReplayRefusesHTTP2: the replay speaks HTTP/1.1 to its clients, so an HTTP/2 exchange is
// refused with a reason instead of being replayed as if it were HTTP/1.1 bytes.
func TestReplayRefusesHTTP2(t *testing.T) {
	ex := probe.Parse([]byte("HTTP/1.1 204 No Content\r\n\r\n"), "GET")
	ex.Request.Proto = probe.ProtoHTTP2
	_, err := Run(context.Background(), ex, testOptions(NameGo))
	if err == nil || !strings.Contains(err.Error(), "HTTP/2 response is not replayed") {
		t.Fatalf("Run of an HTTP/2 exchange: %v", err)
	}
}
