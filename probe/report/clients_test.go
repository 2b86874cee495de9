package report

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe/replay"
)

func TestClientsSection(t *testing.T) {
	rep := replay.Report{Clients: []replay.Result{
		{Name: "Go net/http", Version: "go1.26.8", Note: "late: the next request failed: malformed HTTP version \"\x1b]52;c;aGk=\x07HTTP/1.1\"",
			Deliveries: []replay.DeliveryResult{}},
		{Name: "curl", Version: "7.88.1", OK: true, Note: "the 204 arrived as sent and the next request worked", Deliveries: []replay.DeliveryResult{}},
		{Name: "Java HttpClient", NotInstalled: true, Note: "not installed", Deliveries: []replay.DeliveryResult{}},
		{Name: "Python requests", NotApplicable: true, Note: "does not speak HTTP/2 with prior knowledge", Deliveries: []replay.DeliveryResult{}},
	}}
	tests := []struct {
		name  string
		rep   replay.Report
		err   error
		color bool
		want  []string
	}{
		{"plain", rep, nil, false, []string{"\nclients (", "\n✗ Go net/http go1.26.8\n", `    "\x1b]52;c;aGk=\x07HTTP/1.1"`,
			"\n✓ curl 7.88.1\n", "\n– Java HttpClient: not installed\n", "\n– Python requests: does not speak HTTP/2 with prior knowledge\n"}},
		{"color", rep, nil, true, []string{"Go net/http go1.26.8", `\x1b]52`}},
		{"not replayed", replay.Report{}, errors.New("no response to replay"), false, []string{"  not replayed: no response to replay\n"}},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := Clients(&buf, tt.rep, tt.err, TextOptions{Color: tt.color, Width: 80}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, want := range tt.want {
			if !strings.Contains(out, want) {
				t.Errorf("%s: lacks %q:\n%s", tt.name, want, out)
			}
		}
		if strings.Contains(out, "\x07") || strings.Contains(out, "\x1b]") {
			t.Errorf("%s: a server's control sequence reached the output:\n%q", tt.name, out)
		}
	}
}

func TestClientsJSONEscaped(t *testing.T) {
	o := NewObject(nil, nil)
	o.Clients = []replay.Result{{Name: "Go net/http", Note: "got \x1b[2J and \u009b and \x7f", Deliveries: []replay.DeliveryResult{}}}
	var buf bytes.Buffer
	if err := Encode(&buf, o); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, `"clients":[{"name":"Go net/http","version":"","ok":false,"note":"got \u001b[2J and \u009b and \u007f","deliveries":[]}]`) {
		t.Errorf("JSON: %s", out)
	}
}
