package report

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/hsx-dev/hsx/probe"
)

// TestJSONContentCoding checks the content_coding key of a response: absent without a
// Content-Encoding, and with one, the codings, both sizes, the error and where a content
// finding points.
func TestJSONContentCoding(t *testing.T) {
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	_, _ = w.Write([]byte(`{"a": 1,}`))
	_ = w.Close()
	coded := func(ce, body string) string {
		return "HTTP/1.1 200 OK\r\nDate: Tue, 24 Nov 2026 18:00:00 GMT\r\nContent-Type: application/json\r\n" +
			"Content-Encoding: " + ce + "\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
	}
	n := int64(gz.Len())
	tests := []struct {
		name, stream string
		want         string // the content_coding object, "" for none
		finding      string // the location keys of the J1 or E1 finding, "" for none
	}{
		{"no coding", goodNoContent, "", ""},
		{"gzip, JSON broken inside", coded("gzip", gz.String()),
			`{"codings":["gzip"],"wire_bytes":` + strconv.FormatInt(n, 10) + `,"decoded_bytes":9,"error":null}`,
			`"content":[8,9]`},
		{"gzip cut short", coded("gzip", gz.String()[:12]),
			`{"codings":["gzip"],"wire_bytes":12,"decoded_bytes":1,"error":"gzip: the coded data ends early (truncated)","error_offset":12}`,
			`"body":[12,13]`},
		{"compress", coded("x-compress", "\x1f\x9dxyz"),
			`{"codings":["x-compress"],"wire_bytes":5,"decoded_bytes":null,"error":null,"left_coded":"no decoder for the coding x-compress"}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := exchange(t, "GET", "http://lab/", tt.stream)
			var buf bytes.Buffer
			if err := JSON(&buf, []*probe.Exchange{ex}, findingsOf(ex)); err != nil {
				t.Fatal(err)
			}
			var got struct {
				Response map[string]json.RawMessage `json:"response"`
				Findings []map[string]json.RawMessage
			}
			if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			if cc := string(got.Response["content_coding"]); cc != tt.want {
				t.Errorf("content_coding = %s\nwant             %s", cc, tt.want)
			}
			found := tt.finding == ""
			for _, f := range got.Findings {
				for k, v := range f {
					if `"`+k+`":`+string(v) == tt.finding {
						found = true
					}
				}
			}
			if !found {
				t.Errorf("no finding with %s in %s", tt.finding, buf.String())
			}
		})
	}
}
