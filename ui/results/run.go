package results

import (
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
)

// runPhase is where a run on demand (the replay to client stacks, the follow-up requests)
// stands.
type runPhase uint8

const (
	runNone      runPhase = iota // not run for this response
	runRunning                   // running
	runDone                      // finished
	runFailed                    // did not run: the view's error says why
	runCancelled                 // cancelled by the user
)

// run is what the Clients and Follow-ups views share: a run started on demand under an ID,
// so that the result of a stale or cancelled one is dropped; its spinner and elapsed time;
// and the selected row, with the one whose details are shown (open, or -1).
type run struct {
	id           int
	phase        runPhase
	started, now time.Time
	spin         spinner.Model
	sel, open    int
}

func newRun(st styles) run {
	r := run{spin: spinner.New(spinner.WithSpinner(spinner.MiniDot)), open: -1}
	r.spin.Style = st.spinner
	return r
}

// reset forgets the run of an earlier response; the ID and the spinner stay.
func (r *run) reset() { *r = run{id: r.id, spin: r.spin, open: -1} }

// start makes run id the running one, unless an ID above it was started already.
func (r *run) start(id int) bool {
	if id < r.id {
		return false
	}
	r.reset()
	r.id, r.phase = id, runRunning
	r.started = time.Now()
	r.now = r.started
	return true
}

// current reports whether id is the run still running, whose result is to be shown.
func (r run) current(id int) bool { return id == r.id && r.phase == runRunning }

// cancel marks run id as cancelled, and reports whether it was the one running.
func (r *run) cancel(id int) bool {
	if !r.current(id) {
		return false
	}
	r.phase = runCancelled
	return true
}

// tick advances the spinner and the elapsed time of a running run; it reports false, with no
// command, once the run is over, so that the tick chain dies out.
func (r *run) tick(msg spinner.TickMsg) (tea.Cmd, bool) {
	if r.phase != runRunning {
		return nil, false
	}
	var cmd tea.Cmd
	r.spin, cmd = r.spin.Update(msg)
	if msg.Time.After(r.now) {
		r.now = msg.Time
	}
	return cmd, true
}
