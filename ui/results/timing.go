package results

import (
	"fmt"
	"strings"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

// buildTiming returns the rows of the timing view for content width w: one bar per phase of
// the final exchange, laid out on a common time axis so that they read as a waterfall, the
// total, and a line per redirect hop.
func buildTiming(exs []*probe.Exchange, req probe.Request, w int) []row {
	if len(exs) == 0 || exs[len(exs)-1] == nil {
		return nil
	}
	ex := exs[len(exs)-1]
	t := ex.Timing
	read := t.Total - t.DNS - t.Connect - t.TLS - t.TTFB
	phases := []struct {
		name string
		d    time.Duration
	}{
		{"DNS", t.DNS}, {"connect", t.Connect}, {"TLS", t.TLS}, {"TTFB", t.TTFB}, {"read", max(read, 0)},
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
	rows = append(rows, plainRow(
		span{fmt.Sprintf("%-*s", labelW, "total"), kLabel},
		span{fmt.Sprintf("%*s", valueW, durText(t.Total)), kAccent},
		span{"  " + strings.Repeat("▔", barW), kSubtle},
	))
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
	return rows
}
