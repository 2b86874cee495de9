package curl

import (
	"fmt"
	"strings"
)

// globChars are the bytes curl reads as a URL pattern unless -g is given: "[1-3]" and "{a,b}"
// make it send one request per match.
const globChars = "[]{}"

// afterAuthority returns the index in raw where the path begins, past the scheme and the
// authority (whose brackets are an IPv6 literal, not a pattern).
func afterAuthority(raw string) int {
	start := 0
	if i := strings.Index(raw, "://"); i >= 0 {
		start = i + 3
	}
	if j := strings.IndexAny(raw[start:], "/?#"); j >= 0 {
		return start + j
	}
	return len(raw)
}

// unglob reads raw the way curl does without -g: a backslash before a bracket or a brace makes
// it a plain character (browsers' "copy as cURL" writes them so), and a bracket or a brace
// without one is a pattern, which hsx refuses, since it sends one request.
func unglob(raw string) (string, error) {
	i := afterAuthority(raw)
	var b strings.Builder
	b.WriteString(raw[:i])
	for ; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '\\' && i+1 < len(raw) && strings.IndexByte(globChars, raw[i+1]) >= 0:
			i++
			b.WriteByte(raw[i])
		case strings.IndexByte(globChars, c) >= 0:
			return "", fmt.Errorf("URL %q has %q at byte %d: curl reads [ ] and { } as a pattern for several requests, hsx sends one (add -g to send them as they are, or write \\%c)",
				raw, c, i, c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// hasGlob reports whether curl would read part of raw as a pattern without -g.
func hasGlob(raw string) bool {
	return strings.ContainsAny(raw[afterAuthority(raw):], globChars)
}

// hasDotSegment reports whether the path of raw has a "." or ".." segment, which curl
// resolves unless --path-as-is is given.
func hasDotSegment(raw string) bool {
	path := raw[afterAuthority(raw):]
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	for seg := range strings.SplitSeq(path, "/") {
		if seg == "." || seg == ".." {
			return true
		}
	}
	return false
}
