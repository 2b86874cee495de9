package curl

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

// spec describes one request flag.
type spec struct {
	long  string // without dashes
	short byte   // 0 for none
	value bool   // takes a value
	// apply records the flag's effect; nil means the flag is accepted and ignored.
	apply func(p *parser, flag, v string) error
	// arg names the value in the help ("METHOD"), for a flag that takes one.
	arg string
	// help says what the flag does, in a line of the help; shown says where the help shows
	// the flag. Flags shown in the help's lists of ignored and refused flags need no help.
	help  string
	shown Shown
}

// Shown is where the help of hsx shows a request flag.
type Shown uint8

// Where a flag is shown.
const (
	ShownOwnLine Shown = iota // a line of its own, with what the flag does
	ShownIgnored              // in the list of flags that are accepted and ignored
	ShownRefused              // in the list of flags that are refused
)

// FlagHelp is one request flag as the help of hsx shows it.
type FlagHelp struct {
	Short string // "-X", or "" for a flag without a one-letter form
	Long  string // "--request"
	Arg   string // what the value is ("METHOD"), or "" for a flag that takes none
	Text  string // what the flag does, in one line; empty for flags not on a line of their own
	Shown Shown
}

// Help returns every request flag, in the order of the flag table, as the help of hsx shows
// it; the help is made from this, so that it cannot leave out a flag the parser takes.
func Help() []FlagHelp {
	var out []FlagHelp
	for _, s := range specs() {
		h := FlagHelp{Long: "--" + s.long, Arg: s.arg, Text: s.help, Shown: s.shown}
		if s.short != 0 {
			h.Short = "-" + string(s.short)
		}
		out = append(out, h)
	}
	return out
}

