package report

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
)

// h2Exchange is an HTTP/2 exchange whose 204 has an upper-case field name and a DATA frame.
func h2Exchange() *probe.Exchange {
	u, _ := url.Parse("http://127.0.0.1:8204/h2/204/data")
	return &probe.Exchange{
		Request: probe.Sent{Method: "GET", Proto: probe.ProtoHTTP2, URL: u, Header: []probe.Field{
			{Name: ":method", Value: "GET", Line: -1}, {Name: ":path", Value: "/h2/204/data", Line: -1}}},
		Frames: []probe.Frame{
			{Sent: true, Type: "SETTINGS", Length: 12, Summary: "ENABLE_PUSH=0"},
			{Sent: true, Type: "HEADERS", Flags: []string{"END_STREAM", "END_HEADERS"}, Stream: 1, Length: 20,
				Fields: []probe.HeaderField{{Name: ":method", Value: "GET"}}},
			{Type: "HEADERS", Flags: []string{"END_HEADERS"}, Stream: 1, Length: 30, Fields: []probe.HeaderField{
				{Name: ":status", Value: "204", Rep: probe.Indexed, NameIndex: 9},
				{Name: "X-Foo", Value: "1", Rep: probe.Literal, Huffman: true}}},
			{Type: "DATA", Flags: []string{"END_STREAM"}, Stream: 1, Length: 2, Summary: "2 bytes"},
		},
		FrameCount: 4,
		Response: &probe.Response{Status: probe.StatusLine{Proto: probe.ProtoHTTP2, Major: 2, Code: 204},
			Header: []probe.Field{{Name: "X-Foo", Value: "1", Line: -1}}, Framing: probe.FramingNone,
			Body: probe.Capture{Data: []byte("{}"), Size: 2}, BodyComplete: true, DeclaredLength: -1},
	}
}

func TestJSONFrames(t *testing.T) {
	ex := h2Exchange()
	fs := check.Run(ex)
	var buf bytes.Buffer
	if err := JSON(&buf, []*probe.Exchange{ex}, [][]check.Finding{fs}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Request    struct{ Proto string }
		Response   struct{ Proto string }
		Frames     []map[string]any
		FrameCount int64 `json:"frame_count"`
		Findings   []struct {
			ID     string
			Header string
			Frame  *int
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Request.Proto != "HTTP/2" || got.Response.Proto != "HTTP/2" || len(got.Frames) != 4 || got.FrameCount != 4 {
		t.Fatalf("protos %q %q, %d frames", got.Request.Proto, got.Response.Proto, len(got.Frames))
	}
	head, _ := json.Marshal(got.Frames[2])
	if want := `{"fields":[[":status","204"],["X-Foo","1"]],"flags":["END_HEADERS"],"length":30,"stream":1,"type":"HEADERS"}`; string(head) != want {
		t.Errorf("frame 2 = %s\nwant      %s", head, want)
	}
	if f, _ := json.Marshal(got.Frames[0]); !strings.Contains(string(f), `"flags":[]`) || !strings.Contains(string(f), `"sent":true`) {
		t.Errorf("frame 0 = %s", f)
	}
	pointed := map[string]int{}
	for _, f := range got.Findings {
		if f.Frame != nil {
			pointed[f.ID+" "+f.Header] = *f.Frame
		}
	}
	if pointed["H1 X-Foo"] != 2 || pointed["H4 "] != 3 {
		t.Errorf("findings pointing at frames: %v", pointed)
	}
}

func TestTextFrames(t *testing.T) {
	ex := h2Exchange()
	var buf bytes.Buffer
	if err := Text(&buf, []*probe.Exchange{ex}, [][]check.Finding{check.Run(ex)}, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"  GET /h2/204/data HTTP/2\n",
		"  HTTP/2 204\n",
		"  → SETTINGS  stream 0  12 B  ENABLE_PUSH=0\n",
		"✗ ← HEADERS  stream 1  END_HEADERS  30 B\n",
		"        :status: 204  (indexed)\n",
		"✗       X-Foo: 1  (literal, Huffman)\n",
		"✗ ← DATA  stream 1  END_STREAM  2 B\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestTextFramesSumsUpLongDATARuns(t *testing.T) {
	ex := h2Exchange()
	ex.Response.Status.Code = 200
	ex.Frames[2].Fields = []probe.HeaderField{{Name: ":status", Value: "200"}}
	ex.Frames = ex.Frames[:3]
	for i := range 10 {
		ex.Frames = append(ex.Frames, probe.Frame{Type: "DATA", Stream: 1, Length: 100})
		if i == 5 {
			ex.Frames = append(ex.Frames, probe.Frame{Sent: true, Type: "WINDOW_UPDATE", Stream: 1, Length: 4})
		}
	}
	ex.FrameCount = int64(len(ex.Frames)) + 20
	var buf bytes.Buffer
	_ = Text(&buf, []*probe.Exchange{ex}, nil, TextOptions{})
	out := buf.String()
	for _, want := range []string{
		"frames (34 in all, 14 of them kept)\n",
		"  … 7 more DATA frames, 700 bytes, and 1 WINDOW_UPDATE frames sent\n",
		"  … 20 more frames, counted but not kept\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "← DATA") != dataRun {
		t.Errorf("report lists %d DATA frames, want %d:\n%s", strings.Count(out, "← DATA"), dataRun, out)
	}
}
