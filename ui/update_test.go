package ui

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/content"
	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/lab"
	"github.com/hsx-dev/hsx/ui/composer"
	"github.com/hsx-dev/hsx/ui/history"
	"github.com/hsx-dev/hsx/ui/internal/uitest"
	"github.com/hsx-dev/hsx/ui/layout"
)

// startLab runs the lab on a free loopback port for the length of the test.
func startLab(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := lab.Start(ctx, "127.0.0.1:0")
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		_ = srv.Close()
	})
	return srv.URL()
}

func TestStartScreen(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{LabURL: "http://127.0.0.1:9"}, 80, 24)
	s := d.screen()
	for _, want := range []string{"Request", "Response", "Explainer", "http://127.0.0.1:9/204/body", "204 No Content", "f1 help"} {
		if !strings.Contains(s, want) {
			t.Errorf("start screen lacks %q:\n%s", want, s)
		}
	}
	if d.m.focus != layout.Composer {
		t.Errorf("focus = %v, want the composer", d.m.focus)
	}
	if req, err := d.m.composer.Request(); err != nil || req.Method != "DELETE" {
		t.Errorf("composer request = %+v, %v", req, err)
	}
}

func TestSendBroken204(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{LabURL: startLab(t)}, 100, 30)
	d.sendRequest()
	s := d.screen()
	for _, want := range []string{"S9", "S2", "✗", "204 No Content"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	if d.m.focus != layout.Results {
		t.Errorf("focus = %v after sending, want the response", d.m.focus)
	}
	if h := d.m.history; len(h) != 1 || h[0].Status != 204 || h[0].Method != "DELETE" {
		t.Errorf("history = %+v", h)
	}
	entries, err := d.m.store.Load()
	if err != nil || len(entries) != 1 || entries[0].Status != 204 {
		t.Errorf("stored history = %+v, %v", entries, err)
	}
}

func TestExplainFinding(t *testing.T) {
	t.Parallel()
	for _, sz := range [][2]int{{160, 45}, {80, 24}} {
		d := newDriver(t, Options{LabURL: startLab(t)}, sz[0], sz[1])
		d.sendRequest()
		f, ok := d.m.results.Finding()
		if !ok {
			t.Fatal("no finding selected")
		}
		d.press("enter")
		_, heading, _ := content.ForRule(f.ID)
		if got := d.m.explainer.Section(); got != heading {
			t.Errorf("%v: explainer at %q after explaining %s, want %q", sz, got, f.ID, heading)
		}
		if !strings.Contains(d.screen(), heading) {
			t.Errorf("%v: heading %q not on screen:\n%s", sz, heading, d.screen())
		}
		// Stacked, the explainer takes focus to get room; side by side, focus stays.
		if want := map[bool]layout.Pane{true: layout.Results, false: layout.Explainer}[d.m.lay.Wide]; d.m.focus != want {
			t.Errorf("%v: focus %v, want %v", sz, d.m.focus, want)
		}
	}
}

// hanging returns a driver whose request to the lab's /hang, which never answers, is running.
func hanging(t *testing.T) *driver {
	t.Helper()
	url := startLab(t)
	d := newDriver(t, Options{LabURL: url, Initial: &probe.Request{Method: "GET", URL: url + "/hang"}}, 100, 30)
	d.send(keyPress("enter"))
	d.until("the request to start", 2*time.Second, func(m Model) bool { return m.inflight != nil })
	return d
}

func TestCancelHang(t *testing.T) {
	t.Parallel()
	d := hanging(t)
	if s := d.screen(); !strings.Contains(s, "/hang") {
		t.Errorf("running screen:\n%s", s)
	}
	d.press("esc")
	if d.m.inflight != nil {
		t.Fatal("esc did not cancel")
	}
	if s := d.screen(); !strings.Contains(s, "cancelled") {
		t.Errorf("screen does not say cancelled:\n%s", s)
	}
	// The cancelled probe returns soon; its result must not replace the cancelled screen.
	d.settle()
	if s := d.screen(); !strings.Contains(s, "cancelled") {
		t.Errorf("late result overwrote the cancelled screen:\n%s", s)
	}
	if h := d.m.history; len(h) != 1 || h[0].Status != 0 {
		t.Errorf("history = %+v", h)
	}
}

