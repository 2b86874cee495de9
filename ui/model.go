package ui

import (
	"context"
	"os"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/ui/composer"
	"github.com/hsx-dev/hsx/ui/explainer"
	"github.com/hsx-dev/hsx/ui/history"
	"github.com/hsx-dev/hsx/ui/layout"
	"github.com/hsx-dev/hsx/ui/results"
	"github.com/hsx-dev/hsx/ui/search"
	"github.com/hsx-dev/hsx/ui/theme"
)

// startCode is the status code the explainer shows before any response arrives.
const startCode = 204

// Model is the root model of the explorer. Build it with New.
type Model struct {
	// Keys are the global keys.
	Keys KeyMap
	// HistoryKeys are the keys of the history list.
	HistoryKeys HistoryKeyMap

	opts Options
	ctx  context.Context // parent of every request's context

	th     theme.Theme
	width  int
	height int
	lay    layout.Layout
	focus  layout.Pane
	zoom   bool

	composer  composer.Model
	results   results.Model
	explainer explainer.Model
	help      help.Model

	find     search.Model // the search line, under findPane while it is open
	findPane layout.Pane

	overlay overlay // the open picker, if any
	helpTop int     // first line of the full help shown; -1 when help is closed

	reqID    int       // id of the last request started
	inflight *inflight // the running request, nil when none

	replayID  int        // id of the last replay to client stacks started
	replaying *replayRun // the running replay, nil when none

	deepID int      // id of the last run of follow-up requests started
	deep   *deepRun // the running follow-ups, nil when none

	store     *history.Store // nil when there is nowhere to keep history
	storeErr  error          // why store is nil
	history   []history.Entry
	saveQueue []historyOp // changes waiting to be written, oldest first
	saving    bool        // whether a history write is running
	loaded    bool        // whether the history read at start has come back
	// setAside lists where damaged history files were moved in this run; the history list
	// names them. warnHistory keeps a warning in the hint bar until that list is opened.
	setAside    []string
	warnHistory bool
	// started is when this run began: in presentation mode the history list shows only the
	// requests sent since, unless allHistory is set.
	started    time.Time
	allHistory bool
	// confirmClear is set while the history list asks whether to clear it all.
	confirmClear bool
	// forgotten lists the requests deleted, and clearedAll says whether the history was
	// cleared, before the history read at start came back: what it brings is filtered by them.
	forgotten  []history.Entry
	clearedAll bool

	resultAt time.Time       // when the response on show arrived
	saveDir  string          // where saved files go: Options.SaveDir or the working directory
	undo     *composer.Model // the composer as it was before a new request emptied it
	clip     clipboard       // how text is copied

	notice notice // transient message in the hint bar
	badge  badge  // last key pressed, in presentation mode

	focusCmd tea.Cmd // what focusing the composer at start asked for (a cursor blink), run by Init
}

// New returns the explorer's root model for opts, ready to be run by a tea.Program.
func New(opts Options) Model {
	return newModel(context.Background(), opts)
}

func newModel(ctx context.Context, opts Options) Model {
	th := theme.New(true, opts.Present) // until the terminal says what its background is
	m := Model{
		Keys:        DefaultKeyMap(),
		HistoryKeys: DefaultHistoryKeyMap(),
		opts:        opts,
		ctx:         ctx,
		th:          th,
		composer:    composer.New(th),
		results:     results.New(th),
		explainer:   explainer.New(th),
		find:        search.New(th),
		help:        help.New(),
		helpTop:     -1,
	}
	m.started = time.Now()
	m.saveDir = opts.SaveDir
	if m.saveDir == "" {
		m.saveDir = "."
		if wd, err := os.Getwd(); err == nil {
			m.saveDir = wd
		}
	}
	m.clip = systemClipboard()
	if !opts.NoHistory {
		m.store, m.storeErr = historyStore(opts.StateDir)
	}
	m.help.Styles = helpStyles(th)
	m.composer.SetRequest(initialRequest(opts))
	m.composer.SetMasked(opts.Present)
	m.results.SetMasked(opts.Present)
	m.results.SetTLSHint(m.composer.KeyMap.Insecure.Help().Key + " turns -k on (no certificate verification); then f5 sends again")
	m.explainer.SetCode(startCode) // renders once the size is known
	m.focusCmd = m.setFocus(layout.Composer)
	return m
}

// initialRequest is what the composer starts with.
func initialRequest(opts Options) probe.Request {
	switch {
	case opts.Initial != nil:
		return *opts.Initial
	case opts.LabURL != "":
		return probe.Request{Method: "DELETE", URL: opts.LabURL + "/204/body"}
	}
	return probe.Request{Method: "GET", URL: "https://"}
}

// historyStore returns where history lives, or why there is no such place.
func historyStore(dir string) (*history.Store, error) {
	if dir != "" {
		return &history.Store{Path: history.PathIn(dir)}, nil
	}
	p, err := history.DefaultPath()
	if err != nil {
		return nil, err
	}
	return &history.Store{Path: p}, nil
}

// sendInitialMsg asks Update to send the initial request (Options.SendAtStart).
type sendInitialMsg struct{}

// Init asks the terminal for its background color, loads the history and, when asked to,
// sends the initial request.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, m.loadHistory(), m.focusCmd}
	if m.opts.SendAtStart {
		cmds = append(cmds, func() tea.Msg { return sendInitialMsg{} })
	}
	return tea.Batch(cmds...)
}

// setFocus moves keyboard focus to pane p. The explainer draws the same with or without focus,
// so only the other two panes are told.
func (m *Model) setFocus(p layout.Pane) tea.Cmd {
	if p != m.findPane {
		m.find.Blur()
	}
	m.composer.Blur()
	m.results.Blur()
	m.focus = p
	var cmd tea.Cmd
	switch p {
	case layout.Composer:
		cmd = m.composer.Focus()
	case layout.Results:
		cmd = m.results.Focus()
	}
	return tea.Batch(cmd, m.relayout())
}

// typing reports whether a text field has focus, so that plain keys are text.
func (m Model) typing() bool {
	return m.find.Editing() || (m.focus == layout.Composer && m.composer.TextFocused())
}
