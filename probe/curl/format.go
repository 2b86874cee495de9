package curl

import (
	"encoding/base64"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hsx-dev/hsx/probe"
)

// Format writes req as a one-line curl command. Every argument is quoted for a POSIX shell
// (bash, zsh), so a shell passes curl exactly these bytes, and ParseCommand reads the command
// back into the same request: method, URL, header fields in order, body, and the request
// options (see OptionFlags). Values with control bytes or invalid UTF-8 are written as $'…' strings.
//
// The body is written with --data-raw, which sends it as-is, except that with
// Transfer-Encoding: chunked curl frames the data itself: a body framed the way curl frames
// it is written unframed, and any other body cannot be sent by curl byte for byte. A body that holds a NUL byte reads
// back correctly with ParseCommand, but no shell can pass a NUL inside an argument.
func Format(req probe.Request) string {
	method := req.Method
	if method == "" {
		method = "GET"
	}
	args := []string{"curl"}
	switch {
	case method == "HEAD" && req.Body == nil:
		args = append(args, "-I")
	case method == "GET" && req.Body == nil, method == "POST" && req.Body != nil:
	default:
		args = append(args, "-X", Quote(method))
	}
	if strings.HasPrefix(req.URL, "-") {
		args = append(args, "--url")
	}
	args = append(args, Quote(req.URL))
	args = append(args, headerArgs(req)...)
	if req.Body != nil {
		body := req.Body
		if data, ok := unchunk(body); ok && chunkedField(req.Header) {
			body = data // curl frames it again
		}
		args = append(args, "--data-raw", Quote(string(body)))
	}
	if hasGlob(req.URL) {
		args = append(args, "-g")
	}
	args = append(args, optionArgs(req, false)...)
	args = append(args, reachArgs(req)...)
	return strings.Join(args, " ")
}

// headerArgs writes the header of req as curl flags that lay it out the same way: -H for a
// field, -H 'Name;' for an empty one and -H 'Name:' for an omitted one; -A and -u for a
// User-Agent and a Basic Authorization in probe's own places, where curl puts those flags'
// fields; nothing for the form Content-Type curl adds to data itself.
func headerArgs(req probe.Request) []string {
	omitted := func(name string) bool {
		return slices.ContainsFunc(req.Omit, func(n string) bool { return probe.EqualFold(n, name) })
	}
	has := func(name string) bool {
		return slices.ContainsFunc(req.Header, func(f probe.Field) bool { return probe.EqualFold(f.Name, name) })
	}
	var args []string
	for _, name := range req.Omit {
		// A -H field of an omitted name omits it again when read back, but for Host, which
		// curl puts in its own place.
		if !has(name) || probe.EqualFold(name, "Host") {
			args = append(args, "-H", Quote(name+":"))
		}
	}
	if req.Body != nil && !has("Content-Type") && !omitted("Content-Type") {
		// Keep curl (and Parse) from adding a form Content-Type the request did not have.
		args = append(args, "-H", Quote("Content-Type:"))
	}
	for _, f := range req.Header {
		inPlace := !omitted(f.Name)
		switch {
		case inPlace && f.Value != "" && probe.EqualFold(f.Name, "User-Agent"):
			args = append(args, "-A", Quote(f.Value))
		case inPlace && probe.EqualFold(f.Name, "Authorization") && basicUser(f.Value) != "":
			args = append(args, "-u", Quote(basicUser(f.Value)))
		case inPlace && probe.EqualFold(f.Name, "Content-Type") && f.Value == formType && req.Body != nil:
		case f.Value == "":
			args = append(args, "-H", Quote(f.Name+";"))
		default:
			args = append(args, "-H", Quote(f.Name+": "+f.Value))
		}
	}
	return args
}

// formType is the Content-Type curl gives the data of -d.
const formType = "application/x-www-form-urlencoded"

// basicUser returns the "user:password" of a Basic Authorization value, or "" when v is not one
// that -u writes.
func basicUser(v string) string {
	scheme, token, ok := strings.Cut(v, " ")
	if !ok || scheme != "Basic" {
		return ""
	}
	b, err := base64.StdEncoding.DecodeString(token)
	// Any bytes will do, since Quote writes those that are not printable text as a $'…' string,
	// which ParseCommand reads back byte for byte.
	if err != nil || !strings.Contains(string(b), ":") || base64.StdEncoding.EncodeToString(b) != token {
		return ""
	}
	return string(b)
}

// Quote returns s as one shell word: unchanged when it holds only characters no shell treats
// specially, in single quotes when it is printable text, and as a $'…' string otherwise.
func Quote(s string) string {
	if s == "" {
		return "''"
	}
	plain, printable := true, utf8.ValidString(s)
	for _, r := range s {
		if !isPlain(r) {
			plain = false
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			printable = false
		}
	}
	switch {
	case plain && s[0] != '=': // zsh expands a word that starts with "="
		return s
	case printable:
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	var b strings.Builder
	b.WriteString("$'")
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\\' || r == '\'':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == utf8.RuneError && size == 1, r < 0x20, r == 0x7f:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(s[i])|0x100, 16)[1:])
		case r >= 0x80 && r < 0xa0:
			// A C1 control as its UTF-8 bytes, so that no terminal reads it.
			for _, c := range []byte(s[i : i+size]) {
				b.WriteString(`\x`)
				b.WriteString(strconv.FormatUint(uint64(c)|0x100, 16)[1:])
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('\'')
	return b.String()
}

// isPlain reports whether r needs no quoting in any shell word position.
func isPlain(r rune) bool {
	return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9') ||
		strings.ContainsRune("-_./:,+@%=", r)
}
