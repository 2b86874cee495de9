package check

import (
	"strings"

	"github.com/hsx-dev/hsx/probe"
)

// hf is a header block field as the server sent it.
func hf(kv ...string) []probe.HeaderField {
	var out []probe.HeaderField
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, probe.HeaderField{Name: kv[i], Value: kv[i+1], Rep: probe.Literal})
	}
	return out
}

// fr is a frame the server sent on stream 1 (or on stream 0 for GOAWAY and SETTINGS).
func fr(typ string, flags string, length uint32, fields []probe.HeaderField) probe.Frame {
	f := probe.Frame{Type: typ, Stream: 1, Length: length, Fields: fields, Summary: "s"}
	if flags != "" {
		f.Flags = strings.Split(flags, "|")
	}
	if typ == "GOAWAY" || typ == "SETTINGS" {
		f.Stream = 0
	}
	return f
}

func rst(code string) probe.Frame {
	f := fr("RST_STREAM", "", 4, nil)
	f.ErrCode = code
	return f
}

func goaway(code string) probe.Frame {
	f := fr("GOAWAY", "", 8, nil)
	f.ErrCode, f.Summary = code, code+", last stream 1"
	return f
}

// overH2 returns a setup that turns the parsed exchange into an HTTP/2 one with these frames
// (after our own SETTINGS and HEADERS), its response rebuilt from them as probe builds it.
func overH2(frames ...probe.Frame) func(*probe.Exchange) {
	return func(ex *probe.Exchange) {
		ex.Request.Proto = probe.ProtoHTTP2
		ex.Frames = append([]probe.Frame{
			{Sent: true, Type: "SETTINGS", Length: 12},
			{Sent: true, Type: "HEADERS", Stream: 1, Flags: []string{"END_STREAM", "END_HEADERS"}},
		}, frames...)
		r := &probe.Response{DeclaredLength: -1, BodyComplete: false,
			Status: probe.StatusLine{Proto: probe.ProtoHTTP2, Major: 2, Code: -1}}
		ex.Response, ex.Interim, ex.Extra = r, nil, probe.Capture{}
		head, ended := false, false
		for _, f := range ex.Frames[2:] {
			if f.Stream != 1 || ended {
				continue
			}
			switch f.Type {
			case "HEADERS":
				if head {
					for _, h := range f.Fields {
						r.Trailers = append(r.Trailers, probe.Field{Name: h.Name, Value: h.Value, Line: -1})
					}
					break
				}
				head = true
				for _, h := range f.Fields {
					if h.Name == ":status" && r.Status.Code < 0 {
						r.Status.Code = int(h.Value[0]-'0')*100 + int(h.Value[1]-'0')*10 + int(h.Value[2]-'0')
					}
					if !strings.HasPrefix(h.Name, ":") {
						r.Header = append(r.Header, probe.Field{Name: h.Name, Value: strings.Trim(h.Value, " \t"), Line: -1})
					}
				}
			case "DATA":
				c := &r.Body
				if code := r.Status.Code; code == 204 || code == 304 || ex.Request.Method == "HEAD" {
					c = &ex.Extra
				}
				c.Data = append(c.Data, strings.Repeat("x", int(f.Length))...)
				c.Size += int64(f.Length)
			case "RST_STREAM":
				ended = true
				r.BodyError = "reset"
			}
			if f.Has("END_STREAM") {
				ended, r.BodyComplete = true, true
			}
		}
		if v, ok := r.Get("content-length"); ok {
			var n int64
			for _, c := range v {
				n = n*10 + int64(c-'0')
			}
			r.DeclaredLength = n
		}
		if !r.BodyComplete && r.BodyError == "" {
			r.BodyError, ex.Closed = "connection closed before END_STREAM", true
		}
	}
}

// h2Head is a correct HTTP/2 response head with a date, for cases to build on.
func h2Head(kv ...string) []probe.HeaderField {
	return hf(append([]string{":status", "200", "date", testDate, "content-type", "text/plain", "etag", `"v1"`}, kv...)...)
}

// atFrame points at frame i of the exchange (counting our own two first frames).
func atFrame(i int, name string) Location { return Location{Where: AtFrame, Index: i, Name: name} }

