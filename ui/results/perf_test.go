package results

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/ui/internal/uitest"
	"github.com/hsx-dev/hsx/ui/theme"
)

// bigJSON is a response with a body of about 1 MiB of JSON.
func bigJSON() string { return string(uitest.BigJSONResponse()) }

// bigBinary is a response with 1 MiB of binary data.
func bigBinary() string {
	body := make([]byte, 1<<20)
	for i := range body {
		body[i] = byte(i * 7)
	}
	return fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
}

// TestViewIsCheap checks that drawing a 200×60 pane with a 1 MiB body costs well under 2 ms,
// whatever the view and wherever it is scrolled.
func TestViewIsCheap(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("timing test: not under -short or the race detector")
	}
	for name, stream := range map[string]string{"json": bigJSON(), "binary": bigBinary()} {
		ex := probe.Parse([]byte(stream), "GET")
		m := New(theme.New(true, false))
		m.SetSize(200, 60)
		m.Focus()
		m.SetResult(1, []*probe.Exchange{ex}, []check.Finding{{ID: "S7", Severity: check.Info, Message: "no validator"}}, nil)
		for tab := range numTabs {
			m.SetTab(tab)
			m.scroll(m.views[tab].count() / 2)
			const runs = 50
			best := time.Hour
			for range 3 {
				start := time.Now()
				for range runs {
					_ = m.View()
				}
				best = min(best, time.Since(start)/runs)
			}
			t.Logf("%s %s: %v per View (%d rows)", name, tab, best, m.views[tab].count())
			if best > 2*time.Millisecond {
				t.Errorf("%s %s: View took %v, want well under 2ms", name, tab, best)
			}
		}
	}
}

func BenchmarkView(b *testing.B) {
	ex := probe.Parse([]byte(bigJSON()), "GET")
	m := New(theme.New(true, false))
	m.SetSize(200, 60)
	m.SetResult(1, []*probe.Exchange{ex}, nil, nil)
	for tab := range numTabs {
		b.Run(tab.String(), func(b *testing.B) {
			m.SetTab(tab)
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

func BenchmarkSetResult(b *testing.B) {
	ex := probe.Parse([]byte(bigJSON()), "GET")
	m := New(theme.New(true, false))
	m.SetSize(200, 60)
	for i := 0; b.Loop(); i++ {
		m.SetResult(i+1, []*probe.Exchange{ex}, nil, nil)
	}
}

// TestSearchIsLinear checks that searching a 1 MiB body, with a match every few bytes, takes
// time in proportion to the text: a keystroke well under two seconds even on a busy machine
// (a walk from the start of a long line for each match took minutes), and drawing the
// matches no more than drawing the view.
func TestSearchIsLinear(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("timing test: not under -short or the race detector")
	}
	dense := "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 1048572\r\n\r\n" +
		strings.Repeat("\x00\x01abc\xff", 1048572/6)
	for name, stream := range map[string]string{"json": bigJSON(), "binary": bigBinary(), "dense": dense} {
		ex := probe.Parse([]byte(stream), "GET")
		m := New(theme.New(true, false))
		m.SetSize(200, 60)
		m.SetResult(1, []*probe.Exchange{ex}, nil, nil)
		for _, tab := range []Tab{TabHeaders, TabBody, TabRaw} {
			m.SetTab(tab)
			m.StartSearch()
			for _, q := range []string{"a", "ab", "abc"} {
				start := time.Now()
				m.SetSearch(q)
				if d := time.Since(start); d > 2*time.Second {
					t.Errorf("%s %s: SetSearch(%q) took %v", name, tab, q, d)
				}
			}
			m.SearchJump(true, 0)
			start := time.Now()
			_ = m.View()
			if d := time.Since(start); d > 20*time.Millisecond {
				t.Errorf("%s %s: View with matches took %v", name, tab, d)
			}
			m.EndSearch()
		}
	}
}
