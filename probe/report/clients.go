package report

import (
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/probe/replay"
	"github.com/hsx-dev/hsx/probe/termsafe"
)

// Clients writes the "clients" section of the text report: a line per client stack the
// response was replayed to, marked ✓ when its application got the response as sent and the
// next request worked, ✗ when not and – when the client is not installed or does not speak
// the protocol of the exchange (HTTP/2 with prior knowledge), followed by the
// note that says what happened. err, when not nil, is why there was no replay.
func Clients(w io.Writer, rep replay.Report, err error, opts TextOptions) error {
	t := newWriter(w, opts)
	t.heading("clients" + t.style(t.muted, " (the response replayed on 127.0.0.1 to real client stacks)"))
	if err != nil {
		t.line(0, false, "not replayed: "+termsafe.String(err.Error(), termsafe.Line))
		return t.err
	}
	if rep.Note != "" {
		t.line(0, false, t.style(t.muted, termsafe.String(rep.Note, termsafe.Line)))
	}
	for _, c := range rep.Clients {
		name := termsafe.String(strings.TrimSpace(c.Name+" "+c.Version), termsafe.Line)
		switch {
		case c.NotInstalled || c.NotApplicable:
			t.println("– " + t.style(t.muted, termsafe.String(c.Name, termsafe.Line)+": "+termsafe.String(c.Note, termsafe.Line)))
			continue
		case c.OK:
			t.println(t.style(t.ok, "✓") + " " + name)
		default:
			t.println(t.style(t.sev[check.Error], "✗") + " " + name)
		}
		note := ansi.Wrap(termsafe.String(c.Note, termsafe.Line), t.width-4, " ")
		for line := range strings.SplitSeq(note, "\n") {
			t.println("    " + line)
		}
	}
	return t.err
}
