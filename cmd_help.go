package main

import (
	"fmt"
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
