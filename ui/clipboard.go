package ui

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	atclip "github.com/atotto/clipboard"
)

// clipboard is how the explorer copies text, in the order tried: the system's clipboard tool
// (xclip, xsel, wl-copy, pbcopy …) when one is installed and works; inside tmux, when tmux does
// not pass OSC 52 on, tmux's paste buffer; otherwise the terminal's clipboard through OSC 52,
// which the program cannot see arrive, so it is never reported as done.
type clipboard struct {
	// system writes to the system clipboard; nil when no tool was found.
	system func(text string) error
	// tmux reports that the explorer runs inside tmux ($TMUX is set).
	tmux bool
	// run runs a program with stdin and returns its standard output.
	run func(stdin, name string, args ...string) (string, error)
}

// systemClipboard returns the clipboard of the machine the explorer runs on. The clipboard
// package looks for its tools on the first copy, and a write with none found fails, so the
// copy falls through to tmux or OSC 52; nothing here runs until something is copied.
func systemClipboard() clipboard {
	return clipboard{tmux: os.Getenv("TMUX") != "", run: runTool, system: atclip.WriteAll}
}

// toolTimeout bounds each run of a clipboard tool.
const toolTimeout = 3 * time.Second

// runTool runs name with args, feeding it stdin, within toolTimeout.
func runTool(stdin, name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), toolTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.Output()
	return string(out), err
}

// clipVia is where copied text went.
type clipVia uint8

const (
	viaSystem     clipVia = iota // the system clipboard, through its tool
	viaTmuxBuffer                // tmux's paste buffer, since tmux passes no OSC 52 on
	viaTmuxOSC52                 // OSC 52, which tmux takes and passes on
	viaOSC52                     // OSC 52 to the terminal
)

// copy puts text where it can, in the order of the type's comment, and says where.
func (c clipboard) copy(text string) clipVia {
	if c.system != nil && c.system(text) == nil {
		return viaSystem
	}
	if c.tmux && c.run != nil {
		out, err := c.run("", "tmux", "show-options", "-gv", "set-clipboard")
		if err == nil && strings.TrimSpace(out) == "on" {
			return viaTmuxOSC52
		}
		if _, err := c.run(text, "tmux", "load-buffer", "-"); err == nil {
			return viaTmuxBuffer
		}
	}
	return viaOSC52
}

// copiedMsg reports where copied text went.
type copiedMsg struct {
	what, text string
	via        clipVia
}

// copyText copies text (what names it in the notice) in the background.
func (m *Model) copyText(what, text string) tea.Cmd {
	c := m.clip
	return func() tea.Msg { return copiedMsg{what: what, text: text, via: c.copy(text)} }
}

// copied says where copied text went, and sends it as OSC 52 when that is the way: claiming
// "copied" only when a tool said it was done.
func (m *Model) copied(msg copiedMsg) tea.Cmd {
	switch msg.via {
	case viaSystem:
		return m.flash(msg.what+" copied to the clipboard", noticeInfo)
	case viaTmuxBuffer:
		return m.flash(msg.what+" is in tmux's paste buffer (prefix ] pastes it): tmux's set-clipboard is not on", noticeInfo)
	case viaTmuxOSC52:
		return tea.Batch(tea.SetClipboard(msg.text),
			m.flash(msg.what+" sent to the clipboard through tmux (OSC 52); nothing there? the terminal refused it", noticeInfo))
	}
	return tea.Batch(tea.SetClipboard(msg.text),
		m.flash(msg.what+" sent to the terminal's clipboard (OSC 52); nothing there? the terminal refused it: save instead (ctrl+x)", noticeInfo))
}
