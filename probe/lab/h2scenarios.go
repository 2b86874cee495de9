package lab

import (
	"net/http"
	"strconv"
	"time"

	"golang.org/x/net/http2"
)

// h2Frames writes the response of an HTTP/2 scenario on stream id, frame by frame.
type h2Frames func(h *h2Conn, id uint32)

// lateFrame is how long /h2/data-after-end waits after END_STREAM before its stray DATA frame:
// long enough for it to arrive apart, well within the probe's grace window.
const lateFrame = 20 * time.Millisecond

// h2Head returns the fields of a response head: :status, date and server, then kv.
func h2Head(code int, kv ...string) []string {
	return append([]string{":status", strconv.Itoa(code), "date", time.Now().UTC().Format(http.TimeFormat),
		"server", "hsx-lab"}, kv...)
}

// h2Scenarios are the scenarios written as raw HTTP/2 frames, each broken one next to the
// correct twin it breaks.
func h2Scenarios() []Scenario {
	text := []string{"content-type", textType, "content-length", strconv.Itoa(len(helloBody)), "etag", `"lab"`}
	return []Scenario{
		{HTTP2: true, Path: "/h2/204", Code: 204, Twin: "/h2/204/data",
			Description: "HTTP/2: a correct 204, END_STREAM on its HEADERS frame",
			frames:      func(h *h2Conn, id uint32) { _ = h.headers(id, true, h2Head(204)...) }},
		{HTTP2: true, Path: "/h2/204/data", Code: 204, Rules: []string{"H4", "S9"}, GoClient: both(ClientFirstFailed), Twin: "/h2/204",
			Description: "HTTP/2: 204, then a DATA frame with {} and END_STREAM",
			frames: func(h *h2Conn, id uint32) {
				_ = h.headers(id, false, h2Head(204)...)
				_ = h.data(id, []byte("{}"), true)
			}},
		{HTTP2: true, Path: "/h2/204/content-length", Code: 204, Rules: []string{"S2"}, GoClient: both(ClientFirstFailed), Twin: "/h2/204",
			Description: "HTTP/2: 204 with content-length: 5, END_STREAM on its HEADERS frame",
			frames:      func(h *h2Conn, id uint32) { _ = h.headers(id, true, h2Head(204, "content-length", "5")...) }},
		{HTTP2: true, Path: "/h2/data-after-end", Code: 204, Rules: []string{"H5"}, GoClient: ClientOutcome{ClientWarned, ClientOK}, Twin: "/h2/204",
			Description: "HTTP/2: a correct 204 with END_STREAM, then a DATA frame on the closed stream",
			frames: func(h *h2Conn, id uint32) {
				_ = h.headers(id, true, h2Head(204)...)
				time.Sleep(lateFrame)
				_ = h.write(func(fr *http2.Framer) error { return fr.WriteData(id, true, []byte("{}")) })
			}},
		{HTTP2: true, Path: "/h2/200", Code: 200, Twin: "/h2/content-length",
			Description: "HTTP/2: a correct 200 with a text body in one DATA frame",
			frames: func(h *h2Conn, id uint32) {
				_ = h.headers(id, false, h2Head(200, text...)...)
				_ = h.data(id, []byte(helloBody), true)
			}},
		{HTTP2: true, Path: "/h2/content-length", Code: 200, Rules: []string{"H4"}, GoClient: both(ClientFirstFailed), Twin: "/h2/200",
			Description: "HTTP/2: 200 with content-length: 5 and 2 bytes of DATA",
			frames: func(h *h2Conn, id uint32) {
				_ = h.headers(id, false, h2Head(200, "content-type", textType, "content-length", "5", "etag", `"lab"`)...)
				_ = h.data(id, []byte("hi"), true)
			}},
		{HTTP2: true, Path: "/h2/connection", Code: 200, Rules: []string{"H2"}, GoClient: both(ClientOK), Twin: "/h2/200",
			Description: "HTTP/2: 200 with a connection: keep-alive field, forbidden in HTTP/2",
			frames: func(h *h2Conn, id uint32) {
				_ = h.headers(id, false, h2Head(200, append(text, "connection", "keep-alive")...)...)
				_ = h.data(id, []byte(helloBody), true)
			}},
		{HTTP2: true, Path: "/h2/uppercase", Code: 200, Rules: []string{"H1"}, GoClient: both(ClientFirstFailed), Twin: "/h2/200",
			Description: "HTTP/2: 200 with the field name X-Request-Id in upper case",
			frames: func(h *h2Conn, id uint32) {
				_ = h.headers(id, false, h2Head(200, append(text, "X-Request-Id", "42")...)...)
				_ = h.data(id, []byte(helloBody), true)
			}},
		{HTTP2: true, Path: "/h2/no-status", Code: -1, Rules: []string{"H3"}, GoClient: both(ClientFirstFailed), Twin: "/h2/204",
			Description: "HTTP/2: a response head without :status",
			frames: func(h *h2Conn, id uint32) {
				_ = h.headers(id, true, "date", time.Now().UTC().Format(http.TimeFormat), "server", "hsx-lab")
			}},
		{HTTP2: true, Path: "/h2/rst", Code: 200, Rules: []string{"H6"}, GoClient: both(ClientFirstFailed), Twin: "/h2/rst-no-error",
			Description: "HTTP/2: 200, part of the body, then RST_STREAM(INTERNAL_ERROR)",
			frames: func(h *h2Conn, id uint32) {
				_ = h.headers(id, false, h2Head(200, text...)...)
				_ = h.data(id, []byte(helloBody[:5]), false)
				_ = h.write(func(fr *http2.Framer) error { return fr.WriteRSTStream(id, http2.ErrCodeInternal) })
			}},
		{HTTP2: true, Path: "/h2/rst-no-error", Code: 200, Twin: "/h2/rst",
			Description: "HTTP/2: a complete 200, then RST_STREAM(NO_ERROR), which is legal",
			frames: func(h *h2Conn, id uint32) {
				_ = h.headers(id, false, h2Head(200, text...)...)
				_ = h.data(id, []byte(helloBody), true)
				_ = h.write(func(fr *http2.Framer) error { return fr.WriteRSTStream(id, http2.ErrCodeNo) })
			}},
		{HTTP2: true, Path: "/h2/goaway", Code: 200, Rules: []string{"H6", "H7"}, GoClient: both(ClientFirstFailed), Twin: "/h2/200",
			Description: "HTTP/2: 200, part of the body, then GOAWAY(INTERNAL_ERROR) and the connection closes",
			frames: func(h *h2Conn, id uint32) {
				_ = h.headers(id, false, h2Head(200, text...)...)
				_ = h.data(id, []byte(helloBody[:5]), false)
				_ = h.write(func(fr *http2.Framer) error {
					return fr.WriteGoAway(id, http2.ErrCodeInternal, []byte("the lab gave up"))
				})
				time.Sleep(lateFrame)
				_ = h.c.Close()
			}},
		{HTTP2: true, Path: "/h2/trailers", Code: 200, Twin: "/h2/trailers/no-end-stream",
			Description: "HTTP/2: a correct 200 with a declared trailer field, END_STREAM on the trailers",
			frames: func(h *h2Conn, id uint32) {
				_ = h.headers(id, false, h2Head(200, "content-type", textType, "etag", `"lab"`, "trailer", "x-lab-checksum")...)
				_ = h.data(id, []byte(helloBody), false)
				_ = h.headers(id, true, "x-lab-checksum", "23")
			}},
		{HTTP2: true, Path: "/h2/trailers/no-end-stream", Code: 200, Rules: []string{"H5", "H6"}, GoClient: both(ClientFirstFailed), Twin: "/h2/trailers",
			Description: "HTTP/2: 200 with trailers in a HEADERS frame without END_STREAM; the stream never ends",
			frames: func(h *h2Conn, id uint32) {
				_ = h.headers(id, false, h2Head(200, "content-type", textType, "etag", `"lab"`, "trailer", "x-lab-checksum")...)
				_ = h.data(id, []byte(helloBody), false)
				_ = h.headers(id, false, "x-lab-checksum", "23")
				time.Sleep(lateFrame)
				_ = h.write(func(fr *http2.Framer) error { return fr.WriteRSTStream(id, http2.ErrCodeNo) })
			}},
	}
}
