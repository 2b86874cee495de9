package probe

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"
)

// h2Raw serves each connection as an HTTP/2 server that reads the preface and the request's
// header block, then lets respond write whatever frames it likes; it returns the base URL.
func h2Raw(t *testing.T, respond func(fr *http2.Framer, enc *hpackBlock)) string {
	t.Helper()
	return rawServer(t, func(c net.Conn, done <-chan struct{}) {
		br := bufio.NewReader(c)
		preface := make([]byte, len(http2.ClientPreface))
		if _, err := io.ReadFull(br, preface); err != nil || string(preface) != http2.ClientPreface {
			return
		}
		fr := http2.NewFramer(c, br)
		fr.AllowIllegalWrites = true
		_ = fr.WriteSettings()
		for {
			f, err := fr.ReadFrame()
			if err != nil {
				return
			}
			if h, ok := f.(*http2.HeadersFrame); ok && h.HeadersEnded() {
				break
			}
		}
		respond(fr, &hpackBlock{})
		// Hold the connection open until the client is done, answering nothing more.
		_ = c.SetReadDeadline(time.Now().Add(2 * time.Second))
		for {
			if _, err := fr.ReadFrame(); err != nil {
				return
			}
			select {
			case <-done:
				return
			default:
			}
		}
	})
}

// hpackBlock encodes header blocks with one encoder, so that its dynamic table carries over.
type hpackBlock struct {
	buf bytes.Buffer
	enc *hpack.Encoder
}

// block encodes name/value pairs as one header block, names exactly as given.
func (b *hpackBlock) block(kv ...string) []byte {
	if b.enc == nil {
		b.enc = hpack.NewEncoder(&b.buf)
	}
	b.buf.Reset()
	for i := 0; i+1 < len(kv); i += 2 {
		_ = b.enc.WriteField(hpack.HeaderField{Name: kv[i], Value: kv[i+1]})
	}
	return append([]byte(nil), b.buf.Bytes()...)
}

func h2Do(t *testing.T, req Request) *Exchange {
	t.Helper()
	if req.Timeout == 0 {
		req.Timeout = 5 * time.Second
	}
	ex, _ := Do(context.Background(), req)
	return ex
}

// types lists the received frames as "TYPE stream flags".
func types(ex *Exchange) []string {
	var out []string
	for _, f := range ex.Frames {
		if !f.Sent {
			out = append(out, f.Type+" "+strings.Join(f.Flags, "|"))
		}
	}
	return out
}

