package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/replay"
	"github.com/hsx-dev/hsx/ui/layout"
)

// TestReplayClients: c in the response pane replays the response on show and the Clients view
// shows what the clients did.
func TestReplayClients(t *testing.T) {
	t.Parallel()
	var got *probe.Exchange
	fake := func(ctx context.Context, ex *probe.Exchange) (replay.Report, error) {
		got = ex
		return replay.Report{Clients: []replay.Result{{Name: "Go net/http", Version: "go1.26.8",
			Note: "late: the 204 arrived, then the next request on the connection failed", Deliveries: []replay.DeliveryResult{}}}}, nil
	}
	d := newDriver(t, Options{LabURL: startLab(t), Replay: fake}, 100, 30)
	d.send(tea.KeyPressMsg{Code: 'c', Text: "c"}) // in the composer, c is text
	if d.m.replaying != nil || got != nil {
		t.Fatal("c in the composer started a replay")
	}
	d.send(tea.KeyPressMsg{Code: tea.KeyBackspace})
	d.sendRequest()
	if d.m.focus != layout.Results {
		t.Fatalf("focus = %v after sending", d.m.focus)
	}
	d.press("c")
	d.until("the replay", 5*time.Second, func(m Model) bool { return m.replaying == nil })
	d.settle()
	if got == nil || got.Response == nil || got.Response.Status.Code != 204 {
		t.Fatalf("replayed %+v", got)
	}
	s := d.screen()
	for _, want := range []string{"[ Clients ]", "✗ Go net/http go1.26.8", "the next request on the connection failed"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
}

// TestCancelReplay: esc cancels a running replay; its late outcome is dropped.
func TestCancelReplay(t *testing.T) {
	t.Parallel()
	canceled := make(chan struct{})
	fake := func(ctx context.Context, ex *probe.Exchange) (replay.Report, error) {
		<-ctx.Done()
		close(canceled)
		return replay.Report{Clients: []replay.Result{{Name: "late outcome"}}}, ctx.Err()
	}
	d := newDriver(t, Options{LabURL: startLab(t), Replay: fake}, 100, 30)
	d.sendRequest()
	d.send(keyPress("c"))
	if s := d.screen(); !strings.Contains(s, "replaying to the clients") || !strings.Contains(s, "esc cancels") {
		t.Errorf("running screen:\n%s", s)
	}
	d.press("esc")
	select {
	case <-canceled:
	case <-time.After(5 * time.Second):
		t.Fatal("esc did not cancel the replay's context")
	}
	d.settle()
	if s := d.screen(); !strings.Contains(s, "replay cancelled") || strings.Contains(s, "late outcome") {
		t.Errorf("screen after esc:\n%s", s)
	}
}