// specs returns the request flags hsx understands, the curl flags it accepts and ignores, and
// those it refuses.
func specs() []spec {
	return []spec{
		{long: "request", short: 'X', value: true, apply: (*parser).method,
			arg: "METHOD", help: "request method (default GET, or POST with data)"},
		{long: "header", short: 'H', value: true, apply: (*parser).header,
			arg: "'Name: value'", help: "add a header field (repeatable); 'Name;' sends it empty, 'Name:' keeps hsx from sending its own (Host, User-Agent, Accept, …)"},
		{long: "data", short: 'd', value: true, apply: (*parser).dataStripped,
			arg: "BODY", help: "request body, form-encoded; @FILE reads a file without its line breaks; several are joined with &"},
		{long: "data-ascii", value: true, apply: (*parser).dataStripped,
			arg: "BODY", help: "the same as -d"},
		{long: "data-binary", value: true, apply: (*parser).dataBinary,
			arg: "BODY", help: "request body; @FILE reads a file byte for byte"},
		{long: "data-raw", value: true, apply: (*parser).dataRaw,
			arg: "BODY", help: "request body as it is, a leading @ included"},
		{long: "data-urlencode", value: true, apply: (*parser).dataURLEncode,
			arg: "DATA", help: "request body, URL-encoded: 'text', 'name=text', '@FILE' or 'name@FILE'"},
		{long: "json", value: true, apply: (*parser).jsonData,
			arg: "BODY", help: "body with Content-Type and Accept application/json (not with check)"},
		{long: "get", short: 'G', apply: func(p *parser, _, _ string) error { p.get = true; return nil },
			help: "put the data in the query string and send GET"},
		{long: "head", short: 'I', apply: func(p *parser, _, _ string) error { p.head = true; return nil },
			help: "send HEAD"},
		{long: "insecure", short: 'k', apply: func(p *parser, _, _ string) error { p.cmd.Request.Insecure = true; return nil },
			help: "do not verify the TLS certificate"},
		{long: "location", short: 'L', apply: func(p *parser, _, _ string) error { p.cmd.Request.FollowRedirects = true; return nil },
			help: "follow redirects (each hop is checked)"},
		{long: "http1.0", short: '0', apply: httpVersion(true, probe.HTTP1Only),
			help: "send the request as HTTP/1.0"},
		{long: "max-time", short: 'm', value: true, apply: (*parser).timeout,
			arg: "DURATION", help: "bound the whole exchange: \"3\", \"0.5\" or \"3s\" (default 10s)"},
		{long: "timeout", value: true, apply: (*parser).timeout,
			arg: "DURATION", help: "the same as -m"},
		{long: "url", value: true, apply: func(p *parser, _, v string) error { p.urls = append(p.urls, v); return nil },
			arg: "URL", help: "the URL, for one that starts with -"},
		{long: "user-agent", short: 'A', value: true, apply: headerFlag("User-Agent"),
			arg: "VALUE", help: "User-Agent field (empty: none sent)"},
		{long: "referer", short: 'e', value: true, apply: (*parser).referer,
			arg: "URL", help: "Referer field"},
		{long: "cookie", short: 'b', value: true, apply: (*parser).cookie,
			arg: "NAME=VALUE", help: "Cookie field (repeatable; a cookie file is refused)"},
		{long: "user", short: 'u', value: true, apply: (*parser).user,
			arg: "USER:PASSWORD", help: "basic authentication"},

		// How the request reaches the server (reach.go).
		{long: "proxy", short: 'x', value: true, apply: (*parser).proxy,
			arg: "[http://]HOST[:PORT]", help: "send through an HTTP proxy (https through a CONNECT tunnel); without -x, http_proxy, HTTPS_PROXY, ALL_PROXY as curl reads them"},
		{long: "proxy-user", short: 'U', value: true, apply: (*parser).proxyUser,
			arg: "USER:PASSWORD", help: "basic authentication to the proxy"},
		{long: "noproxy", value: true, apply: (*parser).noProxy,
			arg: "LIST", help: "hosts to reach directly (over NO_PROXY); \"*\" for all"},
		{long: "proxytunnel", short: 'p', apply: func(p *parser, _, _ string) error { p.cmd.Request.Proxy.Tunnel = true; return nil },
			help: "send plain http through a CONNECT tunnel too"},
		{long: "resolve", value: true, apply: (*parser).resolve,
			arg: "HOST:PORT:ADDRESS", help: "connect to ADDRESS for HOST:PORT; Host and SNI keep the name"},
		{long: "connect-to", value: true, apply: (*parser).connectTo,
			arg: "HOST1:PORT1:HOST2:PORT2", help: "connect to HOST2:PORT2 instead of HOST1:PORT1"},
		{long: "unix-socket", value: true, apply: unixSocket(false),
			arg: "PATH", help: "connect to the Unix socket at PATH; the URL gives Host and the path"},
		{long: "abstract-unix-socket", value: true, apply: unixSocket(true),
			arg: "NAME", help: "connect to the abstract Unix socket NAME (Linux)"},
		{long: "proxy-basic", shown: ShownIgnored}, // what -U always does
		{long: "proxy-anyauth", apply: refuse(proxyAuthWhy), shown: ShownRefused},
		{long: "proxy-digest", apply: refuse(proxyAuthWhy), shown: ShownRefused},
		{long: "proxy-ntlm", apply: refuse(proxyAuthWhy), shown: ShownRefused},
		{long: "proxy-negotiate", apply: refuse(proxyAuthWhy), shown: ShownRefused},
		{long: "proxy-header", value: true, apply: refuse("is not supported: hsx sends a proxy only Host, Proxy-Authorization, User-Agent and Proxy-Connection"), shown: ShownRefused},
		{long: "socks4", value: true, apply: refuse(socksWhy), shown: ShownRefused},
		{long: "socks4a", value: true, apply: refuse(socksWhy), shown: ShownRefused},
		{long: "socks5", value: true, apply: refuse(socksWhy), shown: ShownRefused},
		{long: "socks5-hostname", value: true, apply: refuse(socksWhy), shown: ShownRefused},
		{long: "preproxy", value: true, apply: refuse(socksWhy), shown: ShownRefused},

		// Accepted and ignored: they change how curl shows or saves a response, not what is
		// sent. The others here do what curl's do, or are refused with the reason.
		{long: "silent", short: 's', shown: ShownIgnored},
		{long: "show-error", short: 'S', shown: ShownIgnored},
		{long: "verbose", short: 'v', shown: ShownIgnored},
		{long: "include", short: 'i', shown: ShownIgnored},
		{long: "compressed", apply: func(p *parser, _, _ string) error { p.cmd.Request.Compressed = true; return nil },
			help: "ask for deflate, gzip, br, zstd (Accept-Encoding), as curl does"},
		{long: "fail", short: 'f', apply: refuse(failWhy), shown: ShownRefused},
		{long: "fail-with-body", apply: refuse(failWhy), shown: ShownRefused},
		{long: "no-buffer", short: 'N', shown: ShownIgnored},
		{long: "progress-bar", short: '#', shown: ShownIgnored},
		{long: "no-progress-meter", shown: ShownIgnored},
		{long: "globoff", short: 'g', apply: func(p *parser, _, _ string) error { p.globoff = true; return nil },
			help: "send [ ] { } in the URL as they are (else refused unless \\-escaped)"},
		{long: "remote-name", short: 'O', apply: refuse("is not supported: hsx does not name files after the URL (use -o FILE)"), shown: ShownRefused},
		{long: "remote-header-name", short: 'J', apply: refuse("is not supported: hsx does not name files after the response (use -o FILE)"), shown: ShownRefused},
		{long: "http1.1", apply: httpVersion(false, probe.HTTP1Only),
			help: "speak HTTP/1.1 only (the default)"},
		{long: "http2", apply: httpVersion(false, probe.HTTP2ALPN),
			help: "offer h2 and http/1.1 in TLS ALPN and speak what the server picks"},
		{long: "http2-prior-knowledge", apply: httpVersion(false, probe.HTTP2Prior),
			help: "speak HTTP/2 from the first byte over http:// (h2c); over https, offer h2 in ALPN as --http2 does"},
		{long: "raw", apply: refuse("is not supported: hsx always removes the chunked framing from the body (the raw view shows it)"), shown: ShownRefused},
		{long: "path-as-is", apply: func(p *parser, _, _ string) error { p.cmd.Request.PathAsIs = true; return nil },
			help: "send . and .. path segments as they are (else resolved, as curl)"},
		{long: "tcp-nodelay", shown: ShownIgnored}, // what hsx always does, as curl does by default
		{long: "output", short: 'o', value: true, apply: (*parser).output,
			arg: "FILE", help: "(check) write the whole body to FILE (decoded with --compressed)"},
		{long: "write-out", short: 'w', value: true, arg: "FORMAT", shown: ShownIgnored},
		{long: "dump-header", short: 'D', value: true, apply: (*parser).dumpHeader,
			arg: "FILE", help: "(check) write every response head to FILE as received"},
		{long: "cookie-jar", short: 'c', value: true, apply: refuse("is not supported: hsx keeps no cookies"), shown: ShownRefused},
		{long: "stderr", value: true, apply: refuse("is not supported: hsx writes its messages to standard error (use 2>FILE)"), shown: ShownRefused},
		{long: "connect-timeout", value: true, apply: (*parser).connectTimeout,
			arg: "DURATION", help: "bound DNS, connect and the TLS handshake"},
		{long: "retry", value: true, apply: refuse(retryWhy), shown: ShownRefused},
		{long: "retry-delay", value: true, apply: refuse(retryWhy), shown: ShownRefused},
		{long: "retry-max-time", value: true, apply: refuse(retryWhy), shown: ShownRefused},
	}
}

