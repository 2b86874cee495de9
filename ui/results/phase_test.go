package results

import (
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/ui/theme"
)

func TestFailedPhaseInWords(t *testing.T) {
	tests := []struct {
		phase probe.Phase
		want  string
	}{
		{probe.PhaseDNS, "failed looking up the host name (DNS)"},
		{probe.PhaseConnect, "failed while connecting"},
		{probe.PhaseTLS, "failed in the TLS handshake"},
		{probe.PhaseStatus, "failed waiting for the status line"},
		{probe.PhaseHeader, "failed reading the header section"},
		{probe.PhaseRequest, "failed before sending: the request is not valid"},
		{probe.Phase("quic"), "failed in the quic phase"},
	}
	for _, tt := range tests {
		m := New(theme.New(true, false))
		m.SetSize(80, 10)
		m.Start(1, probe.Request{Method: "GET", URL: "http://h.test/"})
		err := &probe.Error{Phase: tt.phase, Msg: "the cause"}
		m.SetResult(1, []*probe.Exchange{{Err: err}}, nil, err)
		if got := lineWith(plain(m), "no response"); !strings.Contains(got, tt.want) {
			t.Errorf("phase %q: head %q, want it to contain %q", tt.phase, got, tt.want)
		}
	}
}
