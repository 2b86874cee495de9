package curl

import (
	"fmt"
	"net/url"
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
	// suppressed names header fields given as "Name:" that this package must not add itself.
	suppressed map[string]bool
}

func newParser(extra []Flag) *parser {
	return &parser{extra: extra, specs: specs(), suppressed: map[string]bool{}}
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
		if name == "json" {
			return p.value("--json", inline, hasInline, next, (*parser).jsonData)
		}
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
	p.cmd.Flags = append(p.cmd.Flags, flag)
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

// addHeader appends a header field.
func (p *parser) addHeader(name, value string) {
	p.cmd.Request.Header = append(p.cmd.Request.Header, probe.Field{Name: name, Value: value, Line: -1})
}

// setHeader replaces every field named name with one field, or appends it.
func (p *parser) setHeader(name, value string) {
	p.removeHeader(name)
	p.addHeader(name, value)
}

// removeHeader drops every field named name given so far and keeps this package from adding
// a field of that name itself.
func (p *parser) removeHeader(name string) {
	h := p.cmd.Request.Header[:0]
	for _, f := range p.cmd.Request.Header {
		if !strings.EqualFold(f.Name, name) {
			h = append(h, f)
		}
	}
	p.cmd.Request.Header = h
	p.suppressed[strings.ToLower(name)] = true
}

// hasHeader reports whether a field named name was given or suppressed.
func (p *parser) hasHeader(name string) bool {
	if p.suppressed[strings.ToLower(name)] {
		return true
	}
	for _, f := range p.cmd.Request.Header {
		if strings.EqualFold(f.Name, name) {
			return true
		}
	}
	return false
}

// finish checks the URL, chooses the method and places the body.
func (p *parser) finish() (*Command, error) {
	req := &p.cmd.Request
	switch len(p.urls) {
	case 0:
	case 1:
		u, err := normalizeURL(p.urls[0])
		if err != nil {
			return nil, err
		}
		req.URL = u
	default:
		return nil, fmt.Errorf("more than one URL: %q and %q", p.urls[0], p.urls[1])
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
		ctype := "application/x-www-form-urlencoded"
		if p.json {
			ctype = "application/json"
			if !p.hasHeader("Accept") {
				p.addHeader("Accept", "application/json")
			}
		}
		if !p.hasHeader("Content-Type") {
			p.addHeader("Content-Type", ctype)
		}
	}
	if req.URL != "" {
		if _, err := url.Parse(req.URL); err != nil {
			return nil, fmt.Errorf("invalid URL %q: %v", req.URL, unwrapURLError(err))
		}
	}
	return &p.cmd, nil
}