// Why some flags are refused.
const (
	failWhy  = "is not supported: the exit status of hsx check says whether a response arrived and whether a finding is an error"
	retryWhy = "is not supported: hsx sends a request once, to show what came back"
	// The proxies hsx does not speak to, and the ways of authenticating to one it has not.
	socksWhy     = "is not supported: hsx speaks to proxies in plain http only (-x http://HOST:PORT)"
	proxyAuthWhy = "is not supported: hsx authenticates to a proxy with Basic only (-U USER:PASSWORD)"
)

// httpVersion returns the handler of a flag that chooses the HTTP version; as in curl, the
// last of -0, --http1.1, --http2 and --http2-prior-knowledge wins.
func httpVersion(http10 bool, mode probe.HTTP2Mode) func(p *parser, flag, v string) error {
	return func(p *parser, _, _ string) error {
		p.cmd.Request.HTTP10, p.cmd.Request.HTTP2 = http10, mode
		return nil
	}
}

// refuse returns the handler of a flag that hsx refuses, with the reason that follows the flag
// in the error: "--retry is not supported: …".
func refuse(why string) func(p *parser, flag, v string) error {
	return func(_ *parser, flag, _ string) error { return fmt.Errorf("%s %s", flag, why) }
}

// connectTimeout handles --connect-timeout: how long the connection phase may take.
func (p *parser) connectTimeout(flag, v string) error {
	d, err := parseTimeout(v)
	if err != nil {
		return fmt.Errorf("%s: %w", flag, err)
	}
	p.cmd.Request.ConnectTimeout = d
	return nil
}

