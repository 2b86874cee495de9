package mdterm

import (
	"strconv"
	"strings"
)

// style is how the renderer shows a run of text: a 256-colour foreground (or the terminal's
// own, when fg is noColor) and attributes.
type style struct {
	fg                      int16
	bold, italic, underline bool
}

// noColor leaves the foreground to the terminal.
const noColor = -1

// none is text as the terminal shows it by default.
var none = style{fg: noColor}

// sgr returns the escape sequence that switches the terminal to s, or "" when s is none.
func (s style) sgr() string {
	var p []string
	if s.bold {
		p = append(p, "1")
	}
	if s.italic {
		p = append(p, "3")
	}
	if s.underline {
		p = append(p, "4")
	}
	if s.fg != noColor {
		p = append(p, "38;5;"+strconv.Itoa(int(s.fg)))
	}
	if len(p) == 0 {
		return ""
	}
	return "\x1b[" + strings.Join(p, ";") + "m"
}

// role is a kind of text the renderer shows in its own way. Roles, not colours, are what the
// renderer deals in, so that a dark and a light terminal can each get colours that read well.
type role uint8

const (
	roleHeading role = iota
	roleCode         // a code span in prose
	roleLink
	roleMarker // list bullets and numbers, table rules, wrapped-code marks
	roleCodeText
	roleKeyword
	roleString
	roleComment
	roleNumber
	roleName  // a header field name, a JSON member name
	roleStart // the first line of an HTTP message
	numRoles
)

// palette gives each role its style.
type palette [numRoles]style

// newPalette returns the colours for a dark or a light background.
func newPalette(dark bool) *palette {
	pick := func(d, l int16) int16 {
		if dark {
			return d
		}
		return l
	}
	return &palette{
		roleHeading:  {fg: pick(75, 25), bold: true},
		roleCode:     {fg: pick(216, 130)},
		roleLink:     {fg: pick(75, 25), underline: true},
		roleMarker:   {fg: pick(244, 245)},
		roleCodeText: {fg: pick(252, 236)},
		roleKeyword:  {fg: pick(141, 91)},
		roleString:   {fg: pick(114, 28)},
		roleComment:  {fg: pick(245, 244), italic: true},
		roleNumber:   {fg: pick(216, 130)},
		roleName:     {fg: pick(117, 31)},
		roleStart:    {fg: pick(252, 236), bold: true},
	}
}
