package main

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestMain lets the test binary stand in for hsx when a replay starts Go's client as hsx's
// hidden subcommand.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == replayGoCommand {
		os.Exit(run(context.Background(), os.Args[1:], newStdio()))
	}
	os.Exit(m.Run())
}

// clientsJSON is the "clients" member of check --json, as the contract spells it.
type clientsJSON []struct {
	Name          string `json:"name"`
	Version       string `json:"version"`
	OK            bool   `json:"ok"`
	Note          string `json:"note"`
	Proto         string `json:"proto"`
	NotInstalled  bool   `json:"not_installed"`
	NotApplicable bool   `json:"not_applicable"`
	Deliveries    []struct {
		Delivery string `json:"delivery"`
		First    struct {
			Status     int    `json:"status"`
			BodyBytes  int64  `json:"body_bytes"`
			Error      string `json:"error"`
			Connection string `json:"connection"`
		} `json:"first"`
		Next struct {
			Status     int    `json:"status"`
			BodyBytes  int64  `json:"body_bytes"`
			Error      string `json:"error"`
			Connection string `json:"connection"`
		} `json:"next"`
		Warnings []string `json:"warnings"`
	} `json:"deliveries"`
}

func decodeClients(t *testing.T, s string) clientsJSON {
	t.Helper()
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &top); err != nil {
		t.Fatalf("decoding %s: %v", s, err)
	}
	var got clientsJSON
	dec := json.NewDecoder(strings.NewReader(string(top["clients"])))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("decoding the clients of %s: %v", s, err)
	}
	return got
}

func TestCheckClientsJSON(t *testing.T) {
	labURL := startLab(t)
	r := runArgs(t, "check", "--clients", "--json", labURL+"/204/body")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (the server's error findings); stderr %s", r.code, r.errs)
	}
	clients := decodeClients(t, r.stdout)
	if len(clients) == 0 || clients[0].Name != "Go net/http" || !strings.HasPrefix(clients[0].Version, "go1.") {
		t.Fatalf("clients = %+v", clients)
	}
	goc := clients[0]
	if goc.OK || goc.Proto != "HTTP/1.1" || len(goc.Deliveries) != 2 || goc.Deliveries[0].Delivery != "together" || goc.Deliveries[1].Delivery != "late" {
		t.Fatalf("Go = %+v", goc)
	}
	late := goc.Deliveries[1]
	if late.First.Status != 204 || !strings.Contains(late.Next.Error, `malformed HTTP version "{\"status\":\"done\"}HTTP/1.1"`) ||
		late.Next.Connection != "reused" || !strings.Contains(goc.Note, "the next request on the connection failed") {
		t.Errorf("Go, late: %+v; note %q", late, goc.Note)
	}
	if w := goc.Deliveries[0].Warnings; len(w) == 0 || !strings.Contains(w[0], "Unsolicited response received on idle HTTP channel") {
		t.Errorf("Go, together: warnings %q", w)
	}

	// An HTTP/2 exchange goes over h2c to the clients that speak it; Go's application reads
	// the DATA frame of a 204.
	r = runArgs(t, "check", "--clients", "--json", "--http2-prior-knowledge", labURL+"/h2/204/data")
	clients = decodeClients(t, r.stdout)
	for _, c := range clients {
		switch c.Name {
		case "Go net/http":
			if c.OK || c.Proto != "HTTP/2" || len(c.Deliveries) != 2 || c.Deliveries[0].First.BodyBytes != 2 {
				t.Errorf("Go over h2c: %+v", c)
			}
		case "Python http.client", "Java HttpClient":
			if !c.NotApplicable || c.NotInstalled || c.OK || len(c.Deliveries) != 0 {
				t.Errorf("%s over h2c: %+v", c.Name, c)
			}
		}
	}

	r = runArgs(t, "check", "--json", labURL+"/204")
	if strings.Contains(r.stdout, `"clients"`) {
		t.Errorf("clients without --clients: %s", r.stdout)
	}
}

func TestCheckClientsText(t *testing.T) {
	labURL := startLab(t)
	r := runArgs(t, "check", "--clients", labURL+"/204")
	if r.code != 0 {
		t.Fatalf("exit %d; stderr %s", r.code, r.errs)
	}
	_, section, found := strings.Cut(r.stdout, "\nclients")
	if !found || !strings.Contains(section, "✓ Go net/http go1.") ||
		!strings.Contains(section, "the 204 arrived as sent and the next request worked") {
		t.Errorf("clients section:\n%s", section)
	}
	// Every client is ok with a correct 204. One that could not finish in its time (a JDK
	// compiling its program on a loaded machine) says so, and is no verdict either way.
	lines := strings.Split(section, "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, "✗ ") {
			continue
		}
		if i+1 < len(lines) && strings.Contains(lines[i+1], "the client did not finish: stopped after") {
			t.Logf("%s did not finish in its time: %s", l, strings.TrimSpace(lines[i+1]))
			continue
		}
		t.Errorf("a client failed on a correct 204:\n%s", section)
	}
}

func TestReplayGoHidden(t *testing.T) {
	if r := runArgs(t, "--help"); strings.Contains(r.stdout, replayGoCommand) {
		t.Errorf("--help lists %s", replayGoCommand)
	}
	for _, args := range [][]string{{replayGoCommand}, {replayGoCommand, "http://example.com/"}, {replayGoCommand, "http://127.0.0.1:1/", "x"}} {
		if r := runArgs(t, args...); r.code != exitFailure || !strings.Contains(r.errs, "takes one loopback replay URL") {
			t.Errorf("hsx %q: exit %d, stderr %q", args, r.code, r.errs)
		}
	}
}
