// Package theme holds the colors and glyphs every pane of the hsx terminal UI draws with.
//
// A Theme is a plain value built once from what is known about the terminal (dark or light
// background, presentation mode) and passed down to each component, which derives its own
// lipgloss styles from it. Colors are only half of every signal: each severity also has a text
// glyph, so a highlight survives NO_COLOR, a monochrome terminal and a washed-out projector.
package theme

import (
	"image/color"

	"charm.land/lipgloss/v2"

	"github.com/hsx-dev/hsx/probe/check"
)

// Theme is the palette and glyph set of one UI session.
type Theme struct {
	// Dark reports whether the terminal background is dark.
	Dark bool
	// Present reports presentation mode: higher contrast, more spacing.
	Present bool

	Fg, Muted, Subtle      color.Color // text, secondary text, faint rules and borders
	Accent                 color.Color // focus, selection, links
	Border, FocusBorder    color.Color // pane borders
	SelectionBg            color.Color // background of the selected list row
	Error, Warning, Info   color.Color // finding severities
	Ok                     color.Color // success (2xx, "no problems")
	Informational, Success color.Color // 1xx, 2xx status classes
	Redirect               color.Color // 3xx
	ClientError            color.Color // 4xx
	ServerError            color.Color // 5xx
}

// New returns the theme for a dark or light background, in normal or presentation mode.
func New(dark, present bool) Theme {
	ld := lipgloss.LightDark(dark)
	t := Theme{
		Dark:          dark,
		Present:       present,
		Fg:            ld(lipgloss.Color("#1f2328"), lipgloss.Color("#e6e6e6")),
		Muted:         ld(lipgloss.Color("#57606a"), lipgloss.Color("#9da5ae")),
		Subtle:        ld(lipgloss.Color("#8c959f"), lipgloss.Color("#5c6370")),
		Accent:        ld(lipgloss.Color("#0550ae"), lipgloss.Color("#79c0ff")),
		Border:        ld(lipgloss.Color("#afb8c1"), lipgloss.Color("#444c56")),
		FocusBorder:   ld(lipgloss.Color("#0969da"), lipgloss.Color("#58a6ff")),
		SelectionBg:   ld(lipgloss.Color("#ddf4ff"), lipgloss.Color("#1f3a5f")),
		Error:         ld(lipgloss.Color("#cf222e"), lipgloss.Color("#ff7b72")),
		Warning:       ld(lipgloss.Color("#9a6700"), lipgloss.Color("#e3b341")),
		Info:          ld(lipgloss.Color("#0550ae"), lipgloss.Color("#79c0ff")),
		Ok:            ld(lipgloss.Color("#1a7f37"), lipgloss.Color("#56d364")),
		Informational: ld(lipgloss.Color("#57606a"), lipgloss.Color("#9da5ae")),
		Success:       ld(lipgloss.Color("#1a7f37"), lipgloss.Color("#56d364")),
		Redirect:      ld(lipgloss.Color("#0550ae"), lipgloss.Color("#79c0ff")),
		ClientError:   ld(lipgloss.Color("#9a6700"), lipgloss.Color("#e3b341")),
		ServerError:   ld(lipgloss.Color("#cf222e"), lipgloss.Color("#ff7b72")),
	}
	if present {
		// On a projector mid-tones wash out: push text and severities to full contrast.
		t.Fg = ld(lipgloss.Color("#000000"), lipgloss.Color("#ffffff"))
		t.Muted = ld(lipgloss.Color("#24292f"), lipgloss.Color("#d0d7de"))
		t.Border = ld(lipgloss.Color("#57606a"), lipgloss.Color("#8c959f"))
		t.Error = ld(lipgloss.Color("#a40e26"), lipgloss.Color("#ff5555"))
		t.Warning = ld(lipgloss.Color("#7d4e00"), lipgloss.Color("#ffd33d"))
	}
	return t
}

// Severity returns the color of a finding's severity.
func (t Theme) Severity(s check.Severity) color.Color {
	switch s {
	case check.Error:
		return t.Error
	case check.Warning:
		return t.Warning
	default:
		return t.Info
	}
}

// Class returns the color of a status code's class (1xx … 5xx); Muted for anything else.
func (t Theme) Class(code int) color.Color {
	switch code / 100 {
	case 1:
		return t.Informational
	case 2:
		return t.Success
	case 3:
		return t.Redirect
	case 4:
		return t.ClientError
	case 5:
		return t.ServerError
	}
	return t.Muted
}

// Glyph returns the text mark of a severity, one cell wide, so it survives the loss of color.
func Glyph(s check.Severity) string { return s.Glyph() }