// TestEscLeavesMethodField goes up into the method field, presses esc and types: the text goes
// into the URL, not the method.
func TestEscLeavesMethodField(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{LabURL: "http://127.0.0.1:9"}, 80, 24)
	d.press("up", "esc", "?", "x")
	req, err := d.m.composer.Request()
	if err != nil || req.Method != "DELETE" || req.URL != "http://127.0.0.1:9/204/body?x" {
		t.Errorf("composer = %s %q, %v; want DELETE …/204/body?x", req.Method, req.URL, err)
	}
	if d.m.helpTop >= 0 {
		t.Error("? opened the help instead of going into the URL")
	}
}

// TestEscCancelsBeforeLeavingMethodField checks that while a request runs, esc in the method
// field cancels the request and leaves the focus where it is; the next esc leaves the field.
func TestEscCancelsBeforeLeavingMethodField(t *testing.T) {
	t.Parallel()
	d := hanging(t)
	// Not press: the spinner of the running request keeps messages coming, so settling would
	// wait for the request to time out.
	d.send(keyPress("shift+tab"))
	d.send(keyPress("up"))
	if d.m.focus != layout.Composer || d.m.composer.Field() != composer.FieldMethod {
		t.Fatalf("focus %v, field %v; want the composer's method", d.m.focus, d.m.composer.Field())
	}
	d.press("esc")
	if d.m.inflight != nil {
		t.Fatal("esc did not cancel the running request")
	}
	if f := d.m.composer.Field(); f != composer.FieldMethod {
		t.Errorf("the esc that cancelled also moved the composer to field %v", f)
	}
	d.press("esc")
	if f := d.m.composer.Field(); f != composer.FieldURL {
		t.Errorf("the second esc left the composer in field %v, want the URL", f)
	}
}

// superseded returns a driver whose first request (to a port where nothing listens) was
// superseded by a second one, and the first one's id.
func superseded(t *testing.T) (*driver, int) {
	t.Helper()
	d := newDriver(t, Options{}, 100, 30)
	d.m.send(probe.Request{Method: "GET", URL: "http://127.0.0.1:9/a"})
	first := d.m.inflight.id
	d.m.send(probe.Request{Method: "GET", URL: "http://127.0.0.1:9/b"})
	return d, first
}

func TestStaleResultDropped(t *testing.T) {
	t.Parallel()
	d, first := superseded(t)
	resp := []byte("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
	d.send(resultMsg{id: first, exs: []*probe.Exchange{probe.Parse(resp, "GET")}})
	if d.m.inflight == nil || d.m.inflight.id != first+1 {
		t.Fatalf("stale result ended the newer request: %+v", d.m.inflight)
	}
	if d.m.explainer.Code() == 404 {
		t.Error("stale result moved the explainer")
	}
	d.send(resultMsg{id: first + 1, exs: []*probe.Exchange{probe.Parse(resp, "GET")}})
	d.settle()
	if d.m.inflight != nil || d.m.explainer.Code() != 404 {
		t.Errorf("current result not applied: inflight %v, explainer %d", d.m.inflight, d.m.explainer.Code())
	}
	if !strings.Contains(d.screen(), "404 Not Found") {
		t.Errorf("screen:\n%s", d.screen())
	}
}

func TestProgressOfCurrentRequestOnly(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{}, 100, 30)
	d.m.send(probe.Request{Method: "GET", URL: "http://127.0.0.1:9/a"})
	id := d.m.inflight.id
	if cmd := d.m.progress(progressMsg{id: id - 1, bytes: 10}); cmd != nil {
		t.Error("progress of an old request re-armed the wait")
	}
	if cmd := d.m.progress(progressMsg{id: id, bytes: 10}); cmd == nil {
		t.Error("progress of the current request did not re-arm the wait")
	}
	d.m.stop()
}

func TestMeterNeverBlocks(t *testing.T) {
	t.Parallel()
	mt := newMeter()
	for i := range 1000 {
		mt.report(int64(i)) // nobody is reading: must not block
	}
	msg := waitProgress(7, mt, 0)()
	if p, ok := msg.(progressMsg); !ok || p.id != 7 || p.bytes != 999 {
		t.Errorf("progress = %#v", msg)
	}
	close(mt.done)
	if msg := waitProgress(7, mt, time.Hour)(); msg != nil {
		t.Errorf("after done: %#v", msg)
	}
}

