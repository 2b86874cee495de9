package results

import (
	"fmt"

	"github.com/hsx-dev/hsx/probe"
)

// appendProxy appends the proxy an exchange went through: which one and, for a tunnel, the
// CONNECT step as its own exchange (the request, its credentials masked, the proxy's answer
// and its time).
func appendProxy(rows []row, ex *probe.Exchange) []row {
	px := ex.Proxy
	if px == nil {
		return rows
	}
	rows = append(rows, plainRow(), sectionRow("proxy"), labelled("proxy", span{safeLine(px.URL), kPlain}))
	tun := px.Tunnel
	if tun == nil {
		return append(rows, labelled("form", span{"absolute: the proxy sent back the response shown", kMuted}))
	}
	rows = append(rows, labelled("CONNECT", span{safeLine(tun.Request.RequestLine()), kPlain}))
	for _, f := range tun.Request.Header {
		// Masked whatever the masking switch says: this view is not redrawn when it changes.
		rows = append(rows, labelled("", appendEscaped(nil, f.Name+": "+maskedValue(f.Name, f.Value, true), kPlain)...))
	}
	if r := tun.Response; r != nil {
		k := kOk
		if tun.Err != "" {
			k = kErr
		}
		rows = append(rows, labelled("answer", span{fmt.Sprintf("%d ", r.Status.Code), k}, span{safeLine(r.Status.Reason), k},
			span{"  in " + durText(tun.Time), kMuted}))
		for _, f := range r.Header {
			rows = append(rows, labelled("", appendEscaped(nil, f.Name+": "+f.Value, kPlain)...))
		}
	}
	if tun.Err != "" {
		rows = append(rows, labelled("tunnel", span{safeLine(tun.Err), kErr}))
	}
	return rows
}