func TestHTTP2Raw(t *testing.T) {
	tests := []struct {
		name    string
		method  string
		respond func(fr *http2.Framer, b *hpackBlock)
		check   func(t *testing.T, ex *Exchange)
	}{
		{"204 ends on HEADERS", "GET", func(fr *http2.Framer, b *hpackBlock) {
			_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: b.block(":status", "204", "server", "raw"), EndStream: true, EndHeaders: true})
		}, func(t *testing.T, ex *Exchange) {
			r := ex.Response
			if r.Status.Code != 204 || r.Status.Proto != "HTTP/2" || !r.BodyComplete || r.Body.Size != 0 || r.Framing != FramingNone {
				t.Fatalf("response %+v", r)
			}
			if v, _ := r.Get("Server"); v != "raw" {
				t.Errorf("server = %q", v)
			}
			if got := string(r.Head()); got != "HTTP/2 204 \r\nserver: raw\r\n\r\n" {
				t.Errorf("Head() = %q, the head curl -D writes", got)
			}
		}},
		{"DATA on a 204 is bytes after it", "GET", func(fr *http2.Framer, b *hpackBlock) {
			_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: b.block(":status", "204"), EndHeaders: true})
			_ = fr.WriteData(1, true, []byte("{}"))
		}, func(t *testing.T, ex *Exchange) {
			if got := string(ex.Extra.Data); got != "{}" || ex.Response.Body.Size != 0 || !ex.Response.BodyComplete {
				t.Fatalf("extra %q body %d complete %v", got, ex.Response.Body.Size, ex.Response.BodyComplete)
			}
		}},
		{"DATA with a 200 is its body", "GET", func(fr *http2.Framer, b *hpackBlock) {
			_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: b.block(":status", "200", "content-type", "application/json"), EndHeaders: true})
			_ = fr.WriteData(1, true, []byte("{}"))
		}, func(t *testing.T, ex *Exchange) {
			if got := string(ex.Response.Body.Data); got != "{}" || ex.Extra.Size != 0 || ex.Response.Framing != FramingEndStream {
				t.Fatalf("body %q extra %d framing %v", got, ex.Extra.Size, ex.Response.Framing)
			}
		}},
		{"DATA after END_STREAM is recorded, not the body", "GET", func(fr *http2.Framer, b *hpackBlock) {
			_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: b.block(":status", "204"), EndStream: true, EndHeaders: true})
			time.Sleep(20 * time.Millisecond)
			_ = fr.WriteData(1, true, []byte("late"))
		}, func(t *testing.T, ex *Exchange) {
			got := types(ex)
			if ex.Response.Body.Size != 0 || len(got) < 3 || got[len(got)-1] != "DATA END_STREAM" {
				t.Fatalf("frames %q, body %d", got, ex.Response.Body.Size)
			}
		}},
		{"uppercase names and pseudo-headers kept as sent", "GET", func(fr *http2.Framer, b *hpackBlock) {
			_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: b.block(":status", "200", "X-Foo", "1", ":bogus", "x"), EndStream: true, EndHeaders: true})
		}, func(t *testing.T, ex *Exchange) {
			var h *Frame
			for i := range ex.Frames {
				if !ex.Frames[i].Sent && ex.Frames[i].Type == "HEADERS" {
					h = &ex.Frames[i]
				}
			}
			if h == nil || len(h.Fields) != 3 || h.Fields[1].Name != "X-Foo" || h.Fields[2].Name != ":bogus" {
				t.Fatalf("fields %+v", h)
			}
			if h.Fields[0].Rep != Indexed || h.Fields[1].Rep != LiteralIndexed || !h.Fields[1].Huffman {
				t.Errorf("representations %+v", h.Fields)
			}
		}},
		{"a body split by CONTINUATION and trailers", "GET", func(fr *http2.Framer, b *hpackBlock) {
			blk := b.block(":status", "200", "content-type", "text/plain", "trailer", "x-sum")
			_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: blk[:3]})
			_ = fr.WriteContinuation(1, true, blk[3:])
			_ = fr.WriteData(1, false, []byte("hello "))
			_ = fr.WriteData(1, false, []byte("world"))
			_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: b.block("x-sum", "42"), EndStream: true, EndHeaders: true})
		}, func(t *testing.T, ex *Exchange) {
			r := ex.Response
			if string(r.Body.Data) != "hello world" || len(r.Trailers) != 1 || r.Trailers[0].Value != "42" || !r.BodyComplete {
				t.Fatalf("body %q trailers %+v", r.Body.Data, r.Trailers)
			}
			if v, _ := r.Get("content-type"); v != "text/plain" {
				t.Errorf("content-type %q", v)
			}
		}},
		{"RST_STREAM mid-body", "GET", func(fr *http2.Framer, b *hpackBlock) {
			_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: b.block(":status", "200", "content-length", "10"), EndHeaders: true})
			_ = fr.WriteData(1, false, []byte("abc"))
			_ = fr.WriteRSTStream(1, http2.ErrCodeInternal)
		}, func(t *testing.T, ex *Exchange) {
			r := ex.Response
			if r.BodyComplete || !strings.Contains(r.BodyError, "RST_STREAM INTERNAL_ERROR") || r.DeclaredLength != 10 {
				t.Fatalf("complete %v error %q", r.BodyComplete, r.BodyError)
			}
		}},
		{"GOAWAY mid-body", "GET", func(fr *http2.Framer, b *hpackBlock) {
			_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: b.block(":status", "200"), EndHeaders: true})
			_ = fr.WriteData(1, false, []byte("abc"))
			_ = fr.WriteGoAway(1, http2.ErrCodeEnhanceYourCalm, []byte("slow down"))
		}, func(t *testing.T, ex *Exchange) {
			var g *Frame
			for i := range ex.Frames {
				if ex.Frames[i].Type == "GOAWAY" {
					g = &ex.Frames[i]
				}
			}
			if g == nil || g.ErrCode != "ENHANCE_YOUR_CALM" || g.Debug != "slow down" || ex.Response.BodyComplete {
				t.Fatalf("goaway %+v", g)
			}
		}},
		{"RST_STREAM(NO_ERROR) after a complete response", "GET", func(fr *http2.Framer, b *hpackBlock) {
			_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: b.block(":status", "200"), EndHeaders: true})
			_ = fr.WriteData(1, true, []byte("ok"))
			_ = fr.WriteRSTStream(1, http2.ErrCodeNo)
		}, func(t *testing.T, ex *Exchange) {
			if !ex.Response.BodyComplete || ex.Response.BodyError != "" || ex.Err != nil {
				t.Fatalf("complete %v %q %v", ex.Response.BodyComplete, ex.Response.BodyError, ex.Err)
			}
		}},
		{"DATA frames past the record's cap are counted", "GET", func(fr *http2.Framer, b *hpackBlock) {
			_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: b.block(":status", "200"), EndHeaders: true})
			for range MaxFrames + 500 {
				_ = fr.WriteData(1, false, []byte("x"))
			}
			_ = fr.WriteData(1, true, nil)
			_ = fr.WriteRSTStream(1, http2.ErrCodeNo)
		}, func(t *testing.T, ex *Exchange) {
			r := ex.Response
			if r.Body.Size != MaxFrames+500 || !r.BodyComplete || len(ex.Frames) > MaxFrames+2 || ex.FrameCount < MaxFrames+500 {
				t.Fatalf("body %d complete %v, %d frames kept of %d", r.Body.Size, r.BodyComplete, len(ex.Frames), ex.FrameCount)
			}
			n := len(ex.Frames)
			if end, last := ex.Frames[n-2], ex.Frames[n-1]; !end.Has("END_STREAM") || last.Type != "RST_STREAM" {
				t.Errorf("the last frames kept are %s %v and %s, want the one with END_STREAM and the RST_STREAM", end.Type, end.Flags, last.Type)
			}
		}},
		{"an interim 103 before the response", "GET", func(fr *http2.Framer, b *hpackBlock) {
			_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: b.block(":status", "103", "link", "</a>"), EndHeaders: true})
			_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: b.block(":status", "204"), EndStream: true, EndHeaders: true})
		}, func(t *testing.T, ex *Exchange) {
			if len(ex.Interim) != 1 || ex.Interim[0].Status.Code != 103 || ex.Response.Status.Code != 204 {
				t.Fatalf("interim %+v final %+v", ex.Interim, ex.Response.Status)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := h2Raw(t, tt.respond)
			ex := h2Do(t, Request{URL: u + "/", Method: tt.method, HTTP2: HTTP2Prior, Grace: 100 * time.Millisecond})
			if ex.Response == nil {
				t.Fatalf("no response: %v", ex.Err)
			}
			if !ex.HTTP2() || ex.Request.Header[0].Name != ":method" {
				t.Fatalf("request %+v", ex.Request)
			}
			tt.check(t, ex)
		})
	}
}

