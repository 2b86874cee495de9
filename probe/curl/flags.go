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
}

// specs returns the request flags hsx understands, the curl flags it accepts and ignores, and
// those it refuses.
func specs() []spec {
	return []spec{
		{long: "request", short: 'X', value: true, apply: (*parser).method},
		{long: "header", short: 'H', value: true, apply: (*parser).header},
		{long: "data", short: 'd', value: true, apply: (*parser).dataStripped},
		{long: "data-ascii", value: true, apply: (*parser).dataStripped},
		{long: "data-binary", value: true, apply: (*parser).dataBinary},
		{long: "data-raw", value: true, apply: (*parser).dataRaw},
		{long: "data-urlencode", value: true, apply: (*parser).dataURLEncode},
		{long: "get", short: 'G', apply: func(p *parser, _, _ string) error { p.get = true; return nil }},
		{long: "head", short: 'I', apply: func(p *parser, _, _ string) error { p.head = true; return nil }},
		{long: "insecure", short: 'k', apply: func(p *parser, _, _ string) error { p.cmd.Request.Insecure = true; return nil }},
		{long: "location", short: 'L', apply: func(p *parser, _, _ string) error { p.cmd.Request.FollowRedirects = true; return nil }},
		{long: "http1.0", short: '0', apply: func(p *parser, _, _ string) error { p.cmd.Request.HTTP10 = true; return nil }},
		{long: "timeout", value: true, apply: (*parser).timeout},
		{long: "max-time", short: 'm', value: true, apply: (*parser).timeout},
		{long: "url", value: true, apply: func(p *parser, _, v string) error { p.urls = append(p.urls, v); return nil }},
		{long: "user-agent", short: 'A', value: true, apply: headerFlag("User-Agent")},
		{long: "referer", short: 'e', value: true, apply: (*parser).referer},
		{long: "cookie", short: 'b', value: true, apply: (*parser).cookie},
		{long: "user", short: 'u', value: true, apply: (*parser).user},

		// How the request reaches the server (reach.go).
		{long: "proxy", short: 'x', value: true, apply: (*parser).proxy},
		{long: "proxy-user", short: 'U', value: true, apply: (*parser).proxyUser},
		{long: "noproxy", value: true, apply: (*parser).noProxy},
		{long: "proxytunnel", short: 'p', apply: func(p *parser, _, _ string) error { p.cmd.Request.Proxy.Tunnel = true; return nil }},
		{long: "resolve", value: true, apply: (*parser).resolve},
		{long: "connect-to", value: true, apply: (*parser).connectTo},
		{long: "unix-socket", value: true, apply: unixSocket(false)},
		{long: "abstract-unix-socket", value: true, apply: unixSocket(true)},
		{long: "proxy-basic", apply: func(*parser, string, string) error { return nil }}, // what -U always does
		{long: "proxy-anyauth", apply: refuse(proxyAuthWhy)},
		{long: "proxy-digest", apply: refuse(proxyAuthWhy)},
		{long: "proxy-ntlm", apply: refuse(proxyAuthWhy)},
		{long: "proxy-negotiate", apply: refuse(proxyAuthWhy)},
		{long: "proxy-header", value: true, apply: refuse("is not supported: hsx sends a proxy only Host, Proxy-Authorization, User-Agent and Proxy-Connection")},
		{long: "socks4", value: true, apply: refuse(socksWhy)},
		{long: "socks4a", value: true, apply: refuse(socksWhy)},
		{long: "socks5", value: true, apply: refuse(socksWhy)},
		{long: "socks5-hostname", value: true, apply: refuse(socksWhy)},
		{long: "preproxy", value: true, apply: refuse(socksWhy)},

		// Accepted and ignored: they change how curl shows or saves a response, not what is
		// sent. The others here do what curl's do, or are refused with the reason.
		{long: "silent", short: 's'},
		{long: "show-error", short: 'S'},
		{long: "verbose", short: 'v'},
		{long: "include", short: 'i'},
		{long: "compressed", apply: func(p *parser, _, _ string) error { p.cmd.Request.Compressed = true; return nil }},
		{long: "fail", short: 'f', apply: refuse(failWhy)},
		{long: "fail-with-body", apply: refuse(failWhy)},
		{long: "no-buffer", short: 'N'},
		{long: "progress-bar", short: '#'},
		{long: "no-progress-meter"},
		{long: "globoff", short: 'g', apply: func(p *parser, _, _ string) error { p.globoff = true; return nil }},
		{long: "remote-name", short: 'O', apply: refuse("is not supported: hsx does not name files after the URL (use -o FILE)")},
		{long: "remote-header-name", short: 'J', apply: refuse("is not supported: hsx does not name files after the response (use -o FILE)")},
		{long: "http1.1"}, // what hsx always speaks
		{long: "http2", apply: refuse(http2Why)},
		{long: "http2-prior-knowledge", apply: refuse(http2Why)},
		{long: "raw", apply: refuse("is not supported: hsx always removes the chunked framing from the body (the raw view shows it)")},
		{long: "path-as-is", apply: func(p *parser, _, _ string) error { p.cmd.Request.PathAsIs = true; return nil }},
		{long: "tcp-nodelay"}, // what hsx always does, as curl does by default
		{long: "output", short: 'o', value: true, apply: (*parser).output},
		{long: "write-out", short: 'w', value: true},
		{long: "dump-header", short: 'D', value: true, apply: (*parser).dumpHeader},
		{long: "cookie-jar", short: 'c', value: true, apply: refuse("is not supported: hsx keeps no cookies")},
		{long: "stderr", value: true, apply: refuse("is not supported: hsx writes its messages to standard error (use 2>FILE)")},
		{long: "connect-timeout", value: true, apply: (*parser).connectTimeout},
		{long: "retry", value: true, apply: refuse(retryWhy)},
		{long: "retry-delay", value: true, apply: refuse(retryWhy)},
		{long: "retry-max-time", value: true, apply: refuse(retryWhy)},
	}
}

// Why some flags are refused.
const (
	http2Why = "is not supported yet: hsx speaks HTTP/1.1 only"
	failWhy  = "is not supported: the exit status of hsx check says whether a response arrived and whether a finding is an error"
	retryWhy = "is not supported: hsx sends a request once, to show what came back"
	// The proxies hsx does not speak to, and the ways of authenticating to one it has not.
	socksWhy     = "is not supported: hsx speaks to proxies in plain http only (-x http://HOST:PORT)"
	proxyAuthWhy = "is not supported: hsx authenticates to a proxy with Basic only (-U USER:PASSWORD)"
)

// refuse returns the handler of a flag that hsx refuses, with the reason that follows the flag
// in the error: "--http2 is not supported yet: …".
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

// IgnoredFlags returns the curl flags that are accepted and have no effect, spelled as
// "-s, --silent" or "--compressed", with "VALUE" after the flags that take one.
func IgnoredFlags() []string {
	var out []string
	for _, s := range specs() {
		if s.apply != nil {
			continue
		}
		name := "--" + s.long
		if s.short != 0 {
			name = "-" + string(s.short) + ", " + name
		}
		if s.value {
			name += " VALUE"
		}
		out = append(out, name)
	}
	return out
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