func TestFocusKeysAndClick(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{}, 80, 24)
	for _, p := range []layout.Pane{layout.Results, layout.Explainer, layout.Composer} {
		d.press("tab")
		if d.m.focus != p {
			t.Fatalf("tab: focus %v, want %v", d.m.focus, p)
		}
	}
	d.press("shift+tab")
	if d.m.focus != layout.Explainer {
		t.Errorf("shift+tab: focus %v", d.m.focus)
	}
	r := d.m.lay.Pane(layout.Composer)
	d.send(tea.MouseClickMsg{X: r.X + 3, Y: r.Y + 1, Button: tea.MouseLeft})
	if d.m.focus != layout.Composer {
		t.Errorf("click on the composer: focus %v", d.m.focus)
	}
}

func TestWheelScrollsPaneUnderPointer(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{}, 160, 45)
	before := d.m.explainer.View()
	r := d.m.lay.Pane(layout.Explainer)
	d.send(tea.MouseWheelMsg{X: r.X + 5, Y: r.Y + 5, Button: tea.MouseWheelDown})
	if d.m.explainer.View() == before {
		t.Error("wheel over the explainer did not scroll it")
	}
	if d.m.focus != layout.Composer {
		t.Error("the wheel moved focus")
	}
}

func TestHelp(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{}, 80, 24)
	d.press("?")
	if d.m.typing() && d.m.helpTop >= 0 {
		t.Error("? opened help while typing")
	}
	d.press("f1")
	if s := d.screen(); d.m.helpTop < 0 || !strings.Contains(s, "Keys") || !strings.Contains(s, "copy as curl") {
		t.Fatalf("f1 did not show the keys:\n%s", s)
	}
	d.press("down", "down")
	d.press("esc")
	if d.m.helpTop >= 0 {
		t.Error("esc did not close help")
	}
	d.press("tab", "?")
	if d.m.helpTop < 0 {
		t.Error("? in the response pane did not open help")
	}
}

func TestCodePicker(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{}, 80, 24)
	d.press("f2")
	if !d.m.overlay.open() || !strings.Contains(d.screen(), "Status codes") {
		t.Fatalf("f2 did not open the code picker:\n%s", d.screen())
	}
	d.press("4", "0", "4", "enter")
	if d.m.overlay.open() {
		t.Fatal("enter did not close the picker")
	}
	if d.m.explainer.Code() != 404 || d.m.focus != layout.Explainer {
		t.Errorf("explainer %d, focus %v", d.m.explainer.Code(), d.m.focus)
	}
	if s := d.screen(); !strings.Contains(s, "404 Not Found") {
		t.Errorf("404 not on screen:\n%s", s)
	}
}

func TestPickerClosesOnEscAndOutsideClick(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{}, 80, 24)
	d.press("f2", "esc")
	if d.m.overlay.open() {
		t.Error("esc did not close the picker")
	}
	d.press("f2")
	d.send(tea.MouseClickMsg{X: 0, Y: 0, Button: tea.MouseLeft})
	if d.m.overlay.open() {
		t.Error("a click outside did not close the picker")
	}
}

func TestLabPicker(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{LabURL: "http://127.0.0.1:9"}, 80, 24)
	d.press("ctrl+l")
	if !d.m.overlay.open() {
		t.Fatal("ctrl+l did not open the lab picker")
	}
	d.press("h", "a", "n", "g", "enter")
	req, err := d.m.composer.Request()
	if err != nil || req.URL != "http://127.0.0.1:9/hang" || req.Method != "GET" {
		t.Errorf("composer = %+v, %v", req, err)
	}
	if d.m.focus != layout.Composer {
		t.Errorf("focus %v", d.m.focus)
	}
}

func TestLabPickerHTTP2(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{LabURL: "http://127.0.0.1:9"}, 80, 24)
	d.press("ctrl+l")
	d.press(strings.Split("/h2/204/data", "")...)
	d.press("enter")
	req, err := d.m.composer.Request()
	if err != nil || req.URL != "http://127.0.0.1:9/h2/204/data" || req.HTTP2 != probe.HTTP2Prior {
		t.Errorf("composer = %+v, %v", req, err)
	}
}

