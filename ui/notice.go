package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/probe/termsafe"
)

// How long transient messages stay on screen.
const (
	noticeFor = 4 * time.Second
	badgeFor  = 1500 * time.Millisecond
)

// noticeLevel is how a notice is colored.
type noticeLevel uint8

const (
	noticeInfo noticeLevel = iota
	noticeError
)

// transient is text shown for a while. Each show outdates the tick of the one before, so that
// an older tick does not clear newer text.
type transient struct {
	text string
	seq  int
}

// show sets text and returns the tick that clears it after d, as an expired message made by
// msg from the show's sequence number.
func (t *transient) show(text string, d time.Duration, msg func(seq int) tea.Msg) tea.Cmd {
	t.seq++
	t.text = termsafe.String(text, termsafe.Line)
	seq := t.seq
	return tea.Tick(d, func(time.Time) tea.Msg { return msg(seq) })
}

// expire clears the text shown by show number seq, unless a newer show replaced it.
func (t *transient) expire(seq int) {
	if seq == t.seq {
		t.text = ""
	}
}

// notice is a transient message shown at the right of the hint bar.
type notice struct {
	transient
	level noticeLevel
}

// noticeExpiredMsg clears notice seq, unless a newer one replaced it.
type noticeExpiredMsg struct{ seq int }

// flash shows text in the hint bar for a few seconds. The text may quote what was typed or
// pasted (an invalid URL); show makes it safe for the terminal.
func (m *Model) flash(text string, level noticeLevel) tea.Cmd {
	m.notice.level = level
	return m.notice.show(text, noticeFor, func(seq int) tea.Msg { return noticeExpiredMsg{seq: seq} })
}

// badge is the last key pressed, shown in a corner in presentation mode so that an audience can
// follow along.
type badge struct{ transient }

// badgeExpiredMsg clears badge seq, unless a newer key replaced it.
type badgeExpiredMsg struct{ seq int }

// press shows the key of msg when presenting. Printable characters without a modifier are not
// shown: they appear where they are typed.
func (b *badge) press(present bool, msg tea.KeyPressMsg) tea.Cmd {
	if !present || (msg.Text != "" && msg.Text != " " && msg.Mod&^tea.ModShift == 0) {
		return nil
	}
	return b.show(msg.String(), badgeFor, func(seq int) tea.Msg { return badgeExpiredMsg{seq: seq} })
}