// dumpHeader handles -D FILE: the caller writes the response heads there.
func (p *parser) dumpHeader(flag, v string) error {
	switch v {
	case "":
		return fmt.Errorf("%s needs a file name", flag)
	case "-":
		return fmt.Errorf("%s -: the heads are in hsx's own output already; give a file name", flag)
	}
	p.cmd.DumpHeader = v
	return nil
}

// method handles -X.
func (p *parser) method(_, v string) error {
	if !probe.IsToken(v) {
		return fmt.Errorf("invalid method token %q", v)
	}
	p.explicitMethod = v
	return nil
}

// header handles -H in curl's three forms: "Name: value" sends the field, "Name;" sends it
// with an empty value, and "Name:" with nothing after the colon sends no field of that name
// that curl or probe would add themselves (Host, User-Agent, Accept, Content-Type, the fields
// of -A, -e, -b and -u); fields given with -H are sent all the same. See parser.fields for
// where each field goes.
func (p *parser) header(_, v string) error {
	name, value, ok := strings.Cut(v, ":")
	empty := false
	if !ok {
		n, rest, semi := strings.Cut(v, ";")
		if !semi || strings.TrimSpace(rest) != "" {
			return fmt.Errorf("header %q has no colon (want \"Name: value\")", v)
		}
		name, empty = n, true
	}
	name = strings.TrimSpace(name)
	if !probe.IsToken(name) {
		return fmt.Errorf("invalid header name %q in %q", name, v)
	}
	value = strings.TrimSpace(value)
	if strings.ContainsAny(value, "\r\n\x00") {
		return fmt.Errorf("header %q: the value contains a line break or NUL", name)
	}
	if !empty && value == "" {
		p.removeHeader(name)
		return nil
	}
	p.addHeader(name, value)
	return nil
}

// headerFlag returns the handler of a flag that sets one header field (-A, -e).
func headerFlag(name string) func(p *parser, flag, v string) error {
	return func(p *parser, flag, v string) error {
		if strings.ContainsAny(v, "\r\n\x00") {
			return fmt.Errorf("%s: the value contains a line break or NUL", flag)
		}
		p.setHeader(name, strings.TrimSpace(v))
		return nil
	}
}

// referer handles -e. curl reads a ";auto" at the end as "and with -L, send the previous URL
// as the Referer of each redirect", which hsx does not do: the suffix is dropped, and refused
// with -L.
func (p *parser) referer(flag, v string) error {
	if r, ok := strings.CutSuffix(v, ";auto"); ok {
		v, p.autoReferer = r, true
	}
	return headerFlag("Referer")(p, flag, v)
}

// cookie handles -b with literal cookies; curl reads a file when there is no "=".
// Several -b are joined with ";", as curl joins them.
func (p *parser) cookie(flag, v string) error {
	if !strings.Contains(v, "=") {
		return fmt.Errorf("%s %s: reading cookies from a file is not supported (give name=value)", flag, v)
	}
	for _, f := range p.own {
		if probe.EqualFold(f.Name, "Cookie") {
			v = f.Value + ";" + v
		}
	}
	return headerFlag("Cookie")(p, flag, v)
}

