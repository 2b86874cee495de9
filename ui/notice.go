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

// notice is a transient message shown at the right of the hint bar.
type notice struct {
	text  string
	level noticeLevel
	seq   int
}

// noticeExpiredMsg clears notice seq, unless a newer one replaced it.
type noticeExpiredMsg struct{ seq int }

func (n *notice) expire(msg noticeExpiredMsg) {
	if msg.seq == n.seq {
		n.text = ""
	}
}

// flash shows text in the hint bar for a few seconds. The text may quote what was typed or
// pasted (an invalid URL), so it is made safe for the terminal.
func (m *Model) flash(text string, level noticeLevel) tea.Cmd {
	m.notice.seq++
	m.notice.text, m.notice.level = termsafe.String(text, termsafe.Line), level
	seq := m.notice.seq
	return tea.Tick(noticeFor, func(time.Time) tea.Msg { return noticeExpiredMsg{seq: seq} })
}

// badge is the last key pressed, shown in a corner in presentation mode so that an audience can
// follow along.
type badge struct {
	text string
	seq  int
}

// badgeExpiredMsg clears badge seq, unless a newer key replaced it.
type badgeExpiredMsg struct{ seq int }

func (b *badge) expire(msg badgeExpiredMsg) {
	if msg.seq == b.seq {
		b.text = ""
	}
}

// press shows the key of msg when presenting. Printable characters without a modifier are not
// shown: they appear where they are typed.
func (b *badge) press(present bool, msg tea.KeyPressMsg) tea.Cmd {
	if !present || (msg.Text != "" && msg.Text != " " && msg.Mod&^tea.ModShift == 0) {
		return nil
	}
	b.seq++
	b.text = termsafe.String(msg.String(), termsafe.Line)
	seq := b.seq
	return tea.Tick(badgeFor, func(time.Time) tea.Msg { return badgeExpiredMsg{seq: seq} })
}
