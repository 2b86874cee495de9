package results

import (
	"fmt"
	"strconv"
	"time"

	"github.com/hsx-dev/hsx/internal/english"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/ui/theme"
)

// glyph is the margin mark of a severity.
func glyph(s check.Severity) string { return theme.Glyph(s) }

// bytesText is a byte count for people: exact below 10 KiB, then in KiB, MiB or GiB.
func bytesText(n int64) string {
	switch {
	case n < 10<<10:
		return english.Plural(n, "byte")
	case n < 1<<20:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	case n < 1<<30:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
}

// BytesText is a byte count for people, as the pane writes them: exact below 10 KiB, then in
// KiB, MiB or GiB.
func BytesText(n int64) string { return bytesText(n) }

// shortBytes is a compact byte count for the status line: "112 B", "1.0 MiB".
func shortBytes(n int64) string {
	switch {
	case n < 1<<10:
		return strconv.FormatInt(n, 10) + " B"
	case n < 1<<20:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	case n < 1<<30:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
}

// durText is a duration for people: "0.4 ms", "12 ms", "1.2 s".
func durText(d time.Duration) string {
	switch {
	case d <= 0:
		return "0 ms"
	case d < 10*time.Millisecond:
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	case d < time.Second:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}
