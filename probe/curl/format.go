package curl

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hsx-dev/hsx/probe"
)

// Format writes req as a one-line curl command. Every argument is quoted for a POSIX shell
// (bash, zsh), so a shell passes curl exactly these bytes, and ParseCommand reads the command
// back into the same request: method, URL, header fields in order, body, -k, -L, --compressed
// and the timeout. Values with control bytes or invalid UTF-8 are written as $'…' strings.
//
// The body is written with --data-raw, which sends it as-is. A body that holds a NUL byte reads
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
	ctype := false
	for _, f := range req.Header {
		if strings.EqualFold(f.Name, "Content-Type") {
			ctype = true
		}
		if f.Value == "" {
			args = append(args, "-H", Quote(f.Name+";"))
			continue
		}
		args = append(args, "-H", Quote(f.Name+": "+f.Value))
	}
	if req.Body != nil {
		if !ctype {
			// Keep curl (and Parse) from adding a form Content-Type the request did not have.
			args = append(args, "-H", Quote("Content-Type:"))
		}
		args = append(args, "--data-raw", Quote(string(req.Body)))
	}
	if req.Insecure {
		args = append(args, "-k")
	}
	if req.FollowRedirects {
		args = append(args, "-L")
	}
	if req.HTTP10 {
		args = append(args, "-0")
	}
	if req.Compressed {
		args = append(args, "--compressed")
	}
	if req.Timeout > 0 {
		args = append(args, "-m", strconv.FormatFloat(req.Timeout.Seconds(), 'f', -1, 64))
	}
	return strings.Join(args, " ")
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
