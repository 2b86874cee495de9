package lab

import (
	"slices"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
)

// TestCodingScenariosCompressed requests the content coding scenarios as curl --compressed
// does: the negotiating ones answer in their coding, which decodes to the document, with no
// error or warning; the broken ones keep only the rules that are not about asking: those that
// code whether asked or not send no Vary: Accept-Encoding, which a coded answer to a request
// that accepted the coding cannot tell from a negotiated one that forgot it (E5).
func TestCodingScenariosCompressed(t *testing.T) {
	s := startLab(t)
	tests := []struct {
		path   string
		coding string
		rules  []string // errors and warnings
	}{
		{"/gzip/json", "gzip", nil},
		{"/br/json", "br", nil},
		{"/zstd/json", "zstd", nil},
		{"/gzip/unasked", "gzip", nil},
		{"/gzip/corrupt", "gzip", []string{"E1"}},
		{"/deflate/raw", "deflate", []string{"E1"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			t.Parallel()
			ex, err := probe.Do(t.Context(), probe.Request{URL: s.URL() + tt.path, Compressed: true, Timeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			cc := ex.Response.Coding
			if cc == nil || !slices.Equal(cc.Codings, []string{tt.coding}) {
				t.Fatalf("coding %+v, want %s", cc, tt.coding)
			}
			if c, whole := ex.Response.Content(); !slices.Contains(tt.rules, "E1") && (!whole || string(c.Data) != codingJSON) {
				t.Errorf("decoded %d bytes (whole %v), want the %d of the document", c.Size, whole, len(codingJSON))
			}
			var got []string
			for _, f := range check.Run(ex) {
				if f.Severity >= check.Warning {
					got = append(got, f.ID)
				}
			}
			if !slices.Equal(got, tt.rules) {
				t.Errorf("findings %v, want %v", got, tt.rules)
			}
		})
	}
}