func h2Cases() []ruleCase {
	const any = "HTTP/1.1 200 OK\r\n\r\n" // replaced by the setup
	ok204 := hf(":status", "204", "date", testDate)
	return []ruleCase{
		// H1
		{id: "H1", name: "upper-case name", stream: any, setup: overH2(fr("HEADERS", "END_STREAM|END_HEADERS", 30, append(ok204, hf("X-Foo", "1")...))), want: fires(Error, atFrame(2, "X-Foo"))},
		{id: "H1", name: "NUL in a value", stream: any, setup: overH2(fr("HEADERS", "END_STREAM|END_HEADERS", 30, append(ok204, hf("x-foo", "a\x00b")...))), want: fires(Error, atFrame(2, "x-foo"))},
		{id: "H1", name: "space at the end of a value", stream: any, setup: overH2(fr("HEADERS", "END_STREAM|END_HEADERS", 30, append(ok204, hf("x-foo", "a ")...))), want: fires(Error, atFrame(2, "x-foo"))},
		{id: "H1", name: "name not a token", stream: any, setup: overH2(fr("HEADERS", "END_STREAM|END_HEADERS", 30, append(ok204, hf("x foo", "a")...))), want: fires(Error, atFrame(2, "x foo"))},
		{id: "H1", name: "lower-case fields", stream: any, setup: overH2(fr("HEADERS", "END_STREAM|END_HEADERS", 30, append(ok204, hf("x-foo", "a b")...)))},
		{id: "H1", name: "HTTP/1.1 upper-case names are fine", stream: head("HTTP/1.1 204 No Content", date)},
		// H2
		{id: "H2", name: "connection: keep-alive", stream: any, setup: overH2(fr("HEADERS", "END_STREAM|END_HEADERS", 30, append(ok204, hf("connection", "keep-alive")...))), want: fires(Error, atFrame(2, "connection"))},
		{id: "H2", name: "transfer-encoding", stream: any, setup: overH2(fr("HEADERS", "END_HEADERS", 30, h2Head("transfer-encoding", "chunked")), fr("DATA", "END_STREAM", 5, nil)), want: fires(Error, atFrame(2, "transfer-encoding"))},
		{id: "H2", name: "no connection field", stream: any, setup: overH2(fr("HEADERS", "END_STREAM|END_HEADERS", 30, ok204))},
		{id: "H2", name: "Connection over HTTP/1.1 is fine", stream: head("HTTP/1.1 204 No Content", date, "Connection: keep-alive")},
		// H3
		{id: "H3", name: "no :status", stream: any, setup: overH2(fr("HEADERS", "END_STREAM|END_HEADERS", 30, hf("date", testDate))), want: fires(Error, atFrame(2, ""))},
		{id: "H3", name: "two :status", stream: any, setup: overH2(fr("HEADERS", "END_STREAM|END_HEADERS", 30, hf(":status", "204", ":status", "200"))), want: fires(Error, atFrame(2, ":status"))},
		{id: "H3", name: "unknown pseudo-header", stream: any, setup: overH2(fr("HEADERS", "END_STREAM|END_HEADERS", 30, append(ok204, hf(":path", "/")...))), want: fires(Error, atFrame(2, ":path"))},
		{id: "H3", name: "pseudo-header after a regular field", stream: any, setup: overH2(fr("HEADERS", "END_STREAM|END_HEADERS", 30, hf("date", testDate, ":status", "204"))), want: fires(Error, atFrame(2, ":status"))},
		{id: "H3", name: "pseudo-header in trailers", stream: any, setup: overH2(fr("HEADERS", "END_HEADERS", 30, h2Head()), fr("DATA", "", 5, nil), fr("HEADERS", "END_STREAM|END_HEADERS", 5, hf(":status", "200"))), want: fires(Error, atFrame(4, ":status"))},
		{id: "H3", name: "correct head and trailers", stream: any, setup: overH2(fr("HEADERS", "END_HEADERS", 30, h2Head()), fr("DATA", "", 5, nil), fr("HEADERS", "END_STREAM|END_HEADERS", 5, hf("x-sum", "1")))},
		// H4
		{id: "H4", name: "DATA on a 204", stream: any, setup: overH2(fr("HEADERS", "END_HEADERS", 30, ok204), fr("DATA", "END_STREAM", 2, nil)), want: fires(Error, atFrame(3, ""))},
		{id: "H4", name: "DATA on HEAD", method: "HEAD", stream: any, setup: overH2(fr("HEADERS", "END_HEADERS", 30, h2Head("content-length", "5")), fr("DATA", "END_STREAM", 5, nil)), want: fires(Error, atFrame(3, ""))},
		{id: "H4", name: "content-length 5, 2 bytes of DATA", stream: any, setup: overH2(fr("HEADERS", "END_HEADERS", 30, h2Head("content-length", "5")), fr("DATA", "END_STREAM", 2, nil)), want: fires(Error, atHeader(3, "content-length"))},
		{id: "H4", name: "content-length matches", stream: any, setup: overH2(fr("HEADERS", "END_HEADERS", 30, h2Head("content-length", "5")), fr("DATA", "", 3, nil), fr("DATA", "END_STREAM", 2, nil))},
		{id: "H4", name: "HEAD with content-length and no DATA", method: "HEAD", stream: any, setup: overH2(fr("HEADERS", "END_STREAM|END_HEADERS", 30, h2Head("content-length", "5")))},
		{id: "H4", name: "204 with an empty DATA END_STREAM", stream: any, setup: overH2(fr("HEADERS", "END_HEADERS", 30, ok204), fr("DATA", "END_STREAM", 0, nil))},
		// H5
		{id: "H5", name: "DATA after END_STREAM", stream: any, setup: overH2(fr("HEADERS", "END_STREAM|END_HEADERS", 30, ok204), fr("DATA", "END_STREAM", 2, nil)), want: fires(Error, atFrame(3, ""))},
		{id: "H5", name: "103 with END_STREAM", stream: any, setup: overH2(fr("HEADERS", "END_STREAM|END_HEADERS", 30, hf(":status", "103", "link", "</a>"))), want: fires(Error, atFrame(2, ":status"))},
		{id: "H5", name: "trailers without END_STREAM", stream: any, setup: overH2(fr("HEADERS", "END_HEADERS", 30, h2Head()), fr("DATA", "", 5, nil), fr("HEADERS", "END_HEADERS", 5, hf("x-sum", "1"))), want: fires(Error, atFrame(4, ""))},
		{id: "H5", name: "103 then 204", stream: any, setup: overH2(fr("HEADERS", "END_HEADERS", 30, hf(":status", "103")), fr("HEADERS", "END_STREAM|END_HEADERS", 30, ok204))},
		{id: "H5", name: "WINDOW_UPDATE and RST_STREAM(NO_ERROR) after END_STREAM", stream: any, setup: overH2(fr("HEADERS", "END_STREAM|END_HEADERS", 30, ok204), fr("WINDOW_UPDATE", "", 4, nil), rst("NO_ERROR"))},
		// H6
		{id: "H6", name: "RST_STREAM mid-body", stream: any, setup: overH2(fr("HEADERS", "END_HEADERS", 30, h2Head("content-length", "10")), fr("DATA", "", 3, nil), rst("INTERNAL_ERROR")), want: fires(Error, atFrame(4, ""))},
		{id: "H6", name: "RST_STREAM(CANCEL) after the response", stream: any, setup: overH2(fr("HEADERS", "END_STREAM|END_HEADERS", 30, ok204), rst("CANCEL")), want: fires(Info, atFrame(3, ""))},
		{id: "H6", name: "closed before END_STREAM", stream: any, setup: overH2(fr("HEADERS", "END_HEADERS", 30, h2Head()), fr("DATA", "", 3, nil)), want: fires(Error, atMessage())},
		{id: "H6", name: "RST_STREAM(NO_ERROR) after a complete response", stream: any, setup: overH2(fr("HEADERS", "END_HEADERS", 30, h2Head()), fr("DATA", "END_STREAM", 3, nil), rst("NO_ERROR"))},
		// H7
		{id: "H7", name: "GOAWAY mid-response", stream: any, setup: overH2(fr("HEADERS", "END_HEADERS", 30, h2Head()), fr("DATA", "", 3, nil), goaway("ENHANCE_YOUR_CALM")), want: fires(Error, atFrame(4, ""))},
		{id: "H7", name: "GOAWAY with an error after the response", stream: any, setup: overH2(fr("HEADERS", "END_STREAM|END_HEADERS", 30, ok204), goaway("PROTOCOL_ERROR")), want: fires(Warning, atFrame(3, ""))},
		{id: "H7", name: "GOAWAY(NO_ERROR) after the response", stream: any, setup: overH2(fr("HEADERS", "END_STREAM|END_HEADERS", 30, ok204), goaway("NO_ERROR"))},
		// The HTTP/1.1 framing rules stay quiet over HTTP/2.
		{id: "F13", name: "no line framing over HTTP/2", stream: any, setup: overH2(fr("HEADERS", "END_HEADERS", 30, h2Head("content-length", "5")), fr("DATA", "END_STREAM", 5, nil))},
		{id: "F7", name: "no HTTP/1.1 field syntax over HTTP/2", stream: any, setup: overH2(fr("HEADERS", "END_STREAM|END_HEADERS", 30, append(ok204, hf("x foo", "1")...)))},
	}
}
