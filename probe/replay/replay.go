// Package replay shows what real HTTP client stacks make of a response: it serves the exact
// bytes an exchange captured from a replay server on the loopback interface, points each
// client that is installed at it, and reports what the client's application got.
//
// Every client sends the same request twice on one kept-alive connection, once for each
// Delivery of the captured bytes:
//
//   - Together: the captured bytes in one write, as most servers send them.
//   - Late: the bytes up to the end of the response's framing first; the bytes past it (a body
//     after a 204, say) are held back until the client's second request arrives, and sent just
//     before its answer, like a server that wrote them a moment later.
//
// The second answer is always a small correct 200 that closes the connection. A client is OK
// when its application got the response as it was sent (its status and the body its framing
// delimits) and the second request got that 200, in both deliveries.
//
// An HTTP/2 exchange is replayed over h2c (HTTP/2 with prior knowledge): the frames the
// server sent, as received, on the client's first stream; late holds back the frames that came
// after stream 1 ended. See h2server.go.
//
// The clients: Go's net/http (always, run in a process of its own so that its logger and
// connection pool are its own), and curl, Node's node:http and fetch, Python's http.client and
// requests, and Java's java.net.http.HttpClient when they are installed. An HTTP/2 exchange
// goes to those that speak h2c: Go's, curl with --http2-prior-knowledge and Node's http2
// module; the others are listed as not applicable. Their programs are
// fixed files embedded in this package; each gets only the replay URL as its argument, so no
// byte of the server's response ever reaches a command line or a program's text. A client
// that is not installed is reported as such, not as a failure.
//
// Each client is bounded by ClientTimeout (twice that for Java, whose start-up compiles its
// program) and the whole run by Timeout, both under the caller's context; the replay servers are closed and every client process has ended when Run
// returns.
package replay

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

// Delivery is how the captured bytes are written to a client.
type Delivery string

// The two deliveries of a replay.
const (
	// Together writes the captured bytes in one write.
	Together Delivery = "together"
	// Late holds the bytes past the response's framing back until the next request arrives.
	Late Delivery = "late"
)

// Deliveries returns the deliveries in the order they are run.
func Deliveries() []Delivery { return []Delivery{Together, Late} }

// Default bounds of a run.
const (
	DefaultClientTimeout = 5 * time.Second
	DefaultTimeout       = 15 * time.Second
	// requestTimeout is how long a client program waits for one answer.
	requestTimeout = time.Second
)

// Outcome is what a client's application got from one request.
type Outcome struct {
	// Status is the status code the application saw; zero when the request failed.
	Status int `json:"status,omitempty"`
	// BodyBytes is the length of the body the application read.
	BodyBytes int64 `json:"body_bytes"`
	// Error is the error the application got, in the client's own words; empty when none.
	Error string `json:"error,omitempty"`
	// Connection says, for the second request, whether it arrived on the connection of the
	// first ("reused") or on a new one ("new"), as the replay server saw it; empty when the
	// request never reached the server.
	Connection string `json:"connection,omitempty"`
}

// DeliveryResult is what one client did in one delivery.
type DeliveryResult struct {
	Delivery Delivery `json:"delivery"`
	// First is what the application got from the replayed response, Next from the second
	// request.
	First Outcome `json:"first"`
	Next  Outcome `json:"next"`
	// Warnings are what the client printed on the side, e.g. Go's "Unsolicited response
	// received on idle HTTP channel" or curl's "Excess found".
	Warnings []string `json:"warnings"`
}

// Result is what one client made of the replayed response.
type Result struct {
	// Name names the client stack, e.g. "Go net/http"; Version is its version.
	Name    string `json:"name"`
	Version string `json:"version"`
	// OK is true when, in every delivery, the application got the response as it was sent
	// and the next request worked.
	OK bool `json:"ok"`
	// Note says in one line of plain words what happened.
	Note string `json:"note"`
	// Proto is the protocol the client's requests came in, as the replay server saw them:
	// "HTTP/1.1", or "HTTP/2" for an HTTP/2 exchange replayed over h2c; empty when no request
	// arrived.
	Proto string `json:"proto,omitempty"`
	// NotInstalled is true when the client is not available on this machine.
	NotInstalled bool `json:"not_installed,omitempty"`
	// NotApplicable is true when the client cannot take part in this replay: an HTTP/2
	// exchange goes to the clients that speak HTTP/2 with prior knowledge only.
	NotApplicable bool             `json:"not_applicable,omitempty"`
	Deliveries    []DeliveryResult `json:"deliveries"`
}

