package ui

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/ui/explainer"
	"github.com/hsx-dev/hsx/ui/internal/uitest"
)

// driver plays the part of the tea.Program in Update-level tests: it runs the commands Update
// returns in goroutines and feeds their messages back, one at a time.
type driver struct {
	t       testing.TB
	m       Model
	msgs    chan tea.Msg
	pending int
	timing  *probe.Timing // when set, what every exchange is said to have taken
}

// newDriver starts a model for opts (history in a test directory) at w×h and lets it settle.
// The explainer shows its documents as plain markdown: what these tests check does not depend
// on how a document is rendered (the goldens render a fixture document for real, and the
// explainer's own tests the real documents).
func newDriver(t *testing.T, opts Options, w, h int) *driver {
	t.Helper()
	return startDriver(t, opts, w, h, nil, explainer.WithRenderer(uitest.PlainRender))
}

// newRenderingDriver is newDriver with the explainer rendering through mdterm.Render.
func newRenderingDriver(t testing.TB, opts Options, w, h int) *driver {
	t.Helper()
	return startDriver(t, opts, w, h, nil)
}

// startDriver starts a driver whose exchanges all carry timing when it is not nil, and whose
// explainer is built with eopts when there are any.
func startDriver(t testing.TB, opts Options, w, h int, timing *probe.Timing, eopts ...explainer.Option) *driver {
	t.Helper()
	if opts.StateDir == "" {
		opts.StateDir = t.TempDir()
	}
	m := New(opts)
	if len(eopts) > 0 {
		m.explainer = explainer.New(m.th, eopts...)
		m.explainer.SetCode(startCode)
	}
	d := &driver{t: t, m: m, msgs: make(chan tea.Msg, 256), timing: timing}
	d.start(d.m.Init())
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.settle()
	return d
}

// start runs c in the background.
func (d *driver) start(c tea.Cmd) {
	if c != nil {
		d.pending++
		go func() { d.msgs <- c() }()
	}
}

// send runs Update with msg and starts the command it returns.
func (d *driver) send(msg tea.Msg) {
	d.t.Helper()
	next, cmd := d.m.Update(msg)
	d.m = next.(Model)
	d.start(cmd)
}

// deliver handles one finished command's message.
func (d *driver) deliver(msg tea.Msg) {
	d.pending--
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.start(c)
		}
	case tea.QuitMsg:
	case resultMsg:
		if d.timing != nil {
			for _, ex := range msg.exs {
				ex.Timing = *d.timing
			}
		}
		d.send(msg)
	default:
		d.send(msg)
	}
}

// settle delivers messages until none has arrived for a short while and the explainer is not
// rendering; timers (cursor blinks, notice expiry) are left running.
func (d *driver) settle() {
	d.t.Helper()
	const quiet = 150 * time.Millisecond
	for d.pending > 0 {
		select {
		case msg := <-d.msgs:
			d.deliver(msg)
		case <-time.After(quiet):
			if !d.m.explainer.Rendering() {
				return
			}
			d.until("the explainer's render", 20*time.Second, func(m Model) bool { return !m.explainer.Rendering() })
		}
	}
}

// until delivers messages until cond holds, failing the test after timeout.
func (d *driver) until(what string, timeout time.Duration, cond func(Model) bool) {
	d.t.Helper()
	deadline := time.After(timeout)
	for !cond(d.m) {
		select {
		case msg := <-d.msgs:
			d.deliver(msg)
		case <-deadline:
			d.t.Fatalf("timed out waiting for %s; screen:\n%s", what, d.screen())
		}
	}
}

// press sends keys one by one, settling after each.
func (d *driver) press(keys ...string) {
	d.t.Helper()
	for _, k := range keys {
		d.send(keyPress(k))
		d.settle()
	}
}

// sendRequest presses enter in the composer and waits for the response and its history write.
func (d *driver) sendRequest() {
	d.t.Helper()
	sent := d.m.reqID
	d.send(keyPress("enter"))
	d.until("the response", 5*time.Second, func(m Model) bool { return m.reqID > sent && m.inflight == nil })
	d.until("the history write", 5*time.Second, func(m Model) bool { return !m.saving })
	d.settle()
}

// screen is the view without escapes.
func (d *driver) screen() string { return ansi.Strip(d.m.View().Content) }

// keyPress builds the key press message for a key name.
func keyPress(s string) tea.KeyPressMsg {
	if k, ok := keyNames[s]; ok {
		return k
	}
	r := []rune(s)
	return tea.KeyPressMsg{Code: r[0], Text: s}
}

// keyNames are the keys keyPress knows by name.
var keyNames = map[string]tea.KeyPressMsg{
	"enter":       {Code: tea.KeyEnter},
	"esc":         {Code: tea.KeyEscape},
	"tab":         {Code: tea.KeyTab},
	"shift+tab":   {Code: tea.KeyTab, Mod: tea.ModShift},
	"f1":          {Code: tea.KeyF1},
	"f2":          {Code: tea.KeyF2},
	"f4":          {Code: tea.KeyF4},
	"f5":          {Code: tea.KeyF5},
	"f6":          {Code: tea.KeyF6},
	"down":        {Code: tea.KeyDown},
	"up":          {Code: tea.KeyUp},
	"ctrl+c":      {Code: 'c', Mod: tea.ModCtrl},
	"ctrl+l":      {Code: 'l', Mod: tea.ModCtrl},
	"ctrl+y":      {Code: 'y', Mod: tea.ModCtrl},
	"ctrl+s":      {Code: 's', Mod: tea.ModCtrl},
	"ctrl+f":      {Code: 'f', Mod: tea.ModCtrl},
	"ctrl+g":      {Code: 'g', Mod: tea.ModCtrl},
	"alt+left":    {Code: tea.KeyLeft, Mod: tea.ModAlt},
	"alt+right":   {Code: tea.KeyRight, Mod: tea.ModAlt},
	"backspace":   {Code: tea.KeyBackspace},
	"shift+enter": {Code: tea.KeyEnter, Mod: tea.ModShift},
	"pgdown":      {Code: tea.KeyPgDown},
	"alt+k":       {Code: 'k', Mod: tea.ModAlt},
	"alt+r":       {Code: 'r', Mod: tea.ModAlt},
}

// writeFile writes a file, creating its directory.
func writeFile(path, data string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(data), 0o600)
}
