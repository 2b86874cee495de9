package replay

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	neturl "net/url"
	"runtime"
	"strings"
	"sync"
	"time"
)

// GoClient is the Go net/http client of a replay. It requests base's "together" and "late"
// deliveries twice each, on a Transport of its own per delivery and without following
// redirects, and writes what it got to w as one JSON object. A base under /h2c/ is an HTTP/2
// replay server: the Transport speaks HTTP/2 with prior knowledge to it.
//
// net/http reports stray bytes on an idle connection through the standard logger, so GoClient
// sends that logger's output to itself for as long as it runs: call it only in a process of its
// own (hsx runs it as a hidden subcommand), never inside a program with other work to do.
func GoClient(ctx context.Context, base string, w io.Writer) error {
	logs := &logLines{}
	log.SetOutput(logs)
	log.SetFlags(0)
	defer log.SetOutput(io.Discard)

	method := http.MethodGet
	if strings.HasSuffix(base, "/head/") {
		method = http.MethodHead
	}
	out := output{Version: runtime.Version(), Deliveries: []DeliveryResult{}}
	for _, d := range Deliveries() {
		tr := &http.Transport{Proxy: nil, MaxIdleConnsPerHost: 1} // as an application has it: gzip asked for and undone
		if strings.Contains(base, "/h2c/") {
			// HTTP/2 with prior knowledge, and nothing else.
			tr.Protocols = new(http.Protocols)
			tr.Protocols.SetUnencryptedHTTP2(true)
		}
		c := &http.Client{Transport: tr, Timeout: requestTimeout,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		first := goRequest(ctx, c, method, base+string(d))
		// The connection's read loop looks at what is buffered once the first response is
		// done, on a goroutine of its own; a request sent at once can win the race and read
		// stray bytes as its answer. An application rarely sends its next request within
		// microseconds, so the client pauses, as fetch's does, and the outcome is the
		// usual one.
		time.Sleep(pause)
		next := goRequest(ctx, c, method, base+string(d))
		// The idle connection's read loop logs stray bytes on its own goroutine.
		time.Sleep(pause)
		tr.CloseIdleConnections()
		out.Deliveries = append(out.Deliveries, DeliveryResult{Delivery: d, First: first, Next: next, Warnings: logs.take()})
	}
	b, err := json.Marshal(out)
	if err != nil {
		return fmt.Errorf("replay: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// pause is how long the Go client waits between the requests of a delivery, and after them.
const pause = 20 * time.Millisecond

func goRequest(ctx context.Context, c *http.Client, method, url string) Outcome {
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return Outcome{Error: err.Error()}
	}
	resp, err := c.Do(req)
	if ue, ok := err.(*neturl.Error); ok {
		err = ue.Err // without the method and URL that wrap every client error
	}
	if err != nil {
		return Outcome{Error: err.Error()}
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	o := Outcome{Status: resp.StatusCode, BodyBytes: n}
	if err != nil {
		o.Error = err.Error()
	}
	return o
}

// logLines collects what the standard logger writes, line by line.
type logLines struct {
	mu    sync.Mutex
	lines []string
}

func (l *logLines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for line := range bytes.SplitSeq(bytes.TrimRight(p, "\n"), []byte("\n")) {
		l.lines = append(l.lines, string(line))
	}
	return len(p), nil
}

func (l *logLines) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.lines
	l.lines = nil
	if out == nil {
		out = []string{}
	}
	return out
}
