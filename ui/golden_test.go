package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// Things on screen that change from run to run, and what the goldens show instead.
var (
	portRe   = regexp.MustCompile(`127\.0\.0\.1:\d{5}`)
	dateRe   = regexp.MustCompile(`[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT`)
	timingRe = regexp.MustCompile(`\d+(\.\d+)? ?(ns|µs|ms|s)\b`)
	spacesRe = regexp.MustCompile(` {2,}`)
)

// masked replaces ports and dates by values of the same width, and timings by "T" on a line
// whose runs of spaces are then collapsed, since the padding after a timing varies with it.
func masked(screen string) string {
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		l = portRe.ReplaceAllString(l, "127.0.0.1:40000")
		l = dateRe.ReplaceAllString(l, "Sun, 06 Nov 1994 08:49:37 GMT")
		if timingRe.MatchString(l) {
			l = spacesRe.ReplaceAllString(timingRe.ReplaceAllString(l, "T"), "  ") + "  (timing masked)"
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}

// TestGolden compares the main screens, escapes stripped, with testdata/TestGolden/*.golden at
// 80×24 and 160×45. Run with -update to rewrite them after an intended change.
func TestGolden(t *testing.T) {
	t.Parallel()
	url := startLab(t)
	screens := []struct {
		name string
		run  func(d *driver)
	}{
		{"start", func(*driver) {}},
		{"broken204", func(d *driver) { d.sendRequest() }},
		{"explained", func(d *driver) { d.sendRequest(); d.press("down", "enter") }},
		{"codes", func(d *driver) { d.press("f2", "3", "0") }},
		{"help", func(d *driver) { d.press("tab", "f1") }},
	}
	for _, sz := range [][2]int{{80, 24}, {160, 45}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, sz[0], sz[1]), func(t *testing.T) {
				d := newRenderingDriver(t, Options{LabURL: url}, sz[0], sz[1])
				sc.run(d)
				golden.RequireEqual(t, masked(d.screen()))
			})
		}
	}
}

func TestMasked(t *testing.T) {
	t.Parallel()
	in := "GET http://127.0.0.1:41685/x\nDate: Tue, 24 Nov 2026 19:20:27 GMT\n 204 No Content · 0.5 ms      ✗ 2"
	want := "GET http://127.0.0.1:40000/x\nDate: Sun, 06 Nov 1994 08:49:37 GMT\n 204 No Content · T  ✗ 2  (timing masked)"
	if got := masked(in); got != want {
		t.Errorf("masked:\n%s\nwant:\n%s", got, want)
	}
}
