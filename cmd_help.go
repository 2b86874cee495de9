package main

import (
	"fmt"
	"runtime/debug"
	"strings"
)

const usage = `hsx — see an HTTP response exactly as it crossed the wire, with every byte that
breaks the rules marked and explained.

Usage:
  hsx                              the explorer, with a built-in lab server (no network needed)
  hsx [request flags] URL          the explorer, sending that request at start
  hsx check [request flags] URL    send one request and report the exchange; --json for JSON
  hsx explain [CODE | 2xx | RULE]  what a status code means; without CODE, the list of codes
  hsx explain --rules              the rules hsx check judges by
  hsx lab [--addr HOST:PORT]       serve the lab of correct and broken responses
  hsx lab --list                   list the lab's scenarios
  hsx --version | --help

Request flags (curl's spelling):
  -X, --request METHOD        request method (default GET, or POST with data)
  -H, --header 'Name: value'  add a header field (repeatable); 'Name;' sends it empty, 'Name:'
                              keeps hsx from sending its own (Host, User-Agent, Accept, …)
  -d, --data BODY             request body; @FILE reads a file (--data-binary, --data-raw too)
      --json BODY             body with Content-Type and Accept application/json (not with check)
  -u, --user USER:PASSWORD    basic authentication
  -A, --user-agent VALUE      User-Agent field
  -e, --referer URL           Referer field
  -I, --head                  send HEAD
  -k, --insecure              do not verify the TLS certificate
  -L, --location              follow redirects (each hop is checked)
  -0, --http1.0               send the request as HTTP/1.0
      --connect-timeout DURATION
                              bound DNS, connect and the TLS handshake
      --compressed            ask for deflate, gzip, br, zstd (Accept-Encoding), as curl does
  -o, --output FILE           (check) write the whole body to FILE (decoded with --compressed)
      --path-as-is            send . and .. path segments as they are (else resolved, as curl)
  -g, --globoff               send [ ] { } in the URL as they are (else refused unless \-escaped)
  -D, --dump-header FILE      (check) write every response head to FILE as received
  -m, --max-time, --timeout DURATION
                              bound the whole exchange: "3", "0.5" or "3s" (default 10s)
  Display flags of curl (-s, -S, -v, -i, -w …) are accepted and ignored;
  flags hsx cannot honour (--http2, -f, -O, -c, --retry, …) are refused.

Explorer flags:
  --present                   presentation mode for projectors: high contrast, more spacing

check exits 0 when a response arrived without error findings, 1 when a finding is an error,
and 2 when no response arrived (refused, timed out, not HTTP) or the command line is wrong.
`

const checkUsage = `Usage: hsx check [request flags] URL [--json] [--clients] [--grace DURATION]

Sends one request (following redirects with -L), reads the response with hsx's own HTTP/1.1
parser and judges it against RFC 9110 and RFC 9112. Prints the exchange with offending lines
marked (✗ error, ! warning, i info), the findings with their references, and the timing.

  --json      print one JSON object instead (request, response, findings, timing_ms, error)
  --clients   also replay the response, byte for byte, from 127.0.0.1 to the client stacks that
              are installed (Go net/http, curl, Node, Python, Java) and report what each got
  --grace D   after a response that has no content (204, 304, HEAD), watch for stray bytes
              for D (such as 50ms or 1s) after the head and after each arrival; by default
              25ms plus three times the TCP connect time; a server that closes ends it

Exit status: 0 no error finding, 1 at least one error finding, 2 no response or usage error.
Run 'hsx --help' for the request flags.
`

const explainUsage = `Usage: hsx explain [CODE | CLASS | RULE | TOPIC | --rules]

  hsx explain          every status code with its name, grouped by class
  hsx explain 204      the document of 204 No Content
  hsx explain 299      a code that is not registered: how clients treat it, and its class
  hsx explain 2xx      the codes of one class
  hsx explain S9       the section that explains rule S9 of hsx check (any case: s9)
  hsx explain framing  the document on message framing and header syntax
  hsx explain --rules  every rule of hsx check: ID, severity, title and reference

On a terminal, documents are rendered (plain markdown with NO_COLOR set or when piped), and
output taller than the terminal goes through $PAGER (less -R when PAGER is unset; LESS=FRX
when LESS is unset). PAGER= or PAGER=cat writes directly.
`

const labUsage = `Usage: hsx lab [--addr HOST:PORT] [--public] [--list]

Serves correct and broken responses for every rule hsx checks, in the foreground, until
interrupted (ctrl+c).

  --addr HOST:PORT   where to listen (default 127.0.0.1:8204)
  --public           allow an address that is not loopback
  --list             print the scenarios and exit
`

// runHelp prints the usage of hsx, or of one command.
func runHelp(args []string, std stdio) error {
	text := usage
	if len(args) > 0 {
		switch args[0] {
		case "check":
			text = checkUsage
		case "explain":
			text = explainUsage
		case "lab":
			text = labUsage
		default:
			return usageErrorf("no help for %q", args[0])
		}
	}
	_, err := fmt.Fprint(std.out, text)
	return err
}

// version returns the module version hsx was built from, or "dev".
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	v := "dev-" + rev[:min(12, len(rev))]
	if dirty {
		v += "+dirty"
	}
	return strings.TrimSpace(v)
}
