package lab

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// startLab starts the lab on a free loopback port and closes it when the test ends.
func startLab(t *testing.T) *Server {
	t.Helper()
	s, err := Start(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

func TestStartRefusesPublicAddresses(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "192.0.2.1:0"} {
		s, err := Start(t.Context(), addr)
		if err == nil {
			s.Close()
			t.Errorf("Start(%q) succeeded", addr)
			continue
		}
		if !strings.Contains(err.Error(), "not a loopback address") || !strings.Contains(err.Error(), "--public") {
			t.Errorf("Start(%q): unclear error %q", addr, err)
		}
	}
	for _, addr := range []string{"", "127.0.0.1:0", "localhost:0"} {
		s, err := Start(t.Context(), addr)
		if err != nil {
			t.Errorf("Start(%q): %v", addr, err)
			continue
		}
		if !strings.HasPrefix(s.URL(), "http://127.0.0.1:") && !strings.HasPrefix(s.URL(), "http://[::1]:") {
			t.Errorf("Start(%q): URL %s", addr, s.URL())
		}
		s.Close()
	}
	s, err := Start(t.Context(), "0.0.0.0:0", WithPublic())
	if err != nil {
		t.Fatalf("Start with WithPublic: %v", err)
	}
	s.Close()
}

// openHang sends a request for /hang and returns the connection once the server has read it.
func openHang(t *testing.T, s *Server) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if _, err := io.WriteString(conn, "GET /hang HTTP/1.1\r\nHost: lab\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	return conn
}

func TestHangNeverAnswers(t *testing.T) {
	s := startLab(t)
	conn := openHang(t, s)
	conn.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	n, err := conn.Read(make([]byte, 1))
	var ne net.Error
	if n != 0 || !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("read from /hang: %d bytes, %v; want a timeout", n, err)
	}
}

func TestCloseUnblocksHang(t *testing.T) {
	s, err := Start(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	conn := openHang(t, s)
	time.Sleep(50 * time.Millisecond) // let the handler start waiting

	start := time.Now()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Close took %v with a /hang in flight", d)
	}
	conn.SetReadDeadline(time.Now().Add(2 * time.Second))
	b, err := io.ReadAll(conn)
	if err != nil || len(b) != 0 {
		t.Errorf("after Close, /hang gave %q, %v; want a close without a response", b, err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestContextEndsServer(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	s, err := Start(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	deadline := time.Now().Add(2 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", strings.TrimPrefix(s.URL(), "http://"), 100*time.Millisecond)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("the lab still accepts connections after its context ended")
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.Close()
}

// rawGet sends a request on a new connection and returns everything the server sends until it
// closes.
func rawGet(ctx context.Context, base, method, path string) ([]byte, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: lab\r\nConnection: close\r\n\r\n", method, path); err != nil {
		return nil, err
	}
	return io.ReadAll(conn)
}

// TestConcurrentClients runs 50 clients at once over every quick scenario; each must get the
// scenario's status code.
func TestConcurrentClients(t *testing.T) {
	s := startLab(t)
	var quick []Scenario
	for _, sc := range Scenarios() {
		if sc.Code != 0 && sc.Path != "/drip" {
			quick = append(quick, sc)
		}
	}
	const clients = 50
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for i := range clients {
		sc := quick[i%len(quick)]
		wg.Go(func() {
			b, err := rawGet(t.Context(), s.URL(), sc.Method(), sc.Example())
			if err != nil {
				errs <- fmt.Errorf("%s: %w", sc.Path, err)
				return
			}
			if !finalStatus(b, sc.Code) {
				errs <- fmt.Errorf("%s: want %d, got %.40q", sc.Path, sc.Code, b)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// finalStatus reports whether the response stream b has a status line with code after its
// interim responses.
func finalStatus(b []byte, code int) bool {
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && strings.HasPrefix(f[0], "HTTP/1.") && f[1] == fmt.Sprint(code) {
			return true
		}
	}
	return false
}

// TestBytesFlatMemory downloads 256 MiB from /bytes/N with net/http's client and checks that the
// heap stays small while it streams.
func TestBytesFlatMemory(t *testing.T) {
	s := startLab(t)
	const n = 256 << 20
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	var peak uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapInuse)
			}
		}
	}()

	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Get(fmt.Sprintf("%s/bytes/%d", s.URL(), n))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	close(stop)
	<-sampled
	if err != nil || got != n || resp.ContentLength != n {
		t.Fatalf("read %d bytes (Content-Length %d), %v; want %d", got, resp.ContentLength, err, n)
	}
	if growth := int64(peak) - int64(before.HeapInuse); growth > 16<<20 {
		t.Errorf("heap grew by %d MiB while streaming %d MiB", growth>>20, n>>20)
	}
}

func TestBytesRejects(t *testing.T) {
	s := startLab(t)
	for _, p := range []string{"/bytes/abc", "/bytes/-1", "/bytes/68719476737", "/bytes/1.5"} {
		resp, err := http.Get(s.URL() + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", p, resp.StatusCode)
		}
	}
}

// TestCloseEndsDownload closes the lab while a client that does not read holds a large
// /bytes/N download; Close must not wait for it.
func TestCloseEndsDownload(t *testing.T) {
	s, err := Start(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET /bytes/1073741824 HTTP/1.1\r\nHost: lab\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Read(make([]byte, 1)); err != nil { // the response has started
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // let the server block on a full socket buffer
	start := time.Now()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Close took %v with a stalled download in flight", d)
	}
}

// Start returns once it listens, without building the handler: the first request builds it,
// and waits for it rather than failing.
func TestStartDoesNotWaitForTheHandler(t *testing.T) {
	release := make(chan struct{})
	build := func() http.Handler {
		<-release
		return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	}
	returned := make(chan *Server, 1)
	go func() {
		s, err := start(t.Context(), "", build)
		if err != nil {
			t.Error(err)
		}
		returned <- s
	}()
	var s *Server
	select {
	case s = <-returned:
	case <-time.After(5 * time.Second):
		close(release)
		t.Fatal("Start waited for the handler to be built")
	}
	if s == nil {
		close(release)
		return
	}
	defer s.Close()
	answered := make(chan int, 1)
	go func() {
		resp, err := http.Get(s.URL() + "/")
		if err != nil {
			t.Error(err)
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	select {
	case code := <-answered:
		t.Fatalf("answered %d before the handler was built", code)
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	if code := <-answered; code != http.StatusNoContent {
		t.Errorf("status %d, want 204 from the built handler", code)
	}
}