func TestLabPickerWithoutLab(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{}, 80, 24)
	d.press("ctrl+l")
	if d.m.overlay.open() || !strings.Contains(d.screen(), "no lab is running") {
		t.Errorf("without a lab:\n%s", d.screen())
	}
}

func TestHistoryPicker(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st := history.Store{Path: history.PathIn(dir)}
	if err := st.Add(history.Entry{Time: time.Now(), Method: "PUT", URL: "http://example.test/x", Body: "hi", Status: 201}); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, Options{StateDir: dir}, 100, 30)
	d.press("f4")
	if s := d.screen(); !strings.Contains(s, "http://example.test/x") {
		t.Fatalf("history list:\n%s", s)
	}
	d.press("enter")
	req, err := d.m.composer.Request()
	if err != nil || req.Method != "PUT" || req.URL != "http://example.test/x" || string(req.Body) != "hi" {
		t.Errorf("composer = %+v, %v", req, err)
	}
}

// TestHistoryPickerShowsEachRequestOnce sends the same request again after another one: the
// list shows it once, with its newest status, while the file keeps every entry.
func TestHistoryPickerShowsEachRequestOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st := history.Store{Path: history.PathIn(dir)}
	now := time.Now()
	for i, e := range []history.Entry{
		{Method: "GET", URL: "http://example.test/a", Status: 500},
		{Method: "GET", URL: "http://example.test/b", Status: 200},
		{Method: "GET", URL: "http://example.test/a", Status: 204},
	} {
		e.Time = now.Add(time.Duration(i-3) * time.Minute)
		if err := st.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	d := newDriver(t, Options{StateDir: dir}, 100, 30)
	d.press("f4")
	if n := d.m.overlay.p.Len(); n != 2 {
		t.Errorf("the history list has %d rows, want 2:\n%s", n, d.screen())
	}
	s := ansi.Strip(d.m.overlay.p.View())
	if strings.Count(s, "http://example.test/a") != 1 || !strings.Contains(s, "204") || strings.Contains(s, "500") {
		t.Errorf("want /a once, with its newest status 204:\n%s", s)
	}
	if strings.Index(s, "example.test/a") > strings.Index(s, "example.test/b") {
		t.Errorf("the request sent last is not first:\n%s", s)
	}
	d.press("down", "enter")
	if req, _ := d.m.composer.Request(); req.URL != "http://example.test/b" {
		t.Errorf("the second row filled in %q, want /b", req.URL)
	}
	if entries, err := st.Load(); err != nil || len(entries) != 3 {
		t.Errorf("the file holds %d entries (%v), want all 3", len(entries), err)
	}
}

// TestDamagedHistoryIsReported starts on a damaged history file at 80 columns: a short warning
// stays in the hint bar, uncut, through typing and past a notice's lifetime, until the history
// list is opened, which names the file the history was moved to.
func TestDamagedHistoryIsReported(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := writeFile(history.PathIn(dir), "{not json"); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, Options{StateDir: dir}, 80, 24)
	moved, err := filepath.Glob(history.PathIn(dir) + ".damaged-*")
	if err != nil || len(moved) != 1 {
		t.Fatalf("set aside: %v, %v", moved, err)
	}
	const warning = "! history was damaged and set aside · see f4"
	hint := func() string {
		lines := strings.Split(d.screen(), "\n")
		return lines[len(lines)-1]
	}
	if !strings.Contains(hint(), warning) {
		t.Fatalf("the hint bar does not warn in full:\n%s", d.screen())
	}
	d.press("x")
	d.send(noticeExpiredMsg{seq: d.m.notice.seq})
	if !strings.Contains(hint(), warning) {
		t.Errorf("the warning went away before the history list was opened:\n%s", d.screen())
	}
	d.press("f4")
	flat := strings.NewReplacer("│", "", " ", "", "\n", "")
	if s := ansi.Strip(d.m.overlay.p.View()); !strings.Contains(flat.Replace(s), moved[0]) ||
		!strings.Contains(s, "could not be read") {
		t.Errorf("the history list does not say where the file went (%s):\n%s", moved[0], s)
	}
	d.press("esc")
	if strings.Contains(hint(), "damaged") {
		t.Errorf("the warning stays after the history list was seen:\n%s", d.screen())
	}
	d.press("f4")
	if s := ansi.Strip(d.m.overlay.p.View()); !strings.Contains(s, "set aside as") {
		t.Errorf("the history list no longer says where the file went:\n%s", s)
	}
}