func TestHTTP2EarlyAnswer(t *testing.T) {
	// The server answers 413 without taking the body. The exchange ends with the response, and
	// the body's writer with it.
	// It opens a large window first and then stops reading, so the body's writer is stuck in a
	// write when the answer arrives.
	u := rawServer(t, func(c net.Conn, done <-chan struct{}) {
		br := bufio.NewReader(c)
		preface := make([]byte, len(http2.ClientPreface))
		if _, err := io.ReadFull(br, preface); err != nil {
			return
		}
		fr := http2.NewFramer(c, br)
		_ = fr.WriteSettings(http2.Setting{ID: http2.SettingInitialWindowSize, Val: 1<<31 - 1})
		_ = fr.WriteWindowUpdate(0, 1<<31-1-65535)
		for {
			f, err := fr.ReadFrame()
			if err != nil {
				return
			}
			if h, ok := f.(*http2.HeadersFrame); ok && h.HeadersEnded() {
				break
			}
		}
		time.Sleep(100 * time.Millisecond) // the socket buffers fill up
		var b hpackBlock
		_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: b.block(":status", "413"), EndStream: true, EndHeaders: true})
		<-done
	})
	start := time.Now()
	ex := h2Do(t, Request{URL: u + "/", Method: "POST", Body: bytes.Repeat([]byte("x"), 64<<20), HTTP2: HTTP2Prior,
		Grace: 50 * time.Millisecond, Timeout: 10 * time.Second})
	if ex.Err != nil || ex.Response.Status.Code != 413 {
		t.Fatalf("err %v, response %+v", ex.Err, ex.Response)
	}
	// Well before the timeout, which an exchange that waited for the stuck writer would reach;
	// a loaded machine under -race has taken 2.7 s to get here.
	if d := time.Since(start); d > 6*time.Second {
		t.Errorf("took %v", d)
	}
	n := len(ex.Frames)
	time.Sleep(50 * time.Millisecond)
	if len(ex.Frames) != n {
		t.Errorf("frames were recorded after the exchange returned")
	}
}

