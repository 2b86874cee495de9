package curl

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hsx-dev/hsx/probe"
)

// parser holds the state of one Parse call.
type parser struct {
	extra []Flag
	specs []spec
	cmd   Command

	urls           []string
	explicitMethod string
	get, head      bool
	// body is the data of the -d family joined by "&" (or concatenated for --json); hasBody
	// tells an empty body from none.
	body    []byte
	hasBody bool
	json    bool
	// custom are the fields of -H, in order; own are the fields curl adds for a flag (-A, -e,
	// -b, -u), which a -H of the same name overrides.
	custom []customField
	own    []probe.Field
	// globoff is -g: the URL is sent as it is, brackets and braces included.
	globoff bool
	// autoReferer is -e …;auto, which hsx honours only without -L.
	autoReferer bool
}

// customField is one -H: a field to send, or with remove set ("Name:"), a name whose fields
// curl and probe add themselves are not sent.
type customField struct {
	probe.Field
	remove bool
}

func newParser(extra []Flag) *parser {
	return &parser{extra: extra, specs: specs()}
}

// parse walks args: flags, their values and the URL.
func (p *parser) parse(args []string) error {
	for i := 0; i < len(args); i++ {
		a := args[i]
		next := func() (string, bool) {
			if i+1 < len(args) {
				i++
				return args[i], true
			}
			return "", false
		}
		switch {
		case a == "--":
			p.urls = append(p.urls, args[i+1:]...)
			return nil
		case strings.HasPrefix(a, "--"):
			if err := p.long(a, next); err != nil {
				return err
			}
		case len(a) > 1 && a[0] == '-':
			if err := p.shorts(a, next); err != nil {
				return err
			}
		default:
			p.urls = append(p.urls, a)
		}
	}
	return nil
}

// long handles one "--name", "--name value" or "--name=value" argument.
func (p *parser) long(a string, next func() (string, bool)) error {
	name, inline, hasInline := strings.Cut(a[2:], "=")
	if f, ok := p.extraLong(name); ok {
		return p.runExtra(f, "--"+name, inline, hasInline, next)
	}
	s, ok := p.specLong(name)
	if !ok {
		return fmt.Errorf("unknown flag --%s", name)
	}
	if !s.value {
		if hasInline {
			return fmt.Errorf("flag --%s takes no value", name)
		}
		return p.apply(s, "--"+name, "")
	}
	return p.value("--"+name, inline, hasInline, next, func(p *parser, flag, v string) error { return p.apply(s, flag, v) })
}

// shorts handles a group of one-letter flags such as "-sSL", "-XPOST" or "-sX POST".
func (p *parser) shorts(a string, next func() (string, bool)) error {
	for j := 1; j < len(a); j++ {
		c := a[j]
		flag := "-" + string(c)
		rest := a[j+1:]
		if f, ok := p.extraShort(c); ok {
			return p.runExtraShort(f, flag, rest, next)
		}
		s, ok := p.specShort(c)
		if !ok {
			if c >= utf8.RuneSelf {
				flag = a // a non-ASCII letter: name the whole word rather than one of its bytes
			}
			return fmt.Errorf("unknown flag %s", flag)
		}
		if !s.value {
			if err := p.apply(s, flag, ""); err != nil {
				return err
			}
			continue
		}
		return p.value(flag, rest, rest != "", next, func(p *parser, flag, v string) error { return p.apply(s, flag, v) })
	}
	return nil
}

// runExtraShort runs a caller's one-letter flag inside a group, then the rest of the group.
// A flag that takes a value takes the rest of the group as its value, if there is a rest.
func (p *parser) runExtraShort(f Flag, flag, rest string, next func() (string, bool)) error {
	if f.Value {
		return p.runExtra(f, flag, rest, rest != "", next)
	}
	if err := setExtra(f, flag, ""); err != nil {
		return err
	}
	if rest != "" {
		return p.shorts("-"+rest, next)
	}
	return nil
}

