// Package ui is the hsx terminal user interface: an explainer of HTTP status codes beside a
// composer that sends a real request and shows the exchange as it crossed the wire, with every
// line and byte that breaks the rules highlighted and explained.
//
// The root Model composes the panes (ui/composer, ui/results, ui/explainer) and the overlay
// lists (ui/picker). Its Update is a router: keys go to the focused pane unless they are global,
// results of background work go back to the component that asked for them, and a window size
// goes through ui/layout. All network and file I/O runs in tea.Cmds that return messages
// carrying a request ID, so that a cancelled or superseded request can never overwrite a newer
// one.
package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/probe"
)

// Options is what the explorer starts with.
type Options struct {
	// LabURL is the base URL of the running lab, without a trailing slash; "" when none runs.
	LabURL string
	// Initial is the request the composer starts with. Nil means a lab request that shows a
	// broken 204 (DELETE {LabURL}/204/body), or an empty composer without a lab.
	Initial *probe.Request
	// SendAtStart sends the initial request once, as soon as the UI is up.
	SendAtStart bool
	// Present turns on presentation mode: high contrast, more spacing, secrets masked, and the
	// last key pressed shown briefly on screen.
	Present bool
	// StateDir is the directory that holds the request history; "" means the user's state
	// directory (see ui/history.DefaultPath).
	StateDir string
	// Replay, when not nil, replays a response to the client stacks installed here, for the
	// results pane's Clients view.
	Replay ReplayFunc
	// NoHistory keeps the history in memory only: no file is read, created or written, and the
	// history list shows this run's requests.
	NoHistory bool
	// SaveDir is where saved responses and reports go; "" means the current directory.
	SaveDir string
	// Grace is how long every request sent watches for stray bytes after a response that must
	// be bodyless (see probe.Request.Grace); zero means probe's adaptive window.
	Grace time.Duration
}

// maxFPS is the most frames a second Bubble Tea draws.
const maxFPS = 120

// Run runs the explorer on the terminal until the user quits or ctx is done. Requests still
// running when it returns are cancelled.
func Run(ctx context.Context, opts Options) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The program writes a frame at its frame rate's ticks only, the first one a whole tick
	// after it starts: at 120 frames a second rather than the default 60, the first frame is on
	// screen up to 8 ms sooner. A tick with nothing new to draw writes nothing.
	p := tea.NewProgram(buildInBackground(ctx, opts), tea.WithContext(ctx), tea.WithFPS(maxFPS))
	_, err := p.Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		return fmt.Errorf("terminal UI: %w", err)
	}
	return nil
}

// starting is the program's model until the explorer's own is built: the program sets up the
// terminal and waits for its first frame tick meanwhile, rather than after.
type starting struct {
	ready <-chan built
}

// built is what building the explorer's model gave: the model, or the panic that stopped it.
type built struct {
	m        *Model
	panicked any
}

// buildInBackground starts building the explorer's model in a goroutine of its own and returns
// the model that stands in for it. A panic while building is handed over too, to be raised
// where the program recovers from panics and puts the terminal back.
func buildInBackground(ctx context.Context, opts Options) starting {
	ready := make(chan built, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				ready <- built{panicked: r}
			}
		}()
		m := newModel(ctx, opts)
		ready <- built{m: &m}
	}()
	return starting{ready: ready}
}

// Init runs nothing: the explorer's own Init runs with the first message.
func (starting) Init() tea.Cmd { return nil }

// Update waits for the explorer's model (a few milliseconds at most), hands it the message,
// and puts it in its own place.
func (s starting) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	b := <-s.ready
	if b.m == nil {
		panic(b.panicked)
	}
	m := *b.m
	init := m.Init()
	next, cmd := m.Update(msg)
	return next, tea.Batch(init, cmd)
}

// View is an empty screen in the modes the explorer's own view uses.
func (starting) View() tea.View { return frame("") }