func TestHTTP2Errors(t *testing.T) {
	tests := []struct {
		name    string
		respond func(fr *http2.Framer, b *hpackBlock)
		want    string
	}{
		{"reset before the headers", func(fr *http2.Framer, _ *hpackBlock) { _ = fr.WriteRSTStream(1, http2.ErrCodeRefusedStream) },
			"the server reset the stream (RST_STREAM REFUSED_STREAM) before the response headers"},
		{"GOAWAY before the headers", func(fr *http2.Framer, _ *hpackBlock) { _ = fr.WriteGoAway(0, http2.ErrCodeProtocol, nil) },
			"the server sent GOAWAY (PROTOCOL_ERROR, last stream 0) before the response headers"},
		{"silence", func(fr *http2.Framer, _ *hpackBlock) {}, "timed out after 300ms waiting for the HTTP/2 response headers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := h2Raw(t, tt.respond)
			ex := h2Do(t, Request{URL: u + "/", HTTP2: HTTP2Prior, Timeout: 300 * time.Millisecond})
			if ex.Err == nil || ex.Err.Error() != tt.want {
				t.Fatalf("err = %v, want %q", ex.Err, tt.want)
			}
		})
	}
	t.Run("an HTTP/1.1 server", func(t *testing.T) {
		u := rawServer(t, script{parts: []string{"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"}, noRead: true}.serve)
		ex := h2Do(t, Request{URL: u + "/", HTTP2: HTTP2Prior})
		if ex.Err == nil || !strings.Contains(ex.Err.Error(), "not an HTTP/2 response: the server answered in HTTP/1.x") {
			t.Fatalf("err = %v", ex.Err)
		}
	})
	t.Run("--http2 over http://", func(t *testing.T) {
		ex := h2Do(t, Request{URL: "http://127.0.0.1:1/", HTTP2: HTTP2ALPN})
		if e, ok := ex.Err.(*Error); !ok || e.Phase != PhaseRequest {
			t.Fatalf("err = %v", ex.Err)
		}
	})
}

