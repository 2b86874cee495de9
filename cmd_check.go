package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hsx-dev/hsx/content"
	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/probe/curl"
	"github.com/hsx-dev/hsx/probe/replay"
	"github.com/hsx-dev/hsx/probe/report"
)

// checkUsage is the help of `hsx check`.
const checkUsage = `Usage: hsx check [request flags] URL [--json] [--clients] [--deep] [--grace DURATION]

Sends one request (following redirects with -L), reads the response with hsx's own HTTP/1.1
parser and judges it against RFC 9110 and RFC 9112. Prints the exchange with offending lines
marked (✗ error, ! warning, i info), the findings with their references, and the timing.

  --json      print one JSON object instead (request, response, findings, timing_ms, error)
  --clients   also replay the response, byte for byte, from 127.0.0.1 to the client stacks that
              are installed (Go net/http, curl, Node, Python, Java; an HTTP/2 response over h2c
              to Go, curl and Node's http2) and report what each got
  --deep      also send the follow-up requests a safe request (GET, HEAD, OPTIONS) calls for: the
              conditional ones with its ETag and Last-Modified, a HEAD beside a GET, a first-byte
              Range, the CORS preflight when -H Origin is given; each is judged against the first
  --grace D   after a response that has no content (204, 304, HEAD), watch for stray bytes
              for D (such as 50ms or 1s) after the head and after each arrival; by default
              25ms plus three times the TCP connect time; a server that closes ends it

Exit status: 0 no error finding, 1 at least one error finding (follow-ups' included), 2 no response
or usage error.
Run 'hsx --help' for the request flags.
`

// setGrace reads --grace: how long to watch for stray bytes after a bodyless response, as a
// duration such as 50ms or 1s.
func setGrace(grace *time.Duration, v string) error {
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return fmt.Errorf("want a duration such as 50ms or 1s, got %q", v)
	}
	*grace = d
	return nil
}

// runCheck runs `hsx check`: one exchange (a chain with -L), judged and reported.
func runCheck(ctx context.Context, args []string, std stdio) int {
	if err := jsonBodyMistake(args); err != nil {
		return fail(err, std)
	}
	var jsonOut, clients, deep, help bool
	var grace time.Duration
	cmd, err := curl.Parse(args,
		curl.Flag{Name: "json", Set: func(string) error { jsonOut = true; return nil }},
		curl.Flag{Name: "clients", Set: func(string) error { clients = true; return nil }},
		curl.Flag{Name: "deep", Set: func(string) error { deep = true; return nil }},
		curl.Flag{Name: "grace", Value: true, Set: func(v string) error { return setGrace(&grace, v) }},
		curl.Flag{Name: "help", Short: 'h', Set: func(string) error { help = true; return nil }},
	)
	switch {
	case err != nil:
		return fail(usageError{msg: err.Error()}, std)
	case help:
		_, err := fmt.Fprint(std.out, checkUsage)
		return fail(err, std)
	case cmd.Request.URL == "":
		return fail(usageErrorf("check needs a URL, e.g. hsx check http://127.0.0.1:8204/204"), std)
	case deep && !probe.IsSafeMethod(cmd.Request.Method):
		return fail(usageErrorf("--deep repeats only safe requests (GET, HEAD, OPTIONS), not %s; nothing was sent", cmd.Request.Method), std)
	}
	// As with curl, the proxy environment variables apply where no flag says otherwise.
	cmd.UseEnvironment(std.getenv)
	cmd.Request.Grace = grace
	var heads *os.File
	if cmd.DumpHeader != "" {
		// Opened before the request is sent, so that a file that cannot be written stops it.
		if heads, err = os.Create(cmd.DumpHeader); err != nil {
			return fail(fmt.Errorf("-D: %w", err), std)
		}
		defer heads.Close()
	}

	var out *outputFile
	if cmd.Output != "" {
		if cmd.Output == "-" {
			return fail(usageErrorf("-o -: hsx check writes its report to standard output; give -o a file name"), std)
		}
		if f := headIntoOutput(cmd); f != "" {
			return fail(usageErrorf("%s with -o: curl would put the response head in the file; hsx writes only the body there", f), std)
		}
		// As curl's -o, the body with chunked removed; the decoded content with --compressed.
		out = &outputFile{name: cmd.Output}
		if cmd.Request.Compressed {
			cmd.Request.ContentTo = out
		} else {
			cmd.Request.BodyTo = out
		}
	}

	exs, runErr := probe.Run(ctx, cmd.Request)
	findings := make([][]check.Finding, len(exs))
	for i, ex := range exs {
		findings[i] = check.Run(ex) // nil for an exchange without a final response
	}
	if heads != nil {
		if err := writeHeads(heads, exs); err != nil {
			return fail(fmt.Errorf("-D: %w", err), std)
		}
	}

	var follow []probe.Followup
	var followFindings [][]check.Finding
	if deep && runErr == nil {
		follow = probe.PlanFollowups(cmd.Request, exs[len(exs)-1])
		probe.RunFollowups(ctx, follow, exs[len(exs)-1])
		for _, f := range follow {
			followFindings = append(followFindings, check.Run(f.Exchange))
		}
	}

	replayClients := func() (replay.Report, error) {
		return replay.Run(ctx, exs[len(exs)-1], replayOptions())
	}
	// The report is written in one go rather than line by line: one system call, not dozens.
	w := bufio.NewWriterSize(std.out, 64<<10)
	if jsonOut {
		o := report.NewObject(exs, findings)
		o.Followups = report.NewFollowups(follow, followFindings)
		if clients && runErr == nil {
			rep, replayErr := replayClients()
			if replayErr != nil { // without a replay the object has no "clients"; say why
				fmt.Fprintf(std.err, "hsx: clients: %s\n", oneLine(replayErr.Error()))
			}
			o.Clients = rep.Clients
		}
		err = report.Encode(w, o)
	} else if runErr == nil || len(exs) > 1 || proxyAnswered(exs[0]) {
		opts := report.TextOptions{Color: colorEnabled(std), Width: termWidth(std.out)}
		err = report.Text(w, exs, findings, opts)
		if deep && runErr == nil && err == nil {
			err = report.Followups(w, follow, followFindings, opts)
		}
		if clients && runErr == nil && err == nil {
			if err = w.Flush(); err == nil {
				rep, replayErr := replayClients() // after the report, which the user can read meanwhile
				err = report.Clients(w, rep, replayErr, opts)
			}
		}
		hinted := findings[len(exs)-1]
		for _, fs := range followFindings {
			hinted = append(hinted[:len(hinted):len(hinted)], fs...)
		}
		if hint := explainHint(exs[len(exs)-1], hinted); err == nil && hint != "" {
			_, err = fmt.Fprintln(w, hint)
		}
	}
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return fail(err, std)
	}
	if out != nil {
		last := exs[len(exs)-1]
		if err := out.finish(last); err != nil {
			return fail(err, std)
		}
		if note := outputNote(cmd.Output, cmd.Request, last); note != "" {
			fmt.Fprintln(std.err, oneLine(note))
		}
	}
	if runErr != nil {
		msg := runErr.Error()
		if pe, ok := probe.AsError(runErr); ok && pe.Phase == probe.PhaseBody && pe.Timeout {
			msg += "; -m raises the limit"
		}
		fmt.Fprintf(std.err, "hsx: %s\n", oneLine(msg))
		return exitFailure
	}
	if report.Count(findings).Errors > 0 || report.Count(followFindings).Errors > 0 {
		return exitFindings
	}
	return exitOK
}

