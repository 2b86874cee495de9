package probe_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hsx-dev/hsx/probe"
)

// benchBody is what the benchmark server answers: a small JSON document, as an API would send.
const benchBody = `{"id":42,"name":"hsx","tags":["http","status","wire"]}`

// benchServer is a loopback net/http server answering every request with benchBody. On the
// path /close it closes the connection after the response; elsewhere it keeps it open.
func benchServer(b *testing.B) *httptest.Server {
	b.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/close" {
			w.Header().Set("Connection", "close")
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, benchBody)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// BenchmarkExchange compares one probe.Do exchange with one request of net/http's client to
// the same loopback server. Both open a new connection for every request (probe always does;
// the net/http transport is told not to keep connections alive), send the request, and read
// the whole response. scripts/bench.sh reports the ratio of the two.
//
// On /item the server keeps the connection open after the response, as servers do, and probe
// looks for stray bytes that have already arrived after the body; on /close the server closes
// the connection after the response.
func BenchmarkExchange(b *testing.B) {
	srv := benchServer(b)
	for _, path := range []string{"/item", "/close"} {
		url := srv.URL + path
		b.Run("probe"+path, func(b *testing.B) { benchProbe(b, url) })
		b.Run("net-http"+path, func(b *testing.B) { benchNetHTTP(b, url) })
	}
}

func benchProbe(b *testing.B, url string) {
	b.ReportAllocs()
	for b.Loop() {
		ex, err := probe.Do(context.Background(), probe.Request{URL: url})
		if err != nil {
			b.Fatal(err)
		}
		if ex.StatusCode() != http.StatusOK || string(ex.Response.Body.Data) != benchBody {
			b.Fatalf("status %d, body %q", ex.StatusCode(), ex.Response.Body.Data)
		}
	}
}

func benchNetHTTP(b *testing.B, url string) {
	b.ReportAllocs()
	tr := &http.Transport{DisableKeepAlives: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	for b.Loop() {
		req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
		if err != nil {
			b.Fatal(err)
		}
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK || string(body) != benchBody {
			b.Fatalf("status %d, body %q", resp.StatusCode, body)
		}
	}
}

// BenchmarkParse measures the offline parser on a typical response head and body.
func BenchmarkParse(b *testing.B) {
	stream := []byte("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nDate: Tue, 24 Nov 2026 18:00:00 GMT\r\n" +
		"Server: nginx/1.27.0\r\nCache-Control: no-store\r\nContent-Length: 54\r\n\r\n" + benchBody)
	b.SetBytes(int64(len(stream)))
	b.ReportAllocs()
	for b.Loop() {
		if ex := probe.Parse(stream, "GET"); ex.Err != nil {
			b.Fatal(ex.Err)
		}
	}
}