// value gets a flag's value (inline or the next argument) and hands it to apply.
func (p *parser) value(flag, inline string, hasInline bool, next func() (string, bool), apply func(p *parser, flag, v string) error) error {
	v := inline
	if !hasInline {
		var ok bool
		if v, ok = next(); !ok {
			return fmt.Errorf("flag %s needs a value", flag)
		}
	}
	return apply(p, flag, v)
}

// runExtra runs one of the caller's flags.
func (p *parser) runExtra(f Flag, flag, inline string, hasInline bool, next func() (string, bool)) error {
	switch {
	case f.Value:
		return p.value(flag, inline, hasInline, next, func(_ *parser, flag, v string) error { return setExtra(f, flag, v) })
	case hasInline:
		return fmt.Errorf("flag %s takes no value", flag)
	}
	return setExtra(f, flag, "")
}

// setExtra calls the Set of one of the caller's flags, prefixing its error with the flag.
func setExtra(f Flag, flag, v string) error {
	if err := f.Set(v); err != nil {
		return fmt.Errorf("%s: %w", flag, err)
	}
	return nil
}

// apply records a request flag, or notes an ignored one.
func (p *parser) apply(s spec, flag, v string) error {
	if s.apply == nil {
		p.cmd.Ignored = append(p.cmd.Ignored, flag)
		return nil
	}
	p.cmd.Flags = append(p.cmd.Flags, flag)
	return s.apply(p, flag, v)
}

func (p *parser) extraLong(name string) (Flag, bool) {
	for _, f := range p.extra {
		if f.Name != "" && f.Name == name {
			return f, true
		}
	}
	return Flag{}, false
}

func (p *parser) extraShort(c byte) (Flag, bool) {
	for _, f := range p.extra {
		if f.Short != 0 && f.Short == c {
			return f, true
		}
	}
	return Flag{}, false
}

func (p *parser) specLong(name string) (spec, bool) {
	for _, s := range p.specs {
		if s.long == name {
			return s, true
		}
	}
	return spec{}, false
}

func (p *parser) specShort(c byte) (spec, bool) {
	for _, s := range p.specs {
		if s.short != 0 && s.short == c {
			return s, true
		}
	}
	return spec{}, false
}

// jsonData handles curl's --json: the data is sent as-is ("@file" read byte for byte), pieces
// are concatenated, and Content-Type and Accept default to application/json.
func (p *parser) jsonData(flag, v string) error {
	b, err := p.dataValue(flag, v, false)
	if err != nil {
		return err
	}
	p.json = true
	p.body = append(p.body, b...)
	p.hasBody = true
	return nil
}

// addData appends one piece of -d data, joined to earlier pieces with "&" as curl does.
func (p *parser) addData(b []byte) {
	if p.hasBody {
		p.body = append(p.body, '&')
	}
	p.body = append(p.body, b...)
	p.hasBody = true
}

// addHeader appends a field given with -H; an empty value is sent as "Name:".
func (p *parser) addHeader(name, value string) {
	p.custom = append(p.custom, customField{Field: probe.Field{Name: name, Value: value, Line: -1}})
}

// removeHeader handles -H 'Name:': the fields of that name that curl or probe would add are not
// sent. Fields given with -H are sent all the same, as curl does.
func (p *parser) removeHeader(name string) {
	p.custom = append(p.custom, customField{Field: probe.Field{Name: name, Line: -1}, remove: true})
}

// setHeader sets a field that curl adds for one of its flags (-A, -e, -b, -u), replacing an
// earlier value. Any -H of the same name overrides it; an empty value sends no such field.
func (p *parser) setHeader(name, value string) {
	p.own = slices.DeleteFunc(p.own, func(f probe.Field) bool { return probe.EqualFold(f.Name, name) })
	p.own = append(p.own, probe.Field{Name: name, Value: value, Line: -1})
}

// hasHeader reports whether a -H named name was given, to send or to remove.
func (p *parser) hasHeader(name string) bool {
	return slices.ContainsFunc(p.custom, func(f customField) bool { return probe.EqualFold(f.Name, name) })
}