// TestDamagedOnSaveIsReported has a write find the history file damaged (another program wrote
// it meanwhile): the same warning appears, and the list names the new place.
func TestDamagedOnSaveIsReported(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{}, 80, 24)
	const moved = "/state/hsx/history.json.damaged-20261124T204350Z"
	d.send(historySavedMsg{err: &history.DamagedError{Path: "/state/hsx/history.json", Moved: moved, Err: io.ErrUnexpectedEOF}})
	if !strings.Contains(d.screen(), "history was damaged and set aside") {
		t.Errorf("no warning:\n%s", d.screen())
	}
	d.press("f4")
	if s := ansi.Strip(d.m.overlay.p.View()); !strings.Contains(s, moved) {
		t.Errorf("the history list does not name %s:\n%s", moved, s)
	}
}

func TestSectionsPicker(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{}, 100, 30)
	d.press("tab", "tab", "s")
	if !d.m.overlay.open() {
		t.Fatal("s did not open the section list")
	}
	d.press("d", "a", "n", "g", "enter")
	if got := d.m.explainer.Section(); got != "Why bytes after a 204 are dangerous" {
		t.Errorf("section %q", got)
	}
}

func TestZoom(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{}, 80, 24)
	d.press("tab", "f6")
	if r := d.m.lay.Pane(layout.Results); r.H != 23 || !d.m.lay.Pane(layout.Composer).Empty() {
		t.Errorf("zoomed layout %+v", d.m.lay.Panes)
	}
	d.press("esc")
	if d.m.zoom {
		t.Error("esc did not unzoom")
	}
}

func TestSendAtStart(t *testing.T) {
	t.Parallel()
	url := startLab(t)
	d := newDriver(t, Options{LabURL: url, Initial: &probe.Request{Method: "GET", URL: url + "/204"}, SendAtStart: true}, 100, 30)
	d.until("the response", 5*time.Second, func(m Model) bool { return m.reqID == 1 && m.inflight == nil })
	if !strings.Contains(d.screen(), "no problems") {
		t.Errorf("screen:\n%s", d.screen())
	}
}

func TestQuit(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"ctrl+c", "q"} {
		d := newDriver(t, Options{}, 80, 24)
		if k == "q" {
			d.press("tab") // q is text in the URL field
		}
		_, cmd := d.m.Update(keyPress(k))
		if cmd == nil {
			t.Fatalf("%s returned no command", k)
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Errorf("%s did not quit", k)
		}
	}
}

func TestBackgroundColor(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{}, 80, 24)
	d.send(tea.BackgroundColorMsg{Color: lightGray{}})
	d.settle()
	if d.m.th.Dark {
		t.Error("a light background left the dark theme on")
	}
}

// lightGray is a light terminal background.
type lightGray struct{}

func (lightGray) RGBA() (r, g, b, a uint32) { return 0xeeee, 0xeeee, 0xeeee, 0xffff }

func TestPresentBadge(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{Present: true}, 100, 30)
	d.send(keyPress("f1"))
	if !strings.Contains(d.screen(), "⌨ f1") {
		t.Fatalf("no key badge:\n%s", d.screen())
	}
	d.send(badgeExpiredMsg{seq: d.m.badge.seq})
	if strings.Contains(d.screen(), "⌨") {
		t.Error("badge did not expire")
	}
	d.send(keyPress("esc"))
	d.send(keyPress("x"))
	if d.m.badge.text != "esc" {
		t.Errorf("badge %q after typing a letter, want the esc from before", d.m.badge.text)
	}
}

