package results

import (
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/ui/search"
	"github.com/hsx-dev/hsx/ui/theme"
)

// kind is the style of one span of a pre-formatted row. Rows are built once per result and
// styled while they are drawn, so that a row costs a few string concatenations in View.
type kind uint8

// The span styles.
const (
	kPlain    kind = iota
	kMuted         // secondary text
	kSubtle        // faint text: gutters, rules
	kName          // a header field name
	kEscape        // a control byte shown as a visible escape
	kEnding        // a correct line ending glyph
	kEndingLF      // a bare LF where CRLF belongs
	kEndingCR      // a bare CR
	kLabel         // a separator label inside a view
	kAccent        // focus and selection
	kOk            // "no problems"
	kErr           // a line marked by an error finding
	kWarn          // a line marked by a warning finding
	kInfo          // a line marked by an info finding
	kHiErr         // bytes marked by an error finding
	kHiWarn        // bytes marked by a warning finding
	kHiInfo        // bytes marked by an info finding
	kKey           // syntax: JSON object key, XML/HTML attribute name
	kString        // syntax: string literal, attribute value
	kNumber        // syntax: number
	kLiteral       // syntax: true, false, null
	kPunct         // syntax: punctuation
	kTag           // syntax: tag name
	kComment       // syntax: comment, doctype, processing instruction
	kMatch         // a match of the search, in reverse video so it shows without colour
	kMatchCur      // the current match of the search
	numKinds
)

// lineKind is the style of a whole line marked by a finding of severity s.
func lineKind(s check.Severity) kind { return kInfo - kind(min(s, check.Error)) }

// byteKind is the style of bytes marked by a finding of severity s.
func byteKind(s check.Severity) kind { return kHiInfo - kind(min(s, check.Error)) }

// styles holds everything the results pane draws with, derived once from a theme.
type styles struct {
	// sgr is the SGR sequence that starts each span kind; empty for unstyled text.
	sgr [numKinds]string

	status, statusCode lipgloss.Style
	muted, subtle      lipgloss.Style
	tabActive, tab     lipgloss.Style
	selected           lipgloss.Style
	errLine            lipgloss.Style
	sev                [3]lipgloss.Style // by check.Severity
	ok                 lipgloss.Style
	spinner            lipgloss.Style
}

func newStyles(th theme.Theme) styles {
	var s styles
	fg := func(c ansi.Color) ansi.Style { return ansi.Style{}.ForegroundColor(c) }
	s.sgr[kMuted] = fg(th.Muted).String()
	s.sgr[kSubtle] = fg(th.Subtle).String()
	s.sgr[kName] = fg(th.Accent).String()
	s.sgr[kEscape] = fg(th.Warning).Italic(true).String()
	s.sgr[kEnding] = fg(th.Subtle).String()
	s.sgr[kEndingLF] = fg(th.Warning).Bold().String()
	s.sgr[kEndingCR] = fg(th.Error).Bold().String()
	s.sgr[kLabel] = fg(th.Muted).Bold().String()
	s.sgr[kAccent] = fg(th.Accent).Bold().String()
	s.sgr[kOk] = fg(th.Ok).Bold().String()
	s.sgr[kErr] = fg(th.Error).Bold().String()
	s.sgr[kWarn] = fg(th.Warning).Bold().String()
	s.sgr[kInfo] = fg(th.Info).String()
	s.sgr[kHiErr] = fg(th.Error).Reverse(true).Bold().String()
	s.sgr[kHiWarn] = fg(th.Warning).Reverse(true).String()
	s.sgr[kHiInfo] = fg(th.Info).Underline(true).String()
	s.sgr[kKey] = fg(th.Accent).String()
	s.sgr[kString] = fg(th.Ok).String()
	s.sgr[kNumber] = fg(th.Warning).String()
	s.sgr[kLiteral] = fg(th.Redirect).Bold().String()
	s.sgr[kPunct] = fg(th.Muted).String()
	s.sgr[kTag] = fg(th.Accent).Bold().String()
	s.sgr[kComment] = fg(th.Subtle).Italic(true).String()
	find := search.NewStyles(th)
	s.sgr[kMatch] = find.Match.String()
	s.sgr[kMatchCur] = find.Current.String()

	s.status = lipgloss.NewStyle().Foreground(th.Fg)
	s.statusCode = lipgloss.NewStyle().Bold(true)
	s.muted = lipgloss.NewStyle().Foreground(th.Muted)
	s.subtle = lipgloss.NewStyle().Foreground(th.Subtle)
	s.tabActive = lipgloss.NewStyle().Foreground(th.Accent).Bold(true)
	s.tab = lipgloss.NewStyle().Foreground(th.Muted)
	s.selected = lipgloss.NewStyle().Background(th.SelectionBg).Foreground(th.Fg)
	s.errLine = lipgloss.NewStyle().Foreground(th.Error).Bold(true)
	s.sev[check.Info] = lipgloss.NewStyle().Foreground(th.Info)
	s.sev[check.Warning] = lipgloss.NewStyle().Foreground(th.Warning).Bold(true)
	s.sev[check.Error] = lipgloss.NewStyle().Foreground(th.Error).Bold(true)
	s.ok = lipgloss.NewStyle().Foreground(th.Ok).Bold(true)
	s.spinner = lipgloss.NewStyle().Foreground(th.Accent)
	return s
}

// sevStyle returns the lipgloss style of a severity.
func (s *styles) sevStyle(sev check.Severity) lipgloss.Style { return s.sev[min(sev, check.Error)] }
