package theme

import "strings"

// MaskURL returns raw with the password of its user information ("http://user:pass@host/")
// replaced by MaskGlyphs, for presentation mode. Anything else, including text that is not a
// URL, is returned as it is.
func MaskURL(raw string) string {
	scheme := strings.Index(raw, "://")
	if scheme < 0 {
		return raw
	}
	rest := raw[scheme+3:]
	authority := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority = rest[:i]
	}
	at := strings.LastIndexByte(authority, '@')
	if at < 0 {
		return raw
	}
	colon := strings.IndexByte(authority[:at], ':')
	if colon < 0 || colon == at-1 {
		return raw
	}
	start := scheme + 3 + colon + 1
	return raw[:start] + MaskGlyphs + raw[scheme+3+at:]
}
