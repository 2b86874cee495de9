package results

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/probe/replay"
)

func clientsReport() replay.Report {
	return replay.Report{Clients: []replay.Result{
		{Name: "Go net/http", Version: "go1.26.8", Note: "late: the next request on the connection failed: malformed HTTP version",
			Deliveries: []replay.DeliveryResult{
				{Delivery: replay.Together, First: replay.Outcome{Status: 204}, Next: replay.Outcome{Status: 200, BodyBytes: 3, Connection: "new"},
					Warnings: []string{"Unsolicited response received on idle HTTP channel"}},
				{Delivery: replay.Late, First: replay.Outcome{Status: 204}, Next: replay.Outcome{Error: "malformed HTTP version \x1b[2J", Connection: "reused"}, Warnings: []string{}},
			}},
		{Name: "curl", Version: "7.88.1", OK: true, Note: "the 204 arrived as sent and the next request worked",
			Deliveries: []replay.DeliveryResult{}},
		{Name: "Java HttpClient", NotInstalled: true, Note: "not installed", Deliveries: []replay.DeliveryResult{}},
		{Name: "Python requests", NotApplicable: true, Note: "does not speak HTTP/2 with prior knowledge", Deliveries: []replay.DeliveryResult{}},
	}}
}

func pressKeys(m Model, keys ...tea.KeyPressMsg) Model {
	for _, k := range keys {
		m, _, _ = m.Update(k)
	}
	return m
}

func TestClientsView(t *testing.T) {
	for _, w := range []int{60, 100} {
		m := newDone(t, broken204, broken204Findings(), w, 30, TabRaw)
		m = pressKeys(m, press('5', "5"))
		if m.Tab() != TabClients || !strings.Contains(plain(m), "Press c to replay it") {
			t.Fatalf("width %d: Clients view before a run:\n%s", w, plain(m))
		}
		if m.StartClients(1) == nil || !m.ClientsRunning() || !strings.Contains(plain(m), "replaying to the clients") {
			t.Fatalf("width %d: running view:\n%s", w, plain(m))
		}
		m.SetClients(2, clientsReport(), nil) // not the replay on show
		if !m.ClientsRunning() {
			t.Fatalf("width %d: a stale replay replaced the running one", w)
		}
		m.SetClients(1, clientsReport(), nil)
		s := plain(m)
		checkShape(t, m.View(), w, 30)
		for _, want := range []string{"✗ Go net/http go1.26.8", "✓ curl 7.88.1", "– Java HttpClient", "– Python requests", "malformed HTTP"} {
			if !strings.Contains(s, want) {
				t.Errorf("width %d: the view lacks %q:\n%s", w, want, s)
			}
		}
		if strings.Contains(s, "first:") {
			t.Errorf("width %d: details before enter:\n%s", w, s)
		}
		m = pressKeys(m, keyEnter)
		s = plain(m)
		for _, want := range []string{"first: 204, 0 body bytes", "next:  200, 3 body bytes · new connection", "warned: Unsolicited response",
			`\x1b[2J`} {
			if !strings.Contains(s, want) {
				t.Errorf("width %d: details lack %q:\n%s", w, want, s)
			}
		}
		if strings.Contains(m.View(), "\x1b[2J") {
			t.Errorf("width %d: a client's error reached the terminal raw", w)
		}
		if line := lineWith(s, "Go net/http"); !strings.HasPrefix(line, "▸") {
			t.Errorf("width %d: the first client is not selected: %q", w, line)
		}
		m = pressKeys(m, keyDown)
		if line := lineWith(plain(m), "curl 7.88.1"); !strings.HasPrefix(line, "▸") {
			t.Errorf("width %d: down did not select curl: %q", w, line)
		}
	}
}

func TestClientsCancelAndReset(t *testing.T) {
	m := newDone(t, broken204, broken204Findings(), 80, 24, TabClients)
	m.StartClients(1)
	m.CancelClients(1)
	if m.ClientsRunning() || !strings.Contains(plain(m), "replay cancelled") {
		t.Fatalf("cancelled view:\n%s", plain(m))
	}
	m.SetClients(1, clientsReport(), nil) // the cancelled replay ends late
	if strings.Contains(plain(m), "Go net/http") {
		t.Errorf("a cancelled replay's outcome was shown:\n%s", plain(m))
	}
	m.StartClients(2)
	m.SetClients(2, replay.Report{}, errors.New("no response to replay"))
	if !strings.Contains(plain(m), "✗ not replayed: no response to replay") {
		t.Errorf("failed view:\n%s", plain(m))
	}
	m.SetResult(3, m.exs, m.findings, nil) // a new response forgets the replay
	if !strings.Contains(plain(m), "Press c to replay it") {
		t.Errorf("after a new response:\n%s", plain(m))
	}
}