// Options tune a run. The zero value runs every client with the default bounds, except Go's,
// which needs GoCommand.
type Options struct {
	// GoCommand is the command line that runs GoClient in a process of its own; the replay
	// URL is appended to it. hsx passes its own executable and a hidden subcommand. When it is
	// empty, Go's client is reported as not available.
	GoCommand []string
	// Clients, when not nil, limits the run to the clients of these names.
	Clients []string
	// ClientTimeout bounds each client; zero means DefaultClientTimeout.
	ClientTimeout time.Duration
	// Timeout bounds the whole run; zero means DefaultTimeout.
	Timeout time.Duration
	// Parallel is how many clients run at once; zero means 2.
	Parallel int
}

// Report is the result of a run.
type Report struct {
	// Clients holds one result per client, in a fixed order.
	Clients []Result
	// Note is set when the capture was longer than the part hsx kept: the replay sent only
	// what was kept.
	Note string
}

// ErrNothing is returned by Run for an exchange without a response to replay.
var ErrNothing = errors.New("no response to replay")

// Run replays the response of ex to every client and reports what each did.
func Run(ctx context.Context, ex *probe.Exchange, opts Options) (Report, error) {
	p, err := newPlan(ex)
	if err != nil {
		return Report{}, err
	}
	if opts.ClientTimeout <= 0 {
		opts.ClientTimeout = DefaultClientTimeout
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Parallel <= 0 {
		opts.Parallel = 2
	}
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()

	dir, err := os.MkdirTemp("", "hsx-replay-")
	if err != nil {
		return Report{}, fmt.Errorf("replay: %w", err)
	}
	defer os.RemoveAll(dir)
	if err := writePrograms(dir); err != nil {
		return Report{}, err
	}

	var list []client
	for _, c := range clients(opts.GoCommand) {
		if (opts.Clients == nil || slices.Contains(opts.Clients, c.name)) && (p.h2 != nil || c.run != nil) {
			list = append(list, c)
		}
	}
	// Slow clients start first, so that they overlap with the others; a fixed number of
	// workers take the clients in that order.
	order := make([]int, len(list))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmpBool(list[b].slow, list[a].slow) })
	jobs := make(chan int, len(order))
	for _, i := range order {
		jobs <- i
	}
	close(jobs)
	results := make([]Result, len(list))
	var wg sync.WaitGroup
	for range min(opts.Parallel, len(list)) {
		wg.Go(func() {
			for i := range jobs {
				if ctx.Err() != nil {
					results[i] = Result{Name: list[i].name, Note: "not run: " + cause(ctx.Err()), Deliveries: []DeliveryResult{}}
					continue
				}
				bound := opts.ClientTimeout
				if list[i].slow {
					bound *= 2
				}
				results[i] = runClient(ctx, list[i], p, dir, bound)
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); errors.Is(err, context.Canceled) {
		return Report{Clients: results}, fmt.Errorf("replay: %w", err)
	}
	return Report{Clients: results, Note: p.note()}, nil
}

// runClient runs one client against a replay server of its own.
func runClient(ctx context.Context, c client, p plan, dir string, bound time.Duration) Result {
	res := Result{Name: c.name, Deliveries: []DeliveryResult{}}
	if p.h2 != nil && c.runH2 == nil {
		res.NotApplicable, res.Note = true, "does not speak HTTP/2 with prior knowledge"
		return res
	}
	run := c.run
	if p.h2 != nil {
		run = c.runH2
	}
	prog, version, ok := c.find(ctx)
	if !ok {
		res.NotInstalled, res.Note = true, "not installed"
		return res
	}
	res.Version = version
	ctx, cancel := context.WithTimeout(ctx, bound)
	defer cancel()
	srv, err := newServer(p)
	if err != nil {
		res.Note = "could not start the replay server: " + err.Error()
		return res
	}
	out, runErr := run(ctx, prog, dir, srv.url())
	seen, proto := srv.close()
	res.Proto = proto
	if runErr != nil {
		if ctx.Err() != nil {
			runErr = fmt.Errorf("stopped after %s: %w", bound, ctx.Err())
		}
		res.Note = "the client did not finish: " + runErr.Error()
		return res
	}
	if out.Missing != "" {
		res.NotInstalled, res.Note = true, "not installed (no "+out.Missing+" module)"
		return res
	}
	if out.Version != "" {
		res.Version = out.Version
	}
	res.Deliveries = out.Deliveries
	for i := range res.Deliveries {
		d := &res.Deliveries[i]
		if d.Warnings == nil {
			d.Warnings = []string{}
		}
		d.First.Error = strings.TrimSpace(d.First.Error)
		d.Next.Error = strings.TrimSpace(d.Next.Error)
		d.Next.Connection = seen[d.Delivery]
	}
	res.OK, res.Note = judge(p, res.Deliveries)
	if out.Aside != "" {
		res.Note += " (" + out.Aside + ")"
	}
	return res
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func cause(err error) string {
	if errors.Is(err, context.DeadlineExceeded) {
		return "the replay ran out of time"
	}
	return "canceled"
}
