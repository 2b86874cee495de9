package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/colorprofile"
	xterm "github.com/charmbracelet/x/term"

	"github.com/hsx-dev/hsx/content"
	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/probe/curl"
	"github.com/hsx-dev/hsx/probe/replay"
	"github.com/hsx-dev/hsx/probe/report"
)

// runCheck runs `hsx check`: one exchange (a chain with -L), judged and reported.
func runCheck(ctx context.Context, args []string, std stdio) int {
	var jsonOut, clients, help bool
	cmd, err := curl.Parse(args,
		curl.Flag{Name: "json", Set: func(string) error { jsonOut = true; return nil }},
		curl.Flag{Name: "clients", Set: func(string) error { clients = true; return nil }},
		curl.Flag{Name: "help", Short: 'h', Set: func(string) error { help = true; return nil }},
	)
	switch {
	case err != nil:
		return fail(usageError{msg: err.Error()}, std)
	case help:
		return fail(runHelp([]string{"check"}, std), std)
	case cmd.Request.URL == "":
		return fail(usageErrorf("check needs a URL, e.g. hsx check http://127.0.0.1:8204/204"), std)
	}

	exs, runErr := probe.Run(ctx, cmd.Request)
	findings := make([][]check.Finding, len(exs))
	for i, ex := range exs {
		findings[i] = check.Run(ex) // nil for an exchange without a final response
	}

	replayClients := func() (replay.Report, error) {
		return replay.Run(ctx, exs[len(exs)-1], replayOptions())
	}
	if jsonOut {
		o := report.NewObject(exs, findings)
		if clients && runErr == nil {
			rep, _ := replayClients() // without a replay, the object has no "clients"
			o.Clients = rep.Clients
		}
		err = report.Encode(std.out, o)
	} else if runErr == nil || len(exs) > 1 {
		opts := report.TextOptions{Color: colorEnabled(std), Width: termWidth(std.out)}
		err = report.Text(std.out, exs, findings, opts)
		if clients && runErr == nil && err == nil {
			rep, replayErr := replayClients() // after the report, which the user can read meanwhile
			err = report.Clients(std.out, rep, replayErr, opts)
		}
		if hint := explainHint(exs[len(exs)-1], findings[len(exs)-1]); err == nil && hint != "" {
			_, err = fmt.Fprintln(std.out, hint)
		}
	}
	if err != nil {
		return fail(err, std)
	}
	if runErr != nil {
		fmt.Fprintf(std.err, "hsx: %s\n", oneLine(runErr.Error()))
		return exitFailure
	}
	if note := redirectLimitNote(cmd.Request, exs); note != "" {
		fmt.Fprintln(std.err, note)
	}
	if report.Count(findings).Errors > 0 {
		return exitFindings
	}
	return exitOK
}

// redirectLimitNote says, when -L stopped at the redirect limit while the chain went on, where
// the last response pointed; otherwise it is empty.
func redirectLimitNote(req probe.Request, exs []*probe.Exchange) string {
	last := exs[len(exs)-1].Response
	if !req.FollowRedirects || len(exs) <= probe.MaxRedirects || last == nil {
		return ""
	}
	switch last.Status.Code {
	case 301, 302, 303, 307, 308:
	default:
		return ""
	}
	loc, ok := last.Get("Location")
	if !ok {
		return ""
	}
	return fmt.Sprintf("hsx: stopped after %d redirects; the last response redirects again, to %s",
		probe.MaxRedirects, oneLine(strconv.Quote(loc)))
}

// maxHintRules is how many rule IDs the explain hint names.
const maxHintRules = 4

// explainHint points at the documents that explain the final response's status code and its
// error and warning findings: "more: hsx explain 204 · hsx explain S9". It is empty when there
// is no such document.
func explainHint(ex *probe.Exchange, fs []check.Finding) string {
	var cmds []string
	if ex.Response != nil {
		if _, ok := content.Lookup(ex.Response.Status.Code); ok {
			cmds = append(cmds, "hsx explain "+strconv.Itoa(ex.Response.Status.Code))
		}
	}
	seen := map[string]bool{}
	for _, f := range fs {
		if f.Severity == check.Info || seen[f.ID] || len(seen) == maxHintRules {
			continue
		}
		if _, _, ok := content.ForRule(f.ID); ok {
			seen[f.ID] = true
			cmds = append(cmds, "hsx explain "+f.ID)
		}
	}
	if len(cmds) == 0 {
		return ""
	}
	return "more: " + strings.Join(cmds, " · ")
}

// colorEnabled reports whether standard output takes colors: a terminal with a color profile,
// and NO_COLOR unset.
func colorEnabled(std stdio) bool {
	if std.getenv("NO_COLOR") != "" {
		return false
	}
	return colorprofile.Detect(std.out, std.environ) >= colorprofile.ANSI
}

// termWidth returns the width of the terminal w writes to, or 0 when w is not a terminal.
func termWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !xterm.IsTerminal(f.Fd()) {
		return 0
	}
	width, _, err := xterm.GetSize(f.Fd())
	if err != nil {
		return 0
	}
	return width
}
