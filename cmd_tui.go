package main

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/hsx-dev/hsx/probe/curl"
	"github.com/hsx-dev/hsx/probe/lab"
	"github.com/hsx-dev/hsx/ui"
)

// tuiArgs is the explorer's command line: request flags and an optional URL, plus its own flags.
type tuiArgs struct {
	opts              ui.Options
	help, showVersion bool
	// cmd is the parsed request flags, for the environment to complete (see runTUI).
	cmd *curl.Command
}

// parseTUIArgs reads the explorer's command line.
func parseTUIArgs(args []string) (tuiArgs, error) {
	var a tuiArgs
	cmd, err := curl.Parse(args,
		curl.Flag{Name: "present", Set: func(string) error { a.opts.Present = true; return nil }},
		curl.Flag{Name: "no-history", Set: func(string) error { a.opts.NoHistory = true; return nil }},
		curl.Flag{Name: "grace", Value: true, Set: func(v string) error { return setGrace(&a.opts.Grace, v) }},
		curl.Flag{Name: "help", Short: 'h', Set: func(string) error { a.help = true; return nil }},
		curl.Flag{Name: "version", Short: 'V', Set: func(string) error { a.showVersion = true; return nil }},
	)
	if err != nil {
		return a, usageError{msg: err.Error()}
	}
	if cmd.Output != "" {
		return a, usageErrorf("-o: the explorer shows the body; hsx check -o FILE URL saves it")
	}
	switch {
	case cmd.DumpHeader != "":
		return a, usageErrorf("-D works with hsx check; the explorer shows the response heads in its raw view")
	case cmd.Request.URL != "":
		a.opts.Initial, a.cmd = &cmd.Request, cmd
		a.opts.SendAtStart = true
	case len(cmd.Flags) > 0 && !a.help && !a.showVersion:
		return a, usageErrorf("request flags need a URL")
	}
	return a, nil
}

// runTUI runs the explorer, with the lab serving on a free loopback port in the background.
func runTUI(ctx context.Context, args []string, std stdio) error {
	a, err := parseTUIArgs(args)
	if a.cmd != nil {
		// As with curl, the proxy environment variables apply where no flag says otherwise.
		a.cmd.UseEnvironment(std.getenv)
	}
	switch {
	case err != nil:
		return err
	case a.help:
		return runHelp(nil, std)
	case a.showVersion:
		return printVersion(std)
	}
	defer holdGC(startupGCHold, startupMemoryLimit)()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	srv, err := lab.Start(ctx, "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("starting the lab: %w", err)
	}
	defer srv.Close()
	a.opts.LabURL = srv.URL()
	return runUI(ctx, a.opts)
}

// The explorer allocates most while it starts (the documents, the lab's scenarios, the first
// render), and the collector would run two or three times before the first frame, taking one
// of the CPUs each time. It is held off for startupGCHold, or until the heap reaches
// startupMemoryLimit, whichever comes first.
const (
	startupGCHold      = 250 * time.Millisecond
	startupMemoryLimit = 64 << 20
)

// holdGC turns the garbage collector off for d, with limit as the heap size at which it runs
// anyway, and returns the function that turns it back on sooner; both restore the settings it
// found (GOGC and GOMEMLIMIT included). A lower memory limit already set is kept.
func holdGC(d time.Duration, limit int64) (resume func()) {
	percent := debug.SetGCPercent(-1)
	prev := debug.SetMemoryLimit(-1) // reads the limit without changing it
	debug.SetMemoryLimit(min(prev, limit))
	var once sync.Once
	resume = func() {
		once.Do(func() {
			debug.SetGCPercent(percent)
			debug.SetMemoryLimit(prev)
		})
	}
	time.AfterFunc(d, resume)
	return resume
}
