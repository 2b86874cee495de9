package ui

import (
	"bytes"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// TestProgramBroken204 runs the whole program against the lab: the composer starts with the
// broken 204, enter sends it, and the S9 finding about the bytes after it appears on screen.
func TestProgramBroken204(t *testing.T) {
	t.Parallel()
	url := startLab(t)
	tm := teatest.NewTestModel(t, New(Options{LabURL: url, StateDir: t.TempDir()}),
		teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	waitFor(t, tm, "/204/body")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "17 bytes after the header section") // the S9 finding
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	final := tm.FinalModel(t).(Model)
	if len(final.history) != 1 || final.history[0].Status != 204 {
		t.Errorf("history after the run: %+v", final.history)
	}
}

// waitFor waits until s has been drawn.
func waitFor(t *testing.T, tm *teatest.TestModel, s string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}
