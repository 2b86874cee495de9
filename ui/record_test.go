package ui

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/ui/history"
)

// TestFirstSaveWaitsForTheLoad finishes a request before the history read at start has come
// back, on an intact, a damaged and a missing history file, and lets the write run first, as it
// may. The entry must be kept once, in memory and on disk, with the entries from before, and a
// damaged file must be set aside, and reported, once.
func TestFirstSaveWaitsForTheLoad(t *testing.T) {
	t.Parallel()
	old := history.Entry{Method: "GET", URL: "http://127.0.0.1:9/old", Status: 200}
	tests := []struct {
		name    string
		file    string // "" for none, "old" for a history holding old
		wantOld bool
		damaged bool
	}{
		{"intact", "old", true, false},
		{"damaged", "{not json", false, true},
		{"missing", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			st := history.Store{Path: history.PathIn(dir)}
			switch tt.file {
			case "":
			case "old":
				if err := st.Add(old); err != nil {
					t.Fatal(err)
				}
			default:
				if err := writeFile(st.Path, tt.file); err != nil {
					t.Fatal(err)
				}
			}
			d := &driver{t: t, m: New(Options{StateDir: dir}), msgs: make(chan tea.Msg, 256)}
			d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
			load := d.m.loadHistory() // what Init starts, held back

			d.m.send(probe.Request{Method: "GET", URL: "http://127.0.0.1:9/new"})
			resp := []byte("HTTP/1.1 204 No Content\r\n\r\n")
			d.send(resultMsg{id: d.m.reqID, exs: []*probe.Exchange{probe.Parse(resp, "GET")}})
			d.settle() // a write started now finishes before the load
			d.start(load)
			d.settle()
			d.until("the history write", 5*time.Second, func(m Model) bool { return !m.saving && len(m.saveQueue) == 0 })

			urls := func(es []history.Entry) []string {
				var out []string
				for _, e := range es {
					out = append(out, e.URL)
				}
				return out
			}
			want := []string{"http://127.0.0.1:9/new"}
			if tt.wantOld {
				want = append(want, old.URL)
			}
			if got := urls(d.m.history); !slices.Equal(got, want) {
				t.Errorf("in memory: %q, want %q", got, want)
			}
			stored, err := st.Load()
			if got := urls(stored); err != nil || !slices.Equal(got, want) {
				t.Errorf("on disk: %q (%v), want %q", got, err, want)
			}
			moved, _ := filepath.Glob(st.Path + ".damaged-*")
			if n := map[bool]int{true: 1, false: 0}[tt.damaged]; len(moved) != n || len(d.m.setAside) != n {
				t.Errorf("set aside %q, reported %q; want %d of each", moved, d.m.setAside, n)
			}
		})
	}
}