// fields lays out the header of the request the way curl does (see probe.Request.Header):
// the fields of -A, -u, -e and -b unless a -H names them, then the fields of -H in order, then
// those of --json and the Content-Type of -d. A -H field named like one of probe's own fields
// other than Host is sent where it stands, and Omit says so.
func (p *parser) fields() (header []probe.Field, omit []string) {
	omitted := map[string]bool{}
	own := slices.Clone(p.own)
	slices.SortStableFunc(own, func(a, b probe.Field) int { return ownRank(a.Name) - ownRank(b.Name) })
	for _, f := range own {
		switch {
		case p.hasHeader(f.Name):
		case f.Value == "":
			omitted[canonical(f.Name)] = true
		default:
			header = append(header, f)
		}
	}
	host := false
	for _, f := range p.custom {
		isHost := probe.EqualFold(f.Name, "Host")
		if f.remove || !isHost {
			omitted[canonical(f.Name)] = true
		}
		switch {
		case f.remove:
		case isHost && host: // curl sends the first Host given with -H only
		default:
			header = append(header, f.Field)
			host = host || isHost
		}
	}
	switch {
	case p.json: // even when -G moved the data to the query, as curl does
		for _, name := range [...]string{"Content-Type", "Accept"} {
			if !p.hasHeader(name) {
				header = append(header, probe.Field{Name: name, Value: "application/json", Line: -1})
				omitted[name] = true
			}
		}
	case p.hasBody && !p.hasHeader("Content-Type"):
		header = append(header, probe.Field{Name: "Content-Type", Value: "application/x-www-form-urlencoded", Line: -1})
	}
	for _, name := range probe.OwnFields() {
		if omitted[name] {
			omit = append(omit, name)
		}
	}
	return header, omit
}

// ownRank is the place of a field curl adds for a flag. probe's own fields come first (probe
// moves them to their places anyway); then, in curl's order, Referer and Cookie, all before
// the fields given with -H.
func ownRank(name string) int {
	order := append(probe.OwnFields(), "Referer", "Cookie")
	for i, n := range order {
		if probe.EqualFold(n, name) {
			return i
		}
	}
	return len(order)
}

// canonical returns the spelling probe.OwnFields uses for name, or name itself.
func canonical(name string) string {
	for _, n := range probe.OwnFields() {
		if probe.EqualFold(n, name) {
			return n
		}
	}
	return name
}

// finish checks the URL, chooses the method and places the body.
func (p *parser) finish() (*Command, error) {
	req := &p.cmd.Request
	switch len(p.urls) {
	case 0:
	case 1:
		u, err := normalizeURL(p.urls[0])
		if err == nil && !p.globoff {
			u, err = unglob(u)
		}
		if err != nil {
			return nil, err
		}
		req.URL = u
	default:
		return nil, fmt.Errorf("more than one URL: %q and %q", p.urls[0], p.urls[1])
	}
	if p.autoReferer && req.FollowRedirects {
		return nil, fmt.Errorf("-e ;auto with -L is not supported: hsx does not set Referer on redirects")
	}
	if p.head && p.hasBody {
		return nil, fmt.Errorf("-I (HEAD) and data flags cannot be used together")
	}
	if p.get && p.hasBody {
		if req.URL != "" {
			sep := "?"
			if strings.Contains(req.URL, "?") {
				sep = "&"
			}
			req.URL += sep + string(p.body)
		}
		p.hasBody, p.body = false, nil
	}
	switch {
	case p.explicitMethod != "":
		req.Method = p.explicitMethod
	case p.head:
		req.Method = "HEAD"
	case p.hasBody:
		req.Method = "POST"
	default:
		req.Method = "GET"
	}
	if p.hasBody {
		req.Body = p.body
		if req.Body == nil {
			req.Body = []byte{}
		}
	}
	req.Header, req.Omit = p.fields()
	if req.Body != nil && chunkedField(req.Header) {
		// curl frames the data itself when -H asks for chunked.
		req.Body = chunk(req.Body)
	}
	if req.URL != "" {
		if _, err := url.Parse(req.URL); err != nil {
			return nil, fmt.Errorf("invalid URL %q: %v", req.URL, unwrapURLError(err))
		}
	}
	return &p.cmd, nil
}