// proxyAnswered reports whether a proxy answered the CONNECT of ex: the report then shows
// that step, though no response came back.
func proxyAnswered(ex *probe.Exchange) bool {
	return ex.Proxy != nil && ex.Proxy.Tunnel != nil && ex.Proxy.Tunnel.Response != nil
}

// writeHeads writes the head of every response of exs to w as it was received, interim ones
// and every hop's, the way curl's -D does: a proxy's answer to CONNECT first.
func writeHeads(w io.Writer, exs []*probe.Exchange) error {
	for _, ex := range exs {
		rs := ex.Interim
		if proxyAnswered(ex) {
			rs = append([]*probe.Response{ex.Proxy.Tunnel.Response}, rs...)
		}
		if ex.Response != nil {
			rs = append(rs[:len(rs):len(rs)], ex.Response)
		}
		for _, r := range rs {
			if _, err := w.Write(r.Head()); err != nil {
				return err
			}
		}
	}
	return nil
}

// jsonBodyMistake catches curl's --json BODY given to check, where --json is the report format
// and takes no value: `hsx check --json '{"a":1}' URL` would otherwise read the body as a URL.
func jsonBodyMistake(args []string) error {
	for i, a := range args {
		if a == "--" {
			return nil
		}
		v, inline := strings.CutPrefix(a, "--json=")
		if !inline {
			if a != "--json" || i+1 == len(args) {
				continue
			}
			v = args[i+1]
		}
		if inline || looksLikeJSONBody(v) {
			return usageErrorf("for check, --json is the report format and takes no value; send a JSON body with -d %s -H 'Content-Type: application/json'",
				curl.Quote(v))
		}
	}
	return nil
}

// looksLikeJSONBody reports whether s, the word after --json, is a request body (JSON text or
// curl's @file) rather than a URL or a flag.
func looksLikeJSONBody(s string) bool {
	if strings.HasPrefix(s, "@") {
		return true
	}
	s = strings.TrimSpace(s)
	if s == "" || s[0] == '-' { // a flag, such as -0 (which is valid JSON)
		return false
	}
	return strings.ContainsRune("{[\"", rune(s[0])) || json.Valid([]byte(s)) && !strings.ContainsAny(s, ".:")
}

// maxHintRules is how many rule IDs the explain hint names.
const maxHintRules = 4

// explainHint points at the documents that explain the final response's status code and its
// error and warning findings: "more: hsx explain 204 · hsx explain S9". It is empty when there
// is no such document.
func explainHint(ex *probe.Exchange, fs []check.Finding) string {
	var cmds []string
	if ex.Response != nil {
		if content.Documented(ex.Response.Status.Code) {
			cmds = append(cmds, "hsx explain "+strconv.Itoa(ex.Response.Status.Code))
		}
	}
	seen := map[string]bool{}
	for _, f := range fs {
		if f.Severity == check.Info || seen[f.ID] || len(seen) == maxHintRules {
			continue
		}
		if content.Explained(f.ID) {
			seen[f.ID] = true
			cmds = append(cmds, "hsx explain "+f.ID)
		}
	}
	if len(cmds) == 0 {
		return ""
	}
	return "more: " + strings.Join(cmds, " · ")
}
