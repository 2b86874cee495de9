package results

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/ui/theme"
)

func press(code rune, text string) tea.KeyPressMsg {
	return tea.KeyPressMsg(tea.Key{Code: code, Text: text})
}

var (
	keyDown  = press(tea.KeyDown, "")
	keyUp    = press(tea.KeyUp, "")
	keyEnter = press(tea.KeyEnter, "")
	keyRight = press(tea.KeyRight, "")
)

func TestKeys(t *testing.T) {
	tests := []struct {
		name    string
		keys    []tea.KeyPressMsg
		wantID  string // selected finding
		wantTab Tab
	}{
		{"start", nil, "S9", TabRaw},
		{"down", []tea.KeyPressMsg{keyDown}, "S2", TabRaw},
		{"down past the end", []tea.KeyPressMsg{keyDown, keyDown, keyDown}, "S2", TabRaw},
		{"down up", []tea.KeyPressMsg{keyDown, keyUp}, "S9", TabRaw},
		{"j", []tea.KeyPressMsg{press('j', "j")}, "S2", TabRaw},
		{"right", []tea.KeyPressMsg{keyRight}, "S9", TabTiming},
		{"right wraps", []tea.KeyPressMsg{keyRight, keyRight, keyRight, keyRight}, "S9", TabHeaders},
		{"6", []tea.KeyPressMsg{press('6', "6")}, "S9", TabFollowups},
		{"digit", []tea.KeyPressMsg{press('2', "2")}, "S9", TabBody},
		{"h", []tea.KeyPressMsg{press('h', "h")}, "S9", TabBody},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newDone(t, broken204, broken204Findings(), 80, 20, TabRaw)
			for _, k := range tt.keys {
				m, _, _ = m.Update(k)
			}
			f, ok := m.Finding()
			if !ok || f.ID != tt.wantID {
				t.Errorf("selected %q (%v), want %q", f.ID, ok, tt.wantID)
			}
			if m.Tab() != tt.wantTab {
				t.Errorf("tab %v, want %v", m.Tab(), tt.wantTab)
			}
		})
	}
}

func TestEnterExplains(t *testing.T) {
	m := newDone(t, broken204, broken204Findings(), 80, 20, TabRaw)
	m, _, _ = m.Update(keyDown)
	_, act, _ := m.Update(keyEnter)
	if got, ok := act.(Explain); !ok || got.ID != "S2" {
		t.Errorf("enter reported %#v, want Explain{ID: S2}", act)
	}

	m.Blur()
	if _, act, cmd := m.Update(keyEnter); act != nil || cmd != nil {
		t.Errorf("a blurred pane reacted to enter")
	}
	// S2 is the last finding, so down would not move the selection anyway; up would.
	if m2, _, _ := m.Update(keyUp); m2.sel != m.sel {
		t.Errorf("a blurred pane reacted to up")
	}
}

func TestSelectingScrollsToFinding(t *testing.T) {
	// A long body pushes the extra bytes far below the first page of the raw view.
	body := strings.Repeat("line\n", 200)
	stream := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%sEXTRA", len(body), body)
	fs := []check.Finding{
		{ID: "F2", Severity: check.Warning, Message: "no space after the code", Ref: "RFC 9112 §4", At: check.Location{Where: check.AtStatusLine}},
		{ID: "F13", Severity: check.Error, Message: "5 bytes after the body", Ref: "RFC 9112 §6.3", At: check.Location{Where: check.AtExtra, Start: 0, End: 5}},
	}
	m := newDone(t, stream, fs, 80, 20, TabRaw)
	if strings.Contains(plain(m), "EXTRA") {
		t.Fatal("extra bytes visible before selecting their finding")
	}
	m, _, _ = m.Update(keyDown)
	if !strings.Contains(plain(m), "EXTRA") {
		t.Errorf("selecting the finding did not scroll to the extra bytes:\n%s", plain(m))
	}
}

func TestMouse(t *testing.T) {
	body := strings.Repeat("line\n", 100)
	stream := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	m := newDone(t, stream, broken204Findings(), 80, 20, TabRaw)
	wheel := func(b tea.MouseButton, y int) tea.MouseWheelMsg {
		return tea.MouseWheelMsg(tea.Mouse{X: 10, Y: y, Button: b})
	}
	m, _, _ = m.Update(wheel(tea.MouseWheelDown, 10))
	if m.views[TabRaw].top != wheelStep {
		t.Errorf("wheel down: top = %d, want %d", m.views[TabRaw].top, wheelStep)
	}
	m, _, _ = m.Update(wheel(tea.MouseWheelUp, 10))
	m, _, _ = m.Update(wheel(tea.MouseWheelUp, 10))
	if m.views[TabRaw].top != 0 {
		t.Errorf("wheel up: top = %d, want 0", m.views[TabRaw].top)
	}

	// Row 2 is the second finding.
	m, act, _ := m.Update(tea.MouseClickMsg(tea.Mouse{X: 20, Y: 2, Button: tea.MouseLeft}))
	if got, ok := act.(Explain); !ok || got.ID != "S2" {
		t.Errorf("click reported %#v, want Explain{ID: S2}", act)
	}
	// Row 3 is the tab bar.
	xs, _ := tabLayout()
	m, _, _ = m.Update(tea.MouseClickMsg(tea.Mouse{X: xs[TabBody] + 1, Y: 3, Button: tea.MouseLeft}))
	if m.Tab() != TabBody {
		t.Errorf("click on the tab bar: tab %v, want Body", m.Tab())
	}
}

