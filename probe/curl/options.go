package curl

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hsx-dev/hsx/probe"
)

// OptionFlags returns the long names of the request options: the flags that shape the
// exchange rather than say what is sent (the method, URL, header fields and body). They are
// what ParseOptions reads and FormatOptions writes, in the order FormatOptions writes them.
func OptionFlags() []string {
	return []string{"insecure", "location", "http1.0", "http1.1", "http2", "http2-prior-knowledge", "path-as-is", "compressed",
		"max-time", "timeout", "connect-timeout"}
}

// ParseOptions reads a line of request options (see OptionFlags) such as "-k -L -m 30", split
// as a shell splits words, with the same flags, spellings and errors as Parse. It returns a
// request in which only the options are set. A flag that sets something else (the method, the
// URL, a header field, the body) is refused with where that belongs, and so is a flag that has
// a meaning only on the command line (-o, -D, the flags that change what curl prints).
func ParseOptions(line string) (probe.Request, error) {
	words, err := Split(line)
	if err != nil {
		return probe.Request{}, lineSafe(err)
	}
	p := newParser([]Flag{{Name: "json", Value: true, Set: func(string) error { return fmt.Errorf("%s", bodyWhy) }}})
	for i, s := range p.specs {
		if why, ok := notAnOption(s); ok {
			p.specs[i].apply = refuse(why)
		}
	}
	if err := p.parse(words); err != nil {
		return probe.Request{}, lineSafe(err)
	}
	if len(p.urls) > 0 {
		return probe.Request{}, lineSafe(fmt.Errorf("%q is not a flag: the URL has its own field", p.urls[0]))
	}
	return p.cmd.Request, nil
}

// Where the flags that are not request options belong.
const (
	bodyWhy   = "sets the body: write it in the body field"
	headerWhy = "sets a header field: write it in the headers field"
)

// notAnOption says why flag s is not a request option, or reports false for an option and
// for a flag that is refused anyway (its own reason stands).
func notAnOption(s spec) (string, bool) {
	if slices.Contains(OptionFlags(), s.long) {
		return "", false
	}
	switch s.long {
	case "request", "head":
		return "sets the method: choose it in the method field", true
	case "url":
		return "sets the URL: it has its own field", true
	case "header", "user-agent", "referer", "cookie", "user":
		return headerWhy, true
	case "data", "data-ascii", "data-binary", "data-raw", "data-urlencode", "get":
		return bodyWhy, true
	case "globoff":
		return "is not needed: the URL field sends the URL as it is typed", true
	case "output", "dump-header", "write-out":
		return "is for the command line only (hsx check)", true
	}
	if s.apply == nil {
		return "changes only what curl prints: it has nothing to do in the explorer", true
	}
	return "", false
}

// FormatOptions writes the request options of req (see OptionFlags) as flags, the way Format
// writes them: "-k -L --compressed -m 30". It is "" when req has none; ParseOptions reads it
// back into the same options.
func FormatOptions(req probe.Request) string {
	return strings.Join(optionArgs(req, true), " ")
}

// optionArgs writes the request options of req as arguments; --path-as-is is written only
// when pathAsIs is set or the URL has a dot segment, the only place where it changes anything.
func optionArgs(req probe.Request, pathAsIs bool) []string {
	var args []string
	if req.Insecure {
		args = append(args, "-k")
	}
	if req.FollowRedirects {
		args = append(args, "-L")
	}
	switch {
	case req.HTTP10:
		args = append(args, "-0")
	case req.HTTP2 == probe.HTTP2ALPN:
		args = append(args, "--http2")
	case req.HTTP2 == probe.HTTP2Prior:
		args = append(args, "--http2-prior-knowledge")
	}
	if req.PathAsIs && (pathAsIs || hasDotSegment(req.URL)) {
		args = append(args, "--path-as-is")
	}
	if req.Compressed {
		args = append(args, "--compressed")
	}
	if req.Timeout > 0 {
		args = append(args, "-m", strconv.FormatFloat(req.Timeout.Seconds(), 'f', -1, 64))
	}
	if req.ConnectTimeout > 0 {
		args = append(args, "--connect-timeout", strconv.FormatFloat(req.ConnectTimeout.Seconds(), 'f', -1, 64))
	}
	return args
}

// ParseHeaders reads header lines written as curl's -H values, one line a field: "Name: value"
// sends the field, "Name;" sends it with an empty value, and "Name:" with nothing after the
// colon sends none of the fields of that name that probe adds itself. It returns the header
// and the omitted names the way Parse lays them out for the same -H flags (see
// probe.Request.Header and Omit). Blank lines are skipped; an error names the line, counted
// from 1.
func ParseHeaders(lines []string) (header []probe.Field, omit []string, err error) {
	p := newParser(nil)
	for i, line := range lines {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if err := p.header("-H", line); err != nil {
			return nil, nil, lineSafe(fmt.Errorf("line %d: %w", i+1, err))
		}
	}
	header, omit = p.fields()
	return header, omit, nil
}

// HeaderLines writes the header and omitted names of req as lines that ParseHeaders reads
// back into the same layout: "Name:" for each omitted name that no field of req brings back
// (and for Host, which a field never puts back in its place), then each field, "Name;" for
// one with an empty value.
func HeaderLines(req probe.Request) []string {
	var lines []string
	for _, name := range req.Omit {
		if !hasField(req.Header, name) || probe.EqualFold(name, "Host") {
			lines = append(lines, name+":")
		}
	}
	for _, f := range req.Header {
		if f.Value == "" {
			lines = append(lines, f.Name+";")
			continue
		}
		lines = append(lines, f.Name+": "+f.Value)
	}
	return lines
}

// hasField reports whether h has a field named name.
func hasField(h []probe.Field, name string) bool {
	return slices.ContainsFunc(h, func(f probe.Field) bool { return probe.EqualFold(f.Name, name) })
}