// TestViewFitsTerminal checks that every size, resize and overlay gives exactly one screen:
// no line wider than the terminal, no missing or extra line, whether the explainer has caught up
// with the new width or not.
func TestViewFitsTerminal(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{LabURL: "http://127.0.0.1:9"}, 80, 24)
	sizes := [][2]int{{80, 24}, {200, 50}, {100, 30}, {140, 40}, {139, 40}, {40, 16}, {30, 10}, {80, 24}}
	check := func(what string, w, h int) {
		t.Helper()
		if err := uitest.Shape(d.m.View().Content, w, h); err != nil {
			t.Errorf("%s %dx%d: %v", what, w, h, err)
		}
	}
	for _, keys := range [][]string{nil, {"f2"}, {"esc", "f1"}} {
		d.press(keys...)
		for _, sz := range sizes {
			d.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			check(fmt.Sprint(keys), sz[0], sz[1])
		}
		d.settle()
		check(fmt.Sprint(keys, " settled"), 80, 24)
	}
}

func TestExplainerFollowsSelection(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{LabURL: startLab(t)}, 160, 45)
	d.sendRequest()
	first, _ := d.m.results.Finding()
	d.press("down")
	next, _ := d.m.results.Finding()
	if next.ID == first.ID {
		t.Fatalf("down did not move to another rule (%s)", next.ID)
	}
	_, heading, _ := content.ForRule(next.ID)
	if got := d.m.explainer.Section(); got != heading {
		t.Errorf("explainer at %q after selecting %s, want %q", got, next.ID, heading)
	}
	if d.m.focus != layout.Results {
		t.Errorf("selection moved focus to %v", d.m.focus)
	}
}

// TestAnsiBodyStaysInert sends the lab's body full of terminal escape sequences and checks that
// none of them reaches the screen in any view of the response.
func TestAnsiBodyStaysInert(t *testing.T) {
	t.Parallel()
	url := startLab(t)
	d := newDriver(t, Options{LabURL: url, Initial: &probe.Request{Method: "GET", URL: url + "/ansi"}}, 120, 40)
	d.sendRequest()
	for _, view := range []string{"1", "2", "3", "4"} {
		d.press(view)
		v := d.m.View().Content
		for _, bad := range []string{"\x1b[2J", "\x1b]52;", "\x1b]0;", "\x07", "\x1b[?25l", "\x1b]8;;https://example.com/not"} {
			if strings.Contains(v, bad) {
				t.Errorf("view %s: %q reached the screen", view, bad)
			}
		}
	}
	d.press("2")
	if !strings.Contains(d.screen(), `\x1b[2J`) {
		t.Errorf("the escapes are not shown visibly in the body:\n%s", d.screen())
	}
}

func TestRelatedCodes(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{}, 100, 30)
	d.press("tab", "tab", "r")
	if !d.m.overlay.open() || !strings.Contains(d.screen(), "Related to 204 No Content") {
		t.Fatalf("r did not open the related codes:\n%s", d.screen())
	}
	doc, _ := content.Lookup(204)
	if got := d.m.overlay.p.Len(); got == 0 || got > len(doc.Related) {
		t.Errorf("%d related codes listed, the document names %d", got, len(doc.Related))
	}
	d.press("enter")
	if d.m.explainer.Code() != doc.Related[0] {
		t.Errorf("explainer shows %d, want %d", d.m.explainer.Code(), doc.Related[0])
	}
}

func TestHistoryOffIsReported(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "")
	t.Setenv("HOME", "")
	d := &driver{t: t, m: New(Options{}), msgs: make(chan tea.Msg, 256)}
	d.start(d.m.Init())
	d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	d.settle()
	if d.m.store != nil {
		t.Skip("this platform found a state directory without HOME")
	}
	if s := d.screen(); !strings.Contains(s, "history is off") {
		t.Errorf("no notice:\n%s", s)
	}
}

func TestClickFindingExplainsIt(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{LabURL: startLab(t)}, 160, 45)
	d.sendRequest()
	fs := d.m.results.Findings()
	if len(fs) < 2 {
		t.Fatalf("findings: %+v", fs)
	}
	inner := d.m.inner(layout.Results)
	row := -1
	for y, l := range strings.Split(d.screen(), "\n") {
		if y >= inner.Y && y < inner.Y+inner.H && strings.Contains(l, fs[1].ID+" ") && strings.Contains(l, "error") {
			row = y
			break
		}
	}
	if row < 0 {
		t.Fatalf("finding %s not on screen:\n%s", fs[1].ID, d.screen())
	}
	d.send(tea.MouseClickMsg{X: inner.X + 10, Y: row, Button: tea.MouseLeft})
	d.settle()
	_, heading, _ := content.ForRule(fs[1].ID)
	if got := d.m.explainer.Section(); got != heading {
		t.Errorf("after clicking %s the explainer is at %q, want %q", fs[1].ID, got, heading)
	}
}