// user handles -u user:password as Basic authentication.
func (p *parser) user(flag, v string) error {
	if !strings.Contains(v, ":") {
		return fmt.Errorf("%s: give user:password (hsx does not prompt for a password)", flag)
	}
	p.setHeader("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(v)))
	return nil
}

// dataStripped handles -d: "@file" reads the file without its carriage returns and newlines,
// as curl does.
func (p *parser) dataStripped(flag, v string) error {
	b, err := p.dataValue(flag, v, true)
	if err != nil {
		return err
	}
	p.addData(b)
	return nil
}

// dataBinary handles --data-binary: "@file" reads the file byte for byte.
func (p *parser) dataBinary(flag, v string) error {
	b, err := p.dataValue(flag, v, false)
	if err != nil {
		return err
	}
	p.addData(b)
	return nil
}

// dataRaw handles --data-raw: the value as it is, "@" included.
func (p *parser) dataRaw(_, v string) error {
	p.addData([]byte(v))
	return nil
}

// dataURLEncode handles --data-urlencode in curl's forms "content", "=content",
// "name=content", "@file" and "name@file".
func (p *parser) dataURLEncode(flag, v string) error {
	name, content := "", v
	if i := strings.IndexAny(v, "=@"); i >= 0 {
		name = v[:i]
		if v[i] == '=' {
			content = v[i+1:]
		} else {
			b, err := p.dataValue(flag, v[i:], false)
			if err != nil {
				return err
			}
			content = string(b)
		}
	}
	enc := url.QueryEscape(content)
	if name != "" {
		enc = name + "=" + enc
	}
	p.addData([]byte(enc))
	return nil
}

// dataValue returns the bytes of a data flag's value, reading "@file".
func (p *parser) dataValue(flag, v string, strip bool) ([]byte, error) {
	if !strings.HasPrefix(v, "@") {
		return []byte(v), nil
	}
	name := v[1:]
	if name == "-" {
		return nil, fmt.Errorf("%s @-: reading the body from standard input is not supported", flag)
	}
	b, err := readFile(name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the message names the file once, below
		}
		return nil, fmt.Errorf("%s @%s: %w", flag, name, err)
	}
	if strip {
		b = []byte(strings.NewReplacer("\r", "", "\n", "").Replace(string(b)))
	}
	return b, nil
}

// timeout handles --timeout and -m: a Go duration ("3s", "1m30s") or seconds ("3", "0.5").
func (p *parser) timeout(flag, v string) error {
	d, err := parseTimeout(v)
	if err != nil {
		return fmt.Errorf("%s: %w", flag, err)
	}
	p.cmd.Request.Timeout = d
	return nil
}

func parseTimeout(v string) (time.Duration, error) {
	var d time.Duration
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		if secs > float64(1<<63-1)/float64(time.Second) {
			return 0, fmt.Errorf("invalid duration %q (too long)", v)
		}
		d = time.Duration(secs*float64(time.Second) + 0.5)
	} else if d, err = time.ParseDuration(v); err != nil {
		return 0, fmt.Errorf("invalid duration %q", v)
	}
	if d <= 0 {
		return 0, fmt.Errorf("invalid duration %q (must be more than zero)", v)
	}
	return d, nil
}

// MaxDataFile is the largest file -d @FILE reads. A request body is held in memory, so a bigger
// file (or an endless one such as /dev/zero) is refused instead of exhausting it.
const MaxDataFile = 64 << 20

// errTooLarge reports a -d @FILE larger than MaxDataFile.
var errTooLarge = fmt.Errorf("file larger than %d MiB (a request body is held in memory)", MaxDataFile>>20)

// readFile reads at most MaxDataFile bytes of the named file, and fails when there are more.
func readFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxDataFile+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxDataFile {
		return nil, errTooLarge
	}
	return b, nil
}
