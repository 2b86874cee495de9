package lab

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"syscall"
	"time"
)

// DefaultAddr is the address `hsx lab` listens on when none is given.
const DefaultAddr = "127.0.0.1:8204"

// shutdownTimeout bounds how long Close waits for requests in flight.
const shutdownTimeout = 3 * time.Second

// Handler returns the lab over HTTP/1.x: the index at "/", every scenario, /bytes/N and /hang.
// The HTTP/2 scenarios answer 505 here; Start serves them to clients that speak HTTP/2.
func Handler() http.Handler {
	all := Scenarios()
	mux := http.NewServeMux()
	mux.Handle("/{$}", index(all))
	for _, s := range all {
		p := s.pattern
		if p == "" {
			p = s.Path
		}
		switch {
		case s.frames != nil:
			mux.HandleFunc(p, http2Only)
		case s.raw != nil:
			mux.Handle(p, s.raw)
		default:
			mux.Handle(p, s.serve)
		}
	}
	mux.HandleFunc("/", notFound)
	return serverHeader(mux)
}

// serverHeader names the lab in every response that goes through net/http.
func serverHeader(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "hsx-lab")
		h.ServeHTTP(w, r)
	})
}

// http2Only answers an HTTP/2 scenario requested over HTTP/1.x.
func http2Only(w http.ResponseWriter, _ *http.Request) {
	writeText(w, http.StatusHTTPVersionNotSupported,
		"This scenario is sent as HTTP/2 frames: request it with prior knowledge (hsx check --http2-prior-knowledge, curl --http2-prior-knowledge).\n")
}

// notFound answers paths that are not scenarios.
func notFound(w http.ResponseWriter, _ *http.Request) {
	writeText(w, http.StatusNotFound, "No scenario at this path; the list is at /.\n")
}

// config holds what the Options set.
type config struct {
	public bool
}

// Option changes how Start runs the lab.
type Option func(*config)

// WithPublic lets Start listen on an address that is not loopback. The lab sends broken and
// hostile responses on purpose; expose it only to people who expect that.
func WithPublic() Option { return func(c *config) { c.public = true } }

// Server is a running lab.
type Server struct {
	srv    *http.Server
	sniff  *sniffListener // tells HTTP/2 connections from HTTP/1.x ones, and serves them
	url    string
	cancel context.CancelFunc // ends the context of every request (and so /hang)
	done   chan struct{}      // closed when Serve has returned
	once   sync.Once
	err    error
}

// Start listens on addr and serves the lab in the background until Close is called or ctx
// ends. An empty addr, or "127.0.0.1:0", picks a free loopback port. An address that is not
// loopback (such as "0.0.0.0:8204" or ":8204") is refused unless WithPublic is given.
func Start(ctx context.Context, addr string, opts ...Option) (*Server, error) {
	return start(ctx, addr, Handler, opts...)
}

// start is Start with the function that builds the handler given. The handler is built by the
// first request, so that Start returns as soon as it listens and takes no processor time from
// what comes next (the explorer starts the lab before its first frame).
func start(ctx context.Context, addr string, build func() http.Handler, opts ...Option) (*Server, error) {
	var c config
	for _, o := range opts {
		o(&c)
	}
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	if !c.public {
		if err := checkLoopback(ctx, addr); err != nil {
			return nil, err
		}
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("lab: cannot listen on %s, %w; choose another with --addr (127.0.0.1:0 picks a free port)", addr, syscall.EADDRINUSE)
		}
		return nil, fmt.Errorf("lab: listen on %s: %w", addr, err)
	}
	base, cancel := context.WithCancel(context.WithoutCancel(ctx))
	get := sync.OnceValue(build) // requests that come while it builds wait for it
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { get().ServeHTTP(w, r) })
	sniff := newSniffListener(base, ln, handler)
	s := &Server{
		sniff: sniff,
		srv: &http.Server{
			Handler:           handler,
			ReadHeaderTimeout: 10 * time.Second,
			BaseContext:       func(net.Listener) context.Context { return base },
		},
		url:    "http://" + ln.Addr().String(),
		cancel: cancel,
		done:   make(chan struct{}),
	}
	go func() {
		defer close(s.done)
		_ = s.srv.Serve(sniff) // returns http.ErrServerClosed after Close
	}()
	stop := context.AfterFunc(ctx, func() { _ = s.Close() })
	go func() {
		<-s.done
		stop()
	}()
	return s, nil
}

// URL returns the lab's base URL, e.g. "http://127.0.0.1:8204".
func (s *Server) URL() string { return s.url }

// Close shuts the lab down: it stops listening, ends every waiting request (so /hang and /drip
// return at once), and waits a little for responses in flight. It is safe to call more than once.
func (s *Server) Close() error {
	s.once.Do(func() {
		s.cancel()
		ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
		defer cancel()
		if err := s.srv.Shutdown(ctx); err != nil {
			s.err = errors.Join(fmt.Errorf("lab: shutdown: %w", err), s.srv.Close())
		}
		<-s.done
		_ = s.sniff.Close()
		s.sniff.wait()
	})
	return s.err
}

// checkLoopback returns an error unless every address host of addr names is a loopback one.
func checkLoopback(ctx context.Context, addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("lab: address %q: %w", addr, err)
	}
	refuse := fmt.Errorf("lab: refusing to listen on %q: it is not a loopback address, and the lab serves broken responses on purpose (allow it with --public)", addr)
	if host == "" {
		return refuse
	}
	if ip := net.ParseIP(host); ip != nil {
		if !ip.IsLoopback() {
			return refuse
		}
		return nil
	}
	ips, err := net.DefaultResolver.LookupIPAddr(ctx, host)
	if err != nil {
		return fmt.Errorf("lab: address %q: %w", addr, err)
	}
	for _, ip := range ips {
		if !ip.IP.IsLoopback() {
			return refuse
		}
	}
	return nil
}
