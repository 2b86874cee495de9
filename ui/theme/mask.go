package theme

import "strings"

// MaskGlyphs is what a masked secret value is shown as.
const MaskGlyphs = "••••••"

// Secret reports whether a header field with this name usually carries a secret that
// presentation mode hides: credentials, cookies, API keys, and any name that mentions a token
// or a secret.
func Secret(name string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	switch n {
	case "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key":
		return true
	}
	return strings.Contains(n, "token") || strings.Contains(n, "secret")
}

// MaskValue returns how the value of a secret field is shown when masking is on. An
// authentication scheme in front of the credentials ("Bearer", "Basic") stays visible, because
// it teaches something and gives nothing away.
func MaskValue(value string) string {
	v := strings.TrimSpace(value)
	if v == "" {
		return ""
	}
	if i := strings.IndexByte(v, ' '); i > 0 && isScheme(v[:i]) {
		return v[:i] + " " + MaskGlyphs
	}
	return MaskGlyphs
}

// isScheme reports whether s looks like an authentication scheme name.
func isScheme(s string) bool {
	switch strings.ToLower(s) {
	case "basic", "bearer", "digest", "negotiate", "token", "hoba", "mutual", "aws4-hmac-sha256":
		return true
	}
	return false
}
