package ui

import (
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/ui/composer"
	"github.com/hsx-dev/hsx/ui/layout"
)

func TestNewRequest(t *testing.T) {
	t.Parallel()
	pasted := probe.Request{Method: "PUT", URL: "http://127.0.0.1:9/items/1", Body: []byte(`{"a":1}`),
		Insecure: true, FollowRedirects: true}
	for i := range 14 {
		pasted.Header = append(pasted.Header, probe.Field{Name: "X-H" + string(rune('a'+i)), Value: "v", Line: -1})
	}
	tests := []struct {
		name       string
		keys       []string
		want       probe.Request // what the composer holds after the keys
		wantNotice string
		wantFocus  layout.Pane
	}{
		{"ctrl+n empties all but the URL", []string{"ctrl+n"},
			probe.Request{Method: "GET", URL: pasted.URL}, "new request: GET, no headers, no body, URL kept · ctrl+z undoes", layout.Composer},
		{"from the response pane too", []string{"tab", "ctrl+n"},
			probe.Request{Method: "GET", URL: pasted.URL}, "new request", layout.Composer},
		{"ctrl+z brings it back", []string{"ctrl+n", "ctrl+z"}, pasted, "the request is back as it was", layout.Composer},
		{"a second ctrl+z has nothing to undo", []string{"ctrl+n", "ctrl+z", "ctrl+z"}, pasted, "nothing to undo", layout.Composer},
		{"ctrl+z alone has nothing to undo", []string{"ctrl+z"}, pasted, "nothing to undo", layout.Composer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := pasted
			d := newDriver(t, Options{Initial: &req}, 100, 30)
			d.keys(tt.keys...)
			got, err := d.m.composer.Request()
			if err != nil {
				t.Fatal(err)
			}
			if got.Method != tt.want.Method || got.URL != tt.want.URL || len(got.Header) != len(tt.want.Header) ||
				string(got.Body) != string(tt.want.Body) || got.Insecure != tt.want.Insecure || got.FollowRedirects != tt.want.FollowRedirects {
				t.Errorf("composer holds %+v\nwant %+v", got, tt.want)
			}
			if !strings.Contains(d.m.notice.text, tt.wantNotice) {
				t.Errorf("notice %q, want %q", d.m.notice.text, tt.wantNotice)
			}
			if d.m.focus != tt.wantFocus || d.m.composer.Field() != composer.FieldURL {
				t.Errorf("focus %v, field %v; want the composer's URL field", d.m.focus, d.m.composer.Field())
			}
		})
	}
}

func TestNewRequestThenType(t *testing.T) {
	t.Parallel()
	req := probe.Request{Method: "DELETE", URL: "http://127.0.0.1:9/a", Header: []probe.Field{{Name: "A", Value: "b", Line: -1}}}
	d := newDriver(t, Options{Initial: &req}, 100, 30)
	d.keys("ctrl+n", "x")
	got, err := d.m.composer.Request()
	if err != nil || got.URL != "http://127.0.0.1:9/ax" || len(got.Header) != 0 {
		t.Errorf("after ctrl+n and typing: %+v, %v", got, err)
	}
	if s := d.screen(); !strings.Contains(s, "GET ") || strings.Contains(s, "DELETE") {
		t.Errorf("screen after ctrl+n:\n%s", s)
	}
}
