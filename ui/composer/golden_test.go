package composer

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/hsx-dev/hsx/probe"
)

func TestGolden(t *testing.T) {
	req := probe.Request{
		Method: "DELETE",
		URL:    "http://127.0.0.1:8080/204/body",
		Header: []probe.Field{{Name: "Authorization", Value: "Bearer s3cret"}, {Name: "Accept", Value: "application/json"}},
		Body:   []byte(`{"id":1}`),
	}
	tests := []struct {
		name   string
		w, h   int
		masked bool
	}{
		{"url_80", 80, 10, false},
		{"masked_80", 80, 10, true},
		{"url_160", 160, 8, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newComposer(req)
			m.SetSize(tt.w, tt.h)
			m.SetMasked(tt.masked)
			golden.RequireEqual(t, ansi.Strip(m.View()))
		})
	}
}