func TestPresentMasksSecrets(t *testing.T) {
	t.Parallel()
	req := &probe.Request{Method: "GET", URL: "http://127.0.0.1:9/", Header: []probe.Field{{Name: "Authorization", Value: "Bearer s3cr3t", Line: -1}}}
	d := newDriver(t, Options{Present: true, Initial: req}, 120, 40)
	if !d.m.composer.Masked() {
		t.Error("presentation mode did not turn masking on")
	}
	d.press("tab") // the composer shows a field being edited in clear; leave it
	if s := d.screen(); strings.Contains(s, "s3cr3t") {
		t.Errorf("the secret is on screen:\n%s", s)
	}
}

func TestClickInPicker(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{}, 100, 30)
	d.press("f2", "4", "0", "4")
	r := d.m.overlayRect()
	d.send(tea.MouseClickMsg{X: r.X + 5, Y: r.Y + 3, Button: tea.MouseLeft}) // the first row
	d.settle()
	if d.m.overlay.open() || d.m.explainer.Code() != 404 {
		t.Errorf("click: overlay open %v, explainer %d", d.m.overlay.open(), d.m.explainer.Code())
	}
}

// TestHistoryAfterRestart sends a lab request, then starts a new explorer on the same history
// with the lab on another port: the entry is offered, and filled in, at the new lab, while an
// entry outside the lab stays exactly as typed.
func TestHistoryAfterRestart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	d := newDriver(t, Options{LabURL: startLab(t), StateDir: dir}, 100, 30)
	d.sendRequest()

	st := history.Store{Path: history.PathIn(dir)}
	if err := st.Add(history.Entry{Time: time.Now().Add(-time.Hour), Method: "GET", URL: "http://127.0.0.1:9/elsewhere"}); err != nil {
		t.Fatal(err)
	}
	const relab = "http://127.0.0.1:40404"
	d2 := newDriver(t, Options{LabURL: relab, StateDir: dir}, 100, 30)
	d2.press("f4")
	if s := d2.screen(); !strings.Contains(s, relab+"/204/body") {
		t.Fatalf("the lab entry is not shown at the new lab:\n%s", s)
	}
	d2.press("enter")
	req, err := d2.m.composer.Request()
	if err != nil || req.Method != "DELETE" || req.URL != relab+"/204/body" {
		t.Errorf("composer = %+v, %v; want DELETE %s/204/body", req, err, relab)
	}
	d2.press("f4", "down", "enter")
	if req, _ := d2.m.composer.Request(); req.URL != "http://127.0.0.1:9/elsewhere" {
		t.Errorf("an entry outside the lab was changed to %q", req.URL)
	}
}

// TestNoticeIsInert shows a notice that quotes a URL with escape sequences in it, as the
// composer's error about a pasted URL would: they must not reach the terminal.
func TestNoticeIsInert(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{}, 100, 30)
	d.m.flash("bad URL \"\x1b]52;c;aGk=\x07\x1b[2J\"", noticeError)
	if s := d.m.View().Content; strings.Contains(s, "\x1b]52") || strings.Contains(s, "\x1b[2J") {
		t.Errorf("the notice reached the screen raw: %q", ansi.Strip(s))
	}
	if !strings.Contains(d.screen(), "bad URL") {
		t.Errorf("the notice is not shown:\n%s", d.screen())
	}
}

