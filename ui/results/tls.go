package results

import (
	"fmt"
	"strings"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

// tlsLabelW is the width of the labels of the connection block.
const tlsLabelW = 12

// appendConnection appends the connection block of the timing view: the address connected to
// and, for https, the TLS session and the server's certificate as the check report prints them:
// version, cipher suite, ALPN, the leaf certificate's subject, names, issuer and validity at
// the time of the request (at), and whether it was verified.
func appendConnection(rows []row, ex *probe.Exchange, at time.Time) []row {
	if ex.Addr == "" && ex.TLS == nil {
		return rows
	}
	rows = append(rows, plainRow(), sectionRow("connection"))
	if ex.Addr != "" {
		rows = append(rows, labelled("address", span{safeLine(ex.Addr), kPlain}))
	}
	rows = appendProxy(rows, ex)
	info := ex.TLS
	if info == nil {
		return append(rows, labelled("TLS", span{"none: plain http, nothing was encrypted", kMuted}))
	}
	rows = append(rows, plainRow(), sectionRow("TLS"))
	rows = append(rows,
		labelled("version", span{safeLine(info.Version), kPlain}),
		labelled("cipher", span{safeLine(info.CipherSuite), kPlain}),
	)
	alpn := span{"none: the server chose no protocol", kMuted}
	if info.ALPN != "" {
		alpn = span{safeLine(info.ALPN), kPlain}
	}
	rows = append(rows, labelled("ALPN", alpn))
	if info.ServerName != "" {
		rows = append(rows, labelled("server name", span{safeLine(info.ServerName), kPlain}, span{"  (SNI)", kMuted}))
	}
	if info.Verified {
		rows = append(rows, labelled("verified", span{"✓ yes: the chain is trusted and names this host", kOk}))
	} else {
		rows = append(rows, labelled("verified", span{"! NO: turned off with -k; anyone could have answered", kWarn}))
	}
	if len(info.Chain) == 0 {
		return append(rows, labelled("certificate", span{"none was sent", kMuted}))
	}
	leaf := info.Chain[0]
	rows = append(rows, plainRow(), sectionRow("certificate"))
	subject := info.Subject
	if subject == "" {
		subject = leaf.Subject.String()
	}
	rows = append(rows, labelled("subject", span{safeLine(orNone(subject)), kPlain}))
	var names []string
	names = append(names, leaf.DNSNames...)
	for _, ip := range leaf.IPAddresses {
		names = append(names, ip.String())
	}
	names = append(names, leaf.EmailAddresses...)
	for _, u := range leaf.URIs {
		names = append(names, u.String())
	}
	rows = append(rows, labelled("names (SAN)", span{safeLine(orNone(strings.Join(names, ", "))), kPlain}))
	issuer := info.Issuer
	if issuer == "" {
		issuer = leaf.Issuer.String()
	}
	if issuer == subject {
		issuer += "  (self-signed)"
	}
	rows = append(rows, labelled("issuer", span{safeLine(orNone(issuer)), kPlain}))
	valid := []span{{leaf.NotBefore.UTC().Format("2006-01-02") + " → " + leaf.NotAfter.UTC().Format("2006-01-02"), kPlain}}
	switch {
	case at.IsZero():
	case at.After(leaf.NotAfter):
		valid = append(valid, span{"  expired " + days(at.Sub(leaf.NotAfter)) + " before the request", kErr})
	case at.Before(leaf.NotBefore):
		valid = append(valid, span{"  not valid yet at the request", kErr})
	default:
		valid = append(valid, span{"  expires " + days(leaf.NotAfter.Sub(at)) + " after the request", kMuted})
	}
	rows = append(rows, labelled("valid", valid...))
	if n := len(info.Chain); n > 1 {
		rows = append(rows, labelled("chain", span{fmt.Sprintf("%d certificates sent", n), kMuted}))
	}
	return rows
}

// labelled is a row of the connection block: a muted label, then the spans.
func labelled(label string, spans ...span) row {
	return plainRow(append([]span{{fmt.Sprintf("%-*s", tlsLabelW, label), kMuted}}, spans...)...)
}

// orNone is s, or "(none)" when it is empty.
func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// days says how long d is in days, or hours below two days.
func days(d time.Duration) string {
	if d < 48*time.Hour {
		return fmt.Sprintf("%d hours", int(d.Hours()))
	}
	return fmt.Sprintf("%d days", int(d.Hours()/24))
}
