package content

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// goFact is one statement a document makes about Go's net/http, and a run of the Go this test
// is built with that shows it. The statement is quoted as the document words it (whitespace
// aside), so that a change to either side fails here.
type goFact struct {
	doc, says string
	check     func(t *testing.T) error
}

// TestGoFacts runs what the documents say about net/http.
func TestGoFacts(t *testing.T) {
	facts := []goFact{
		{"301", "Go's `http.ServeMux` (Go 1.26) answers `/docs` with a **307** to `/docs/`", serveMuxRedirects},
		{"205", "Go 1.26 sends `Content-Length: 0` itself for an empty 205", emptyResetContent},
		{"204", "Go's server removes `Content-Length` and `Transfer-Encoding` from a 204 and keeps `Content-Type`; a `Write` after `WriteHeader(204)` returns `http.ErrBodyNotAllowed`", noContentServer},
		{"204", "the transport gives the caller an empty body (`http.NoBody`) for any 204", noContentClient},
		{"429", "`http.ParseTime` accepts all three HTTP-date formats", parseTimeFormats},
		{"500", "a panic in a handler is recovered by the server, logged, and the connection is closed *without* a response", handlerPanic},
		{"304", "It removes `Content-Type`, `Content-Length` and `Content-Encoding` from the 304 it writes, and `Last-Modified` too when there is an `ETag`", serveContentNotModified},
		{"301", "`http.Client` follows up to 10 redirects; on 301, 302 and 303 any method other than `GET` or `HEAD` becomes `GET` without a body", clientRedirects},
		{"307", "keeps method and body only if `Request.GetBody` is set", clientTemporaryRedirect},
		{"303", "Go 1.26 and curl 7.88 each followed a `POST` with a `GET` that had neither body nor `Content-Type`", seeOtherClient},
		{"100", "Go's server (Go 1.26) sends `100 Continue` automatically the first time the handler reads the body", expectContinue},
	}
	for _, f := range facts {
		t.Run(f.doc+"/"+firstWords(f.says), func(t *testing.T) {
			docSays(t, f.doc, f.says)
			if err := f.check(t); err != nil {
				t.Errorf("%s.md says %q, but: %v", f.doc, f.says, err)
			}
		})
	}
}

// docSays fails t unless document key says says, whitespace aside.
func docSays(t *testing.T, key, says string) {
	t.Helper()
	d, ok := Get(key)
	if !ok {
		t.Fatalf("no document %s", key)
	}
	if !strings.Contains(strings.Join(strings.Fields(d.Markdown), " "), says) {
		t.Errorf("%s.md no longer says %q; update the statement in the test with the text", key, says)
	}
}

// factsMux serves the responses that the statements about outside clients (curl, fetch,
// requests) are run against.
func factsMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/204", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, "%s %s", r.Method, b)
	})
	for _, code := range []int{301, 302, 307} {
		mux.HandleFunc(fmt.Sprintf("/%d", code), func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/echo", code)
		})
	}
	mux.HandleFunc("/empty-location", func(w http.ResponseWriter, _ *http.Request) {
		w.Header()["Location"] = []string{""}
		w.WriteHeader(http.StatusFound)
	})
	mux.HandleFunc("/303", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/echo-type", http.StatusSeeOther) })
	mux.HandleFunc("/echo-type", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, "%s body=%s type=%s", r.Method, b, r.Header.Get("Content-Type"))
	})
	mux.HandleFunc("/expect", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		e := r.Header.Get("Expect")
		if e == "" {
			e = "none"
		}
		fmt.Fprintf(w, "expect=%s\n", e)
	})
	mux.HandleFunc("/headers", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "cache-control=%s pragma=%s", r.Header.Get("Cache-Control"), r.Header.Get("Pragma"))
	})
	// Raw responses net/http refuses to write: stray bytes after a 204 on a connection kept
	// open for the next request, and a chunked 204.
	mux.HandleFunc("/204-body", func(w http.ResponseWriter, _ *http.Request) {
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		_, _ = buf.WriteString("HTTP/1.1 204 No Content\r\nContent-Length: 16\r\n\r\n{\"deleted\":true}")
		_ = buf.Flush()
		go serveRest(conn)
	})
	mux.HandleFunc("/204-chunked", func(w http.ResponseWriter, _ *http.Request) {
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		_, _ = buf.WriteString("HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
		_ = buf.Flush()
	})
	return mux
}

// serveRest answers the next request on a hijacked connection with a small 200, then closes it.
func serveRest(conn io.ReadWriteCloser) {
	defer conn.Close()
	b := make([]byte, 4096)
	if _, err := conn.Read(b); err != nil {
		return
	}
	_, _ = io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
}

func firstWords(s string) string {
	w := strings.Fields(s)
	return strings.Join(w[:min(4, len(w))], " ")
}

// rawHead serves h and returns the head of the first response to a raw request.
func rawHead(t *testing.T, h http.Handler, request string) (string, error) {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	return rawExchange(srv.Listener.Addr().String(), request)
}

// rawExchange writes request to addr and returns the head of the first response, up to the
// empty line, and the error that ended the reading.
func rawExchange(addr, request string) (string, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if err := conn.SetDeadline(time.Now().Add(5 * time.Second)); err != nil {
		return "", err
	}
	if _, err := io.WriteString(conn, request); err != nil {
		return "", err
	}
	r := bufio.NewReader(conn)
	var head strings.Builder
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return head.String(), err
		}
		if line == "\r\n" {
			return head.String(), nil
		}
		head.WriteString(line)
	}
}

