// Command hsx is an interactive terminal explorer for HTTP status behavior: it sends a request,
// shows the response exactly as it crossed the wire, marks every byte that breaks the rules and
// explains what the status code means.
//
//	hsx                            the explorer, with a built-in lab server
//	hsx [request flags] URL        the explorer, sending that request at start
//	hsx check [request flags] URL  one exchange, reported on standard output
//	hsx explain [CODE]             the documentation of a status code
//	hsx lab                        serve the lab of correct and broken responses
package main

import (
	"context"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], newStdio())
	stop()
	os.Exit(code)
}

// run runs the command line args and returns the exit status.
func run(ctx context.Context, args []string, std stdio) int {
	name, rest := "", args
	if len(args) > 0 {
		name, rest = args[0], args[1:]
	}
	var err error
	switch name {
	case "check":
		return runCheck(ctx, rest, std)
	case replayGoCommand:
		return runReplayGo(ctx, rest, std)
	case "explain":
		err = runExplain(rest, std)
	case "lab":
		err = runLab(ctx, rest, std)
	case "help", "-h", "--help", "-help":
		err = runHelp(rest, std)
	case "version", "--version", "-V":
		err = printVersion(std)
	default:
		if name != "" && !strings.HasPrefix(name, "-") && !looksLikeURL(name) {
			err = usageErrorf("unknown command %q", name)
			break
		}
		err = runTUI(ctx, args, std)
	}
	return fail(err, std)
}