func TestStaleAndCancelled(t *testing.T) {
	ex := parse(t, broken204, "DELETE")
	m := New(theme.New(true, false))
	m.SetSize(80, 12)
	m.Start(1, probe.Request{Method: "DELETE", URL: "http://lab.test/204/body"})
	m.Start(2, probe.Request{Method: "GET", URL: "http://lab.test/hang"})

	m.SetResult(1, []*probe.Exchange{ex}, broken204Findings(), nil)
	if !m.Running() || strings.Contains(plain(m), "204 No Content") {
		t.Fatalf("a stale result replaced the running request:\n%s", plain(m))
	}
	m.SetCancelled(1)
	if !m.Running() {
		t.Fatal("a stale cancel stopped the running request")
	}
	m.SetProgress(2, 4096)
	if !strings.Contains(plain(m), "4.0 KiB received") {
		t.Errorf("progress not shown:\n%s", plain(m))
	}
	m.SetCancelled(2)
	text := plain(m)
	if !strings.Contains(text, "cancelled") || !strings.Contains(text, "http://lab.test/hang") {
		t.Errorf("cancelled view:\n%s", text)
	}
	// The probe may still deliver the cancelled request's outcome; the notice stays.
	m.SetResult(2, []*probe.Exchange{ex}, broken204Findings(), nil)
	if !strings.Contains(plain(m), "cancelled") {
		t.Errorf("the result of a cancelled request replaced the notice:\n%s", plain(m))
	}

	// A probe error that says the context was cancelled reads as cancelled, not as a failure.
	m.Start(3, probe.Request{URL: "http://lab.test/hang"})
	err := &probe.Error{Phase: probe.PhaseStatus, Msg: "context canceled", Canceled: true}
	m.SetResult(3, []*probe.Exchange{{Err: err}}, nil, err)
	if text := plain(m); !strings.Contains(text, "cancelled") || strings.Contains(text, "no response") {
		t.Errorf("cancelled probe error shown as:\n%s", text)
	}
	m.SetResult(4, []*probe.Exchange{ex}, broken204Findings(), nil)
	if !strings.Contains(plain(m), "204 No Content") {
		t.Errorf("a newer result was not shown:\n%s", plain(m))
	}
}

func TestSpinnerElapsed(t *testing.T) {
	m := New(theme.New(true, false))
	m.SetSize(80, 6)
	if cmd := m.Start(1, probe.Request{URL: "http://lab.test/hang"}); cmd == nil {
		t.Fatal("Start returned no spinner command")
	}
	m, _, next := m.Update(spinner.TickMsg{Time: m.started.Add(1500 * time.Millisecond), ID: m.spin.ID()})
	if next == nil {
		t.Error("the spinner stopped ticking while running")
	}
	if text := plain(m); !strings.Contains(text, "1.5 s") || !strings.Contains(text, "esc cancels") {
		t.Errorf("running view:\n%s", text)
	}
	m.SetCancelled(1)
	if _, _, next := m.Update(spinner.TickMsg{Time: time.Now(), ID: m.spin.ID()}); next != nil {
		t.Error("the spinner kept ticking after the request ended")
	}
}

func TestScrollKeys(t *testing.T) {
	body := strings.Repeat("line\n", 100)
	stream := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	const h = 20
	tests := []struct {
		name string
		keys []tea.KeyPressMsg
		want func(n, page int) int // expected top, from the row count and page height
	}{
		{"J", []tea.KeyPressMsg{press('j', "J")}, func(int, int) int { return 1 }},
		{"shift+down", []tea.KeyPressMsg{tea.KeyPressMsg(tea.Key{Code: tea.KeyDown, Mod: tea.ModShift})}, func(int, int) int { return 1 }},
		{"down selects, does not scroll", []tea.KeyPressMsg{press(tea.KeyDown, "")}, func(int, int) int { return 0 }},
		{"pgdown", []tea.KeyPressMsg{press(tea.KeyPgDown, "")}, func(_, p int) int { return p - 1 }},
		{"space", []tea.KeyPressMsg{press(tea.KeySpace, " ")}, func(_, p int) int { return p - 1 }},
		{"G", []tea.KeyPressMsg{press('g', "G")}, func(n, p int) int { return n - p }},
		{"G g", []tea.KeyPressMsg{press('g', "G"), press('g', "g")}, func(int, int) int { return 0 }},
		{"K at top", []tea.KeyPressMsg{press('k', "K")}, func(int, int) int { return 0 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newDone(t, stream, nil, 80, h, TabRaw)
			for _, k := range tt.keys {
				m, _, _ = m.Update(k)
			}
			v := m.views[TabRaw]
			if want := tt.want(v.count(), m.paneHeight()); v.top != want {
				t.Errorf("top = %d, want %d", v.top, want)
			}
		})
	}
}

func TestHintKeys(t *testing.T) {
	m := New(theme.New(true, false))
	m.SetSize(80, 20)
	if k := m.HintKeys(); len(k) != 0 {
		t.Errorf("idle pane offers %d keys", len(k))
	}
	m.Start(1, probe.Request{URL: "http://example.test/"})
	if k := m.HintKeys(); len(k) != 0 {
		t.Errorf("running pane offers %d keys", len(k))
	}
	m = newDone(t, broken204, broken204Findings(), 80, 20, TabRaw)
	if k := m.HintKeys(); len(k) == 0 || !slices.ContainsFunc(k, func(b key.Binding) bool { return b.Help().Desc == "explain" }) {
		t.Errorf("a pane with findings does not offer to explain them: %v", k)
	}
	m = newDone(t, "HTTP/1.1 204 No Content\r\nDate: Tue, 24 Nov 2026 19:00:00 GMT\r\n\r\n", nil, 80, 20, TabRaw)
	if k := m.HintKeys(); slices.ContainsFunc(k, func(b key.Binding) bool { return b.Help().Desc == "explain" }) {
		t.Errorf("a pane without findings offers to explain one: %v", k)
	}
}