// TestComposerGrowsWithItsFields pastes a curl command with four headers: the composer takes
// the rows to show them all, and gives them back when they are gone.
func TestComposerGrowsWithItsFields(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{LabURL: "http://127.0.0.1:9"}, 100, 50)
	small := d.m.lay.Pane(layout.Composer).H
	d.send(tea.PasteMsg{Content: "curl -X PUT http://127.0.0.1:9/x -H 'A-One: 1' -H 'B-Two: 2' -H 'C-Three: 3' -H 'D-Four: 4' -d 'line1\nline2'"})
	d.settle()
	s := d.screen()
	for _, want := range []string{"A-One: 1", "B-Two: 2", "C-Three: 3", "D-Four: 4", "line1", "line2"} {
		if !strings.Contains(s, want) {
			t.Errorf("the composer does not show %q:\n%s", want, s)
		}
	}
	if h := d.m.lay.Pane(layout.Composer).H; h <= small {
		t.Errorf("the composer kept %d rows (%d before the paste)", h, small)
	}
	d.m.composer.SetRequest(probe.Request{Method: "GET", URL: "http://127.0.0.1:9/"})
	d.press("tab", "shift+tab")
	if h := d.m.lay.Pane(layout.Composer).H; h != small {
		t.Errorf("the composer has %d rows for an empty request, want %d again", h, small)
	}
}

// TestFailedPasteIsNotSentOver pastes a curl command that does not parse: the request from
// before is still in the fields, marked unchanged, under the command and its error, and no send
// key sends it; esc drops the command and enter sends the request from before.
func TestFailedPasteIsNotSentOver(t *testing.T) {
	t.Parallel()
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		d := newDriver(t, Options{LabURL: "http://127.0.0.1:9"}, sz[0], sz[1])
		d.press("tab") // the paste moves focus back to the composer
		d.send(tea.PasteMsg{Content: "curl -X PUT http://127.0.0.1:9/x -H 'A: b"})
		d.settle()
		if d.m.focus != layout.Composer {
			t.Errorf("%v: focus %v after the paste, want the composer", sz, d.m.focus)
		}
		for _, k := range []string{"enter", "ctrl+s", "f5"} {
			d.press(k)
			if d.m.reqID != 0 {
				t.Fatalf("%v: %s sent the request from before", sz, k)
			}
		}
		s := d.screen()
		for _, want := range []string{"DELETE   http://127.0.0.1:9/204/body", "Pasted curl command", "unchanged",
			"curl -X PUT http://127.0.0.1:9/x -H 'A: b", "✗ curl command: unterminated ' quote"} {
			if !strings.Contains(s, want) {
				t.Errorf("%v: screen lacks %q:\n%s", sz, want, s)
			}
		}
		d.press("esc")
		if d.m.composer.Drafting() {
			t.Fatalf("%v: esc did not drop the command", sz)
		}
		d.m.stop()
	}
}

// The program's first model stands in for the explorer's while it is built: an empty screen
// in the explorer's modes, then the explorer itself, sized by the first message.
func TestStartingHandsOver(t *testing.T) {
	s := buildInBackground(t.Context(), Options{LabURL: "http://127.0.0.1:1", NoHistory: true})
	if v := s.View(); v.Content != "" || !v.AltScreen || v.MouseMode != tea.MouseModeCellMotion {
		t.Errorf("the stand-in's view: content %q, alt screen %v, mouse mode %v", v.Content, v.AltScreen, v.MouseMode)
	}
	if s.Init() != nil {
		t.Error("the stand-in runs a command of its own at start")
	}
	next, cmd := s.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m, ok := next.(Model)
	if !ok {
		t.Fatalf("after the first message the model is a %T, not the explorer's", next)
	}
	if m.width != 120 || m.height != 40 {
		t.Errorf("the explorer is %dx%d, want the first message's 120x40", m.width, m.height)
	}
	if cmd == nil {
		t.Error("the explorer's Init commands (background color, history) were dropped")
	}
	if !strings.Contains(m.View().Content, "DELETE") {
		t.Errorf("the explorer's screen lacks the lab's request:\n%s", m.View().Content)
	}
}

// A panic while the explorer's model is built comes out of the stand-in's Update, on the
// program's goroutine, where Bubble Tea recovers and puts the terminal back; not out of a
// goroutine of its own, which would end the process with the terminal still raw.
func TestStartingPanicsInUpdate(t *testing.T) {
	ready := make(chan built, 1)
	ready <- built{panicked: "broken"}
	s := starting{ready: ready}
	defer func() {
		if r := recover(); r != "broken" {
			t.Errorf("Update raised %v, want the builder's panic", r)
		}
	}()
	s.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	t.Error("Update returned although building the model had panicked")
}
