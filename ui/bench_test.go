package ui

import (
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/ui/internal/uitest"
	"github.com/hsx-dev/hsx/ui/layout"
)

// loaded returns a driver whose screen is w×h with the result of a 1 MiB JSON response on show,
// delivered the way a real request's result is, and the explainer rendered through mdterm.Render.
func loaded(tb testing.TB, w, h int) *driver {
	d := newRenderingDriver(tb, Options{LabURL: "http://127.0.0.1:1"}, w, h)
	ex := probe.Parse(uitest.BigJSONResponse(), "GET")
	req := probe.Request{Method: "GET", URL: "http://127.0.0.1:1/bytes/1048576"}
	d.m.reqID = 1
	d.m.inflight = &inflight{id: 1, req: req, cancel: func() {}, meter: newMeter()}
	d.m.results.Start(1, req)
	d.send(resultMsg{id: 1, exs: []*probe.Exchange{ex}, findings: check.Run(ex)})
	d.settle()
	return d
}

// BenchmarkView draws the whole 200×60 screen with a 1 MiB body in the results, on each tab.
func BenchmarkView(b *testing.B) {
	d := loaded(b, 200, 60)
	if s := d.screen(); !strings.Contains(s, "200 OK") {
		b.Fatalf("the result is not on screen:\n%s", s)
	}
	for _, tab := range []string{"1", "2", "3", "4"} {
		d.press("tab") // to the response pane, whatever had focus
		for d.m.focus != layout.Results {
			d.press("tab")
		}
		d.press(tab)
		b.Run("tab"+tab, func(b *testing.B) {
			for b.Loop() {
				_ = d.m.View()
			}
		})
	}
}
