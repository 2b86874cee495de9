package ui

import (
	"slices"
	"testing"

	"github.com/hsx-dev/hsx/probe"
)

// TestLabScenarioFillsItsHeaders: choosing a lab scenario that is meant to be sent with
// request fields (a preflight's Origin and Access-Control-Request-Method) puts them in the
// composer with its method and URL.
func TestLabScenarioFillsItsHeaders(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{LabURL: "http://127.0.0.1:9"}, 100, 30)
	d.press("ctrl+l")
	d.press([]string{"/", "c", "o", "r", "s", "/", "p", "r", "e", "f", "l", "i", "g", "h", "t"}...)
	d.press("enter")
	req, err := d.m.composer.Request()
	if err != nil {
		t.Fatal(err)
	}
	if req.Method != "OPTIONS" || req.URL != "http://127.0.0.1:9/cors/preflight" {
		t.Fatalf("composer has %s %s, want OPTIONS http://127.0.0.1:9/cors/preflight", req.Method, req.URL)
	}
	for _, want := range []string{"Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers"} {
		if !slices.ContainsFunc(req.Header, func(f probe.Field) bool { return f.Name == want }) {
			t.Errorf("composer headers %+v lack %s", req.Header, want)
		}
	}
	d.m.stop()
}