func TestHTTP2GoServers(t *testing.T) {
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/204":
			w.WriteHeader(http.StatusNoContent)
		case "/big":
			w.Header().Set("Content-Length", "10485760")
			chunk := bytes.Repeat([]byte("x"), 64<<10)
			for range 160 {
				_, _ = w.Write(chunk)
			}
		case "/echo":
			b, _ := io.ReadAll(r.Body)
			_, _ = w.Write([]byte(r.Proto + " " + r.Method + " " + string(b[:min(len(b), 10)]) + " " + http.StatusText(len(b)%600)))
		default:
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"ok":true}`))
		}
	})
	h2cSrv := httptest.NewUnstartedServer(handler)
	h2cSrv.Config.Protocols = new(http.Protocols)
	h2cSrv.Config.Protocols.SetHTTP1(true)
	h2cSrv.Config.Protocols.SetUnencryptedHTTP2(true)
	h2cSrv.Start()
	defer h2cSrv.Close()
	tlsSrv := httptest.NewUnstartedServer(handler)
	tlsSrv.EnableHTTP2 = true
	tlsSrv.StartTLS()
	defer tlsSrv.Close()

	tests := []struct {
		name  string
		req   Request
		proto string
		check func(t *testing.T, ex *Exchange)
	}{
		{"h2c 204", Request{URL: h2cSrv.URL + "/204", HTTP2: HTTP2Prior}, "HTTP/2", func(t *testing.T, ex *Exchange) {
			if ex.Response.Status.Code != 204 {
				t.Errorf("status %d", ex.Response.Status.Code)
			}
		}},
		{"h2c 10 MiB", Request{URL: h2cSrv.URL + "/big", HTTP2: HTTP2Prior}, "HTTP/2", func(t *testing.T, ex *Exchange) {
			r := ex.Response
			if r.Body.Size != 10<<20 || !r.BodyComplete || int64(len(r.Body.Data)) != DefaultBodyLimit {
				t.Errorf("body %d kept %d complete %v %s", r.Body.Size, len(r.Body.Data), r.BodyComplete, r.BodyError)
			}
		}},
		{"h2c POST with a body larger than the window", Request{URL: h2cSrv.URL + "/echo", Method: "POST", Body: bytes.Repeat([]byte("b"), 200000), HTTP2: HTTP2Prior}, "HTTP/2", func(t *testing.T, ex *Exchange) {
			if got := string(ex.Response.Body.Data); got != "HTTP/2.0 POST bbbbbbbbbb "+http.StatusText(200000%600) {
				t.Errorf("echo %q", got)
			}
		}},
		{"TLS --http2 picks h2", Request{URL: tlsSrv.URL + "/json", HTTP2: HTTP2ALPN, Insecure: true}, "HTTP/2", func(t *testing.T, ex *Exchange) {
			if string(ex.Response.Body.Data) != `{"ok":true}` || ex.TLS.ALPN != "h2" {
				t.Errorf("body %q alpn %q", ex.Response.Body.Data, ex.TLS.ALPN)
			}
		}},
		{"TLS --http1.1", Request{URL: tlsSrv.URL + "/json", Insecure: true}, "HTTP/1.1", func(t *testing.T, ex *Exchange) {
			if ex.TLS.ALPN == "h2" || len(ex.Frames) != 0 {
				t.Errorf("alpn %q, %d frames", ex.TLS.ALPN, len(ex.Frames))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := h2Do(t, tt.req)
			if ex.Err != nil || ex.Response == nil {
				t.Fatalf("err %v", ex.Err)
			}
			if ex.Response.Status.Proto != tt.proto || ex.Request.Proto != tt.proto {
				t.Fatalf("proto %q / %q, want %q", ex.Response.Status.Proto, ex.Request.Proto, tt.proto)
			}
			tt.check(t, ex)
		})
	}

	t.Run("an HTTP/1.1-only TLS server with --http2", func(t *testing.T) {
		srv := httptest.NewTLSServer(handler) // EnableHTTP2 false: ALPN offers http/1.1 only
		defer srv.Close()
		ex := h2Do(t, Request{URL: srv.URL + "/204", HTTP2: HTTP2ALPN, Insecure: true})
		if ex.Err != nil || ex.Response.Status.Proto != "HTTP/1.1" || ex.Response.Status.Code != 204 {
			t.Fatalf("err %v response %+v", ex.Err, ex.Response)
		}
	})
}

func TestListFrames(t *testing.T) {
	d := Frame{Type: "DATA", Stream: 1, Length: 10}
	wu := Frame{Sent: true, Type: "WINDOW_UPDATE", Length: 4}
	h := Frame{Type: "HEADERS", Stream: 1}
	tests := []struct {
		name   string
		frames []Frame
		listed []int
		want   []FrameEntry
	}{
		{"short runs are listed", []Frame{h, d, d}, nil, []FrameEntry{{Frame: 0}, {Frame: 1}, {Frame: 2}}},
		{"a long run is summed up, updates with it", []Frame{h, d, d, d, wu, d, d}, nil,
			[]FrameEntry{{Frame: 0}, {Frame: 1}, {Frame: 2}, {Frame: -1, Data: 3, Bytes: 30, Updates: 1}}},
		{"a listed frame breaks the run", []Frame{d, d, d, d, d}, []int{3},
			[]FrameEntry{{Frame: 0}, {Frame: 1}, {Frame: -1, Data: 1, Bytes: 10}, {Frame: 3}, {Frame: 4}}},
		{"an update before the run is cut is listed", []Frame{d, wu, d}, nil, []FrameEntry{{Frame: 0}, {Frame: 1}, {Frame: 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ListFrames(tt.frames, 2, func(i int) bool { return slices.Contains(tt.listed, i) })
			if !slices.Equal(got, tt.want) {
				t.Errorf("ListFrames = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestHTTP2Hostile(t *testing.T) {
	tests := []struct {
		name    string
		respond func(fr *http2.Framer, b *hpackBlock)
		check   func(t *testing.T, ex *Exchange)
	}{
		{"endless PINGs end with the timeout", func(fr *http2.Framer, _ *hpackBlock) {
			for range 200000 {
				if fr.WritePing(false, [8]byte{1}) != nil {
					return
				}
			}
		}, func(t *testing.T, ex *Exchange) {
			if e, ok := ex.Err.(*Error); !ok || (!e.Timeout && ex.Response == nil && !strings.Contains(e.Msg, "closed")) {
				t.Fatalf("err %v", ex.Err)
			}
			if len(ex.Frames) > 2*MaxFrames {
				t.Errorf("%d frames kept", len(ex.Frames))
			}
		}},
		{"an endless header block stays bounded", func(fr *http2.Framer, b *hpackBlock) {
			_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: b.block(":status", "200")})
			chunk := bytes.Repeat([]byte{0x40, 0x01, 'a', 0x01, 'b'}, 3000)
			for range 2000 {
				if fr.WriteContinuation(1, false, chunk) != nil {
					return
				}
			}
		}, func(t *testing.T, ex *Exchange) {
			if ex.Err == nil || ex.Response != nil || len(ex.Frames) > 2*MaxFrames {
				t.Fatalf("err %v, %d frames", ex.Err, len(ex.Frames))
			}
		}},
		{"a header block that is not HPACK", func(fr *http2.Framer, _ *hpackBlock) {
			_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, EndStream: true, EndHeaders: true})
		}, func(t *testing.T, ex *Exchange) {
			var blockErr string
			for _, f := range ex.Frames {
				if !f.Sent && f.Type == "HEADERS" {
					blockErr = f.BlockError
				}
			}
			if blockErr == "" || ex.Response == nil || ex.Response.Status.Code != -1 {
				t.Fatalf("block error %q, response %+v", blockErr, ex.Response)
			}
		}},
		{"DATA on stream 0", func(fr *http2.Framer, _ *hpackBlock) { _ = fr.WriteData(0, false, []byte("x")) },
			func(t *testing.T, ex *Exchange) {
				if ex.Err == nil || ex.Err.Error() != "malformed HTTP/2 frame: DATA frame with stream ID 0 (PROTOCOL_ERROR)" {
					t.Fatalf("err %v", ex.Err)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := h2Raw(t, tt.respond)
			start := time.Now()
			ex := h2Do(t, Request{URL: u + "/", HTTP2: HTTP2Prior, Timeout: time.Second, Grace: 50 * time.Millisecond})
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %v", d)
			}
			tt.check(t, ex)
		})
	}
}

// TestHTTP2DefaultWatch: without Request.Grace, the watch after END_STREAM on a response that
// has no content is the same as after an HTTP/1.1 204 (watchWindow), so a DATA frame written
// a few milliseconds late is still caught and the window used is recorded.
func TestHTTP2DefaultWatch(t *testing.T) {
	u := h2Raw(t, func(fr *http2.Framer, b *hpackBlock) {
		_ = fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: b.block(":status", "204"), EndStream: true, EndHeaders: true})
		time.Sleep(10 * time.Millisecond)
		_ = fr.WriteData(1, true, []byte("late"))
	})
	ex := h2Do(t, Request{URL: u + "/", HTTP2: HTTP2Prior})
	if ex.Timing.Watch < GraceFloor {
		t.Errorf("watch %v, want at least %v", ex.Timing.Watch, GraceFloor)
	}
	if got := types(ex); len(got) < 3 || got[len(got)-1] != "DATA END_STREAM" {
		t.Errorf("frames %q: the late DATA was not seen", got)
	}
}
