// Package curl is the curl import of the HTTP side (see probe): it reads requests written the
// way curl spells them, as command-line flags such as -X, -H, -d @file, -k, -L and -m, or as a
// whole pasted `curl …` command line. It also writes a request back out as a curl command that
// a shell and this package both read the same way.
//
// A flag does what curl's does. Flags that only change how curl shows a response (-s, -v, -i,
// -w, …) are accepted and listed in Command.Ignored; flags that would make curl do what hsx
// does not (--http2, -f, --retry, …) are errors that say so, and so is any other flag, so that
// a request is never sent differently from what its command line says. The header of the
// request is laid out as curl lays it out, field for field, and -o FILE says where the body goes.
package curl

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/termsafe"
)

// Command is a parsed set of request flags.
type Command struct {
	// Request is the request the flags describe. Its Method is always set ("GET" when no flag
	// chose another), and its URL is empty when no URL was given (only possible with Parse).
	Request probe.Request
	// Flags lists the request flags that were given, in order, spelled as in the input
	// ("-X", "--header"). Flags handled by the caller (see Flag) are not listed.
	Flags []string
	// DumpHeader is the file named by -D: the caller writes there every response head as it
	// was received (interim ones, and each hop's with -L), as curl does. Empty for none.
	DumpHeader string
	// Ignored lists the curl flags that were accepted but change nothing for hsx ("-s",
	// "-v"), in order.
	Ignored []string
	// Output is the file -o names for the response body, "-" for standard output; empty
	// without -o.
	Output string
	// proxySet and noProxySet say that -x and --noproxy were given, so that UseEnvironment
	// leaves the proxies and the no-proxy list alone.
	proxySet, noProxySet bool
}

// Flag is a flag that the caller handles itself, parsed alongside the request flags. It takes
// precedence over a request flag of the same name.
type Flag struct {
	// Name is the long name without dashes: "json" matches --json (and --json=VALUE when the
	// flag takes a value).
	Name string
	// Short is the one-letter form without its dash, or 0 for none.
	Short byte
	// Value reports whether the flag takes a value.
	Value bool
	// Set is called with the flag's value (empty for a flag without one). An error it returns
	// is reported prefixed with the flag as spelled.
	Set func(value string) error
}

// Parse reads request flags and the URL from args, as a shell would pass them to curl. Flags
// may come before or after the URL; "--" ends the flags. extra are the caller's own flags.
//
// A missing URL is not an error here: Command.Request.URL is then empty and the caller decides.
// A URL without a scheme gets "http://", like curl does.
func Parse(args []string, extra ...Flag) (*Command, error) {
	p := newParser(extra)
	if err := p.parse(args); err != nil {
		return nil, lineSafe(err)
	}
	cmd, err := p.finish()
	return cmd, lineSafe(err)
}

// ParseCommand reads a pasted shell command line such as
//
//	curl -X DELETE 'https://example.com/item/1' \
//	  -H 'Authorization: Bearer t'
//
// The leading "curl" is optional. Words are split the way a POSIX shell splits them: single
// and double quotes, backslash escapes, $'…' strings and backslash-newline continuations.
// Pipes, redirections and other shell operators are errors, and so is a command without a URL.
func ParseCommand(line string) (*Command, error) {
	if cmdShell(line) {
		return nil, fmt.Errorf("this is a Windows cmd command (lines end in ^): copy it as cURL (bash) instead")
	}
	words, err := Split(line)
	if err != nil {
		return nil, lineSafe(err)
	}
	if len(words) > 0 && isCurlWord(words[0]) {
		words = words[1:]
	}
	if len(words) == 0 {
		return nil, fmt.Errorf("empty command")
	}
	cmd, err := Parse(words)
	if err != nil {
		return nil, err
	}
	if cmd.Request.URL == "" {
		return nil, fmt.Errorf("no URL in the command")
	}
	return cmd, nil
}

// cmdShell reports whether line was written for Windows cmd, as browsers' "Copy as cURL (cmd)"
// writes it: lines continued with a caret.
func cmdShell(line string) bool {
	return strings.Contains(line, "^\n") || strings.Contains(line, "^\r")
}

// lineSafe makes the message of err one line without control characters: it often quotes
// what the user typed or pasted, and it is printed on a terminal.
func lineSafe(err error) error {
	if err == nil || termsafe.Safe(err.Error(), termsafe.Line) {
		return err
	}
	return &escapedError{msg: termsafe.String(err.Error(), termsafe.Line), err: err}
}

// escapedError is an error whose message was made safe to print; it unwraps to the original.
type escapedError struct {
	msg string
	err error
}

func (e *escapedError) Error() string { return e.msg }
func (e *escapedError) Unwrap() error { return e.err }

// isCurlWord reports whether w names the curl program: "curl", "/usr/bin/curl", "curl.exe".
func isCurlWord(w string) bool {
	if i := strings.LastIndexAny(w, `/\`); i >= 0 {
		w = w[i+1:]
	}
	w = strings.ToLower(w)
	return w == "curl" || w == "curl.exe"
}

// NormalizeURL checks that raw is an absolute http or https URL with a host and a valid port,
// adding "http://" when the scheme is missing, the way curl guesses. It is the check Parse
// applies to the URL argument; its errors quote raw and are one line without control characters.
func NormalizeURL(raw string) (string, error) {
	u, err := normalizeURL(raw)
	return u, lineSafe(err)
}

func normalizeURL(raw string) (string, error) {
	if raw == "" {
		return "", fmt.Errorf("empty URL")
	}
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("invalid URL %q: %v", raw, unwrapURLError(err))
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return "", fmt.Errorf("unsupported scheme %q in %q: hsx speaks http and https", u.Scheme, raw)
	}
	if u.Hostname() == "" {
		return "", fmt.Errorf("invalid URL %q: no host", raw)
	}
	if port := u.Port(); port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return "", fmt.Errorf("invalid URL %q: port %s out of range", raw, port)
		}
	}
	return raw, nil
}

// unwrapURLError drops the "parse URL:" wrapping of url.Parse errors, which repeat the URL.
func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}
