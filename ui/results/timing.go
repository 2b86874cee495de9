package results

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
)

// buildTiming returns the rows of the timing view for content width w: one bar per phase of
// the final exchange, laid out on a common time axis so that they read as a waterfall, the
// total, a line per redirect hop, and the connection: its address and TLS session (see
// appendConnection), judged at time when. While the probe still watches for stray bytes
// (watching), the total is the time so far.
func buildTiming(exs []*probe.Exchange, req probe.Request, w int, when time.Time, watching bool) []row {
	if len(exs) == 0 || exs[len(exs)-1] == nil {
		return nil
	}
	ex := exs[len(exs)-1]
	t := ex.Timing
	var tunnel time.Duration
	if ex.Proxy != nil && ex.Proxy.Tunnel != nil {
		tunnel = ex.Proxy.Tunnel.Time
	}
	read := t.Total - t.DNS - t.Connect - tunnel - t.TLS - t.TTFB
	phases := []struct {
		name string
		d    time.Duration
	}{
		{"DNS", t.DNS}, {"connect", t.Connect}, {"TLS", t.TLS}, {"TTFB", t.TTFB}, {"read", max(read, 0)},
	}
	if tunnel > 0 { // the CONNECT step, between the connection to the proxy and TLS
		phases = slices.Insert(phases, 2, struct {
			name string
			d    time.Duration
		}{"tunnel", tunnel})
	}
	const labelW, valueW = 9, 9
	barW := max(w-labelW-valueW-2, 4)
	scale := func(d time.Duration) int {
		if t.Total <= 0 {
			return 0
		}
		return int(int64(barW) * int64(d) / int64(t.Total))
	}
	var rows []row
	at := time.Duration(0)
	for _, p := range phases {
		r := plainRow(span{fmt.Sprintf("%-*s", labelW, p.name), kMuted})
		if p.d <= 0 {
			r.spans = append(r.spans, span{fmt.Sprintf("%*s", valueW, "—"), kSubtle})
			rows = append(rows, r)
			continue
		}
		start, n := scale(at), max(scale(p.d), 1)
		start = min(start, barW-1)
		n = min(n, barW-start)
		r.spans = append(r.spans,
			span{fmt.Sprintf("%*s", valueW, durText(p.d)), kPlain},
			span{"  " + strings.Repeat(" ", start), kPlain},
			span{strings.Repeat("█", n), kName},
		)
		rows = append(rows, r)
		at += p.d
	}
	total := "total"
	if watching {
		total = "so far"
	}
	rows = append(rows, plainRow(
		span{fmt.Sprintf("%-*s", labelW, total), kLabel},
		span{fmt.Sprintf("%*s", valueW, durText(t.Total)), kAccent},
		span{"  " + strings.Repeat("▔", barW), kSubtle},
	))
	if ex.HTTP2() {
		rows = append(rows, h2Milestones(ex)...)
	}
	if r := ex.Response; r != nil && r.Framing == probe.FramingNone && ex.Timing.Watch > 0 {
		rows = append(rows, plainRow(), plainRow(span{fmt.Sprintf(
			"read includes up to %s spent listening for stray bytes after a response that has no content",
			durText(ex.Timing.Watch)), kMuted}))
	}
	if len(exs) > 1 {
		rows = append(rows, plainRow(), sectionRow("redirects"))
		for i, h := range exs {
			if h == nil {
				continue
			}
			target := ""
			if h.Request.URL != nil {
				target = h.Request.URL.String()
			}
			rows = append(rows, plainRow(
				span{fmt.Sprintf("%-*s", labelW, fmt.Sprintf("hop %d", i+1)), kMuted},
				span{fmt.Sprintf("%*s", valueW, durText(h.Timing.Total)), kPlain},
				span{fmt.Sprintf("  %d ", h.StatusCode()), kLabel},
				span{safeLine(target), kMuted},
			))
		}
	}
	return appendConnection(rows, ex, when)
}

// h2Milestones are the moments of an HTTP/2 exchange, each from the moment the connection
// preface was written: the server's SETTINGS and its acknowledgement of ours, the response's
// HEADERS and the frame that ended the stream.
func h2Milestones(ex *probe.Exchange) []row {
	type milestone struct {
		name string
		at   time.Duration
		ok   bool
	}
	var settings, ack, end milestone
	settings.name, ack.name, end.name = "server SETTINGS", "our SETTINGS acknowledged", "END_STREAM"
	head := milestone{name: "response HEADERS"}
	if i := check.FinalHeadFrame(ex); i >= 0 {
		head.at, head.ok = ex.Frames[i].At, true
	}
	for _, f := range ex.Frames {
		switch {
		case f.Sent:
		case f.Type == "SETTINGS" && !f.Has("ACK") && !settings.ok:
			settings.at, settings.ok = f.At, true
		case f.Type == "SETTINGS" && f.Has("ACK") && !ack.ok:
			ack.at, ack.ok = f.At, true
		case f.Stream == 1 && f.Has("END_STREAM") && !end.ok:
			end.at, end.ok = f.At, true
		}
	}
	rows := []row{plainRow(), sectionRow("HTTP/2, from the connection preface")}
	for _, m := range []milestone{settings, ack, head, end} {
		value := "—"
		if m.ok {
			value = "+" + durText(m.at)
		}
		rows = append(rows, plainRow(span{fmt.Sprintf("%-26s", m.name), kMuted}, span{fmt.Sprintf("%10s", value), kPlain}))
	}
	return rows
}
