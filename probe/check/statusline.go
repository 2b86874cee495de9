package check

import (
	"strings"

	"github.com/hsx-dev/hsx/probe"
)

// statusText returns the text of p's status line.
func (p part) statusText() (string, bool) {
	if len(p.r.Lines) == 0 {
		return "", false
	}
	return string(p.r.Lines[0].Text), true
}

// statusLineMalformed (F1): status-line = HTTP-version SP status-code SP [ reason-phrase ], where
// HTTP-version is the case-sensitive "HTTP/" and DIGIT "." DIGIT, and the code is three digits.
func statusLineMalformed(ex *probe.Exchange) []note {
	var out []note
	for _, p := range parts(ex) {
		text, ok := p.statusText()
		if !ok {
			continue
		}
		if why := statusLineProblem(text); why != "" {
			out = append(out, newNote(p.status(), "%sstatus line %s: %s", p.prefix(), q(text), why))
		}
	}
	return out
}

// statusLineProblem says what is wrong with a status line's version and code, or "".
func statusLineProblem(text string) string {
	proto, rest, found := strings.Cut(text, " ")
	switch {
	case !strings.HasPrefix(proto, "HTTP/") && strings.HasPrefix(strings.ToUpper(proto), "HTTP/"):
		return "the protocol name must be \"HTTP\" in upper case"
	case !strings.HasPrefix(proto, "HTTP/"):
		return "it does not start with \"HTTP/\""
	}
	if v := proto[len("HTTP/"):]; len(v) != 3 || !isDigits(v[:1]) || v[1] != '.' || !isDigits(v[2:]) {
		return "version " + q(v) + " is not DIGIT.DIGIT"
	}
	if !found {
		return "no status code"
	}
	code, _, _ := strings.Cut(rest, " ")
	switch {
	case code == "":
		return "more than one space before the status code"
	case len(code) != 3 || !isDigits(code):
		return "status code " + q(code) + " is not three digits"
	}
	return ""
}

// spaceAfterStatusCode (F2): the space after the status code is sent even when the reason phrase is
// empty.
func spaceAfterStatusCode(ex *probe.Exchange) []note {
	var out []note
	for _, p := range parts(ex) {
		text, ok := p.statusText()
		if !ok || statusLineProblem(text) != "" {
			continue
		}
		if !p.r.Status.HasSpaceAfterCode {
			out = append(out, newNote(p.status(), "%sstatus line %s has no space after the status code",
				p.prefix(), q(text)))
		}
	}
	return out
}

// statusCodeOutOfRange (F3): a status code outside 100..599 is not one a client can interpret;
// clients treat it as 5xx.
func statusCodeOutOfRange(ex *probe.Exchange) []note {
	c := ex.Response.Status.Code
	if c < 0 || (c >= 100 && c <= 599) {
		return nil
	}
	return []note{newNote(final(ex).status(), "status code %03d is outside 100–599", c)}
}

// reasonPhraseChars (F4): the reason phrase is made of HTAB, SP, VCHAR and obs-text only.
func reasonPhraseChars(ex *probe.Exchange) []note {
	var out []note
	for _, p := range parts(ex) {
		reason := p.r.Status.Reason
		for i := 0; i < len(reason); i++ {
			if c := reason[i]; c != '\t' && (c < 0x20 || c == 0x7f) {
				out = append(out, newNote(p.status(), "%sreason phrase %s contains %s",
					p.prefix(), q(reason), byteName(c)))
				break
			}
		}
	}
	return out
}