func serveMuxRedirects(t *testing.T) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/docs/", func(http.ResponseWriter, *http.Request) {})
	for path, want := range map[string]string{"/docs": "/docs/", "/a/../docs/x": "/docs/x", "/docs//x": "/docs/x"} {
		head, err := rawHead(t, mux, "GET "+path+" HTTP/1.1\r\nHost: x\r\n\r\n")
		if err != nil {
			return err
		}
		if !strings.HasPrefix(head, "HTTP/1.1 307 ") || !strings.Contains(head, "\r\nLocation: "+want+"\r\n") {
			return fmt.Errorf("GET %s got %q, want a 307 to %s", path, head, want)
		}
	}
	return nil
}

func emptyResetContent(t *testing.T) error {
	head, err := rawHead(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusResetContent)
	}), "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	if err != nil {
		return err
	}
	if !strings.Contains(head, "\r\nContent-Length: 0\r\n") {
		return fmt.Errorf("the 205 went out as %q", head)
	}
	return nil
}

func noContentServer(t *testing.T) error {
	written := make(chan error, 1)
	head, err := rawHead(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "5")
		w.Header().Set("Transfer-Encoding", "chunked")
		w.WriteHeader(http.StatusNoContent)
		_, err := w.Write([]byte("hello"))
		written <- err
	}), "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	if err != nil {
		return err
	}
	if strings.Contains(head, "Content-Length") || strings.Contains(head, "Transfer-Encoding") ||
		!strings.Contains(head, "Content-Type: application/json") {
		return fmt.Errorf("the 204 went out as %q", head)
	}
	if err := <-written; !errors.Is(err, http.ErrBodyNotAllowed) {
		return fmt.Errorf("Write after WriteHeader(204) returned %v", err)
	}
	return nil
}

func noContentClient(t *testing.T) error {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.Body != http.NoBody {
		return fmt.Errorf("the body of a 204 is %T", resp.Body)
	}
	return nil
}

func parseTimeFormats(*testing.T) error {
	for _, s := range []string{"Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"} {
		if _, err := http.ParseTime(s); err != nil {
			return err
		}
	}
	return nil
}

func handlerPanic(*testing.T) error {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("boom")
	}))
	logged := &syncBuilder{}
	srv.Config.ErrorLog = log.New(logged, "", 0)
	srv.Start()
	defer srv.Close()
	head, err := rawExchange(srv.Listener.Addr().String(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	if head != "" || !errors.Is(err, io.EOF) {
		return fmt.Errorf("got %q, %v; want the connection closed without a response", head, err)
	}
	if !strings.Contains(logged.String(), "panic serving") {
		return fmt.Errorf("the server logged %q", logged.String())
	}
	return nil
}

// syncBuilder is a strings.Builder that a server's logger may write to while a test reads it.
type syncBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuilder) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuilder) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func serveContentNotModified(*testing.T) error {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("If-None-Match", `"v1"`)
	rec.Header().Set("ETag", `"v1"`)
	rec.Header().Set("Content-Type", "text/plain")
	rec.Header().Set("Content-Encoding", "gzip")
	modified := time.Date(2025, 3, 4, 10, 15, 0, 0, time.UTC)
	http.ServeContent(rec, req, "a.txt", modified, strings.NewReader("hello"))
	h := rec.Result().Header
	if rec.Code != http.StatusNotModified {
		return fmt.Errorf("status %d", rec.Code)
	}
	for _, name := range []string{"Content-Type", "Content-Length", "Content-Encoding", "Last-Modified"} {
		if v := h.Get(name); v != "" {
			return fmt.Errorf("the 304 kept %s: %s", name, v)
		}
	}
	return nil
}

func clientRedirects(*testing.T) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/echo", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, "%s %q", r.Method, b)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	resp, err := srv.Client().Post(srv.URL+"/moved", "text/plain", strings.NewReader("x"))
	if err != nil {
		return err
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != `GET ""` {
		return fmt.Errorf("a POST through a 301 arrived as %s", b)
	}
	_, err = srv.Client().Get(srv.URL + "/loop")
	if err == nil || !strings.Contains(err.Error(), "stopped after 10 redirects") {
		return fmt.Errorf("a redirect loop gave %v", err)
	}
	return nil
}

func seeOtherClient(*testing.T) error {
	srv := httptest.NewServer(factsMux())
	defer srv.Close()
	resp, err := srv.Client().Post(srv.URL+"/303", "text/plain", strings.NewReader("x"))
	if err != nil {
		return err
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "GET body= type=" {
		return fmt.Errorf("a POST through a 303 arrived as %q", b)
	}
	return nil
}

// onlyReader hides every method of a reader but Read, so that http.NewRequest cannot set
// GetBody.
type onlyReader struct{ io.Reader }

func clientTemporaryRedirect(*testing.T) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/temp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/echo", http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, "%s %s", r.Method, b)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	for _, tt := range []struct {
		body   io.Reader
		status int
		echo   string
	}{{strings.NewReader("hello"), 200, "POST hello"}, {onlyReader{strings.NewReader("hello")}, 307, ""}} {
		req, err := http.NewRequestWithContext(context.Background(), "POST", srv.URL+"/temp", tt.body)
		if err != nil {
			return err
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			return err
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || (tt.echo != "" && string(b) != tt.echo) {
			return fmt.Errorf("body %T: %s %q, want %d %q", tt.body, resp.Status, b, tt.status, tt.echo)
		}
	}
	return nil
}

func expectContinue(t *testing.T) error {
	head, err := rawHead(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
	}), "PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
	if err != nil {
		return err
	}
	if head != "HTTP/1.1 100 Continue\r\n" {
		return fmt.Errorf("the first response was %q", head)
	}
	return nil
}
