// Command turns times whole processes the way a shared machine allows a fair comparison: the
// commands take turns, one run of each per round with the first one changing every round, so
// that a load that drifts during the measurement weighs on all of them alike.
//
//	go run ./scripts/turns [-runs N] [-warmup W] NAME=COMMAND...
//
// Each COMMAND is split at spaces and started directly, without a shell, its output discarded.
// For each NAME, one line is printed: the name, then the median, minimum and maximum wall time
// in milliseconds, the largest peak RSS in KiB, and how many runs failed; then one line with
// the load averages before and after the runs.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

type command struct {
	name   string
	argv   []string
	times  []time.Duration
	maxRSS int64
	failed int
}

func main() {
	runs := flag.Int("runs", 30, "timed runs of each command")
	warmup := flag.Int("warmup", 3, "untimed runs of each command first")
	okStatus := flag.Int("ok", 0, "highest exit status that counts as success")
	flag.Parse()
	var cmds []*command
	for _, arg := range flag.Args() {
		name, line, ok := strings.Cut(arg, "=")
		if !ok || name == "" || strings.TrimSpace(line) == "" {
			fmt.Fprintf(os.Stderr, "turns: %q is not NAME=COMMAND\n", arg)
			os.Exit(2)
		}
		cmds = append(cmds, &command{name: name, argv: strings.Fields(line)})
	}
	if len(cmds) == 0 {
		fmt.Fprintln(os.Stderr, "turns: no commands")
		os.Exit(2)
	}
	before := loadavg()
	for round := 0; round < *warmup+*runs; round++ {
		for i := range cmds {
			c := cmds[(round+i)%len(cmds)]
			d, rss, err := runOnce(c.argv, *okStatus)
			if round < *warmup {
				continue
			}
			if err != nil {
				c.failed++
				if c.failed == 1 {
					fmt.Fprintf(os.Stderr, "turns: %s: %v\n", c.name, err)
				}
				continue
			}
			c.times = append(c.times, d)
			c.maxRSS = max(c.maxRSS, rss)
		}
	}
	after := loadavg()
	for _, c := range cmds {
		if len(c.times) == 0 {
			fmt.Printf("%s - - - - %d\n", c.name, c.failed)
			continue
		}
		slices.Sort(c.times)
		fmt.Printf("%s %.3f %.3f %.3f %d %d\n", c.name, ms(median(c.times)), ms(c.times[0]),
			ms(c.times[len(c.times)-1]), c.maxRSS, c.failed)
	}
	fmt.Printf("load %s -> %s\n", before, after)
}

// runOnce runs argv with its output discarded and returns its wall time and peak RSS in KiB.
func runOnce(argv []string, okStatus int) (time.Duration, int64, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if err != nil {
		exit, ok := err.(*exec.ExitError)
		if !ok || exit.ExitCode() < 0 || exit.ExitCode() > okStatus {
			return 0, 0, err
		}
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	return d, rss, nil
}

// median returns the middle of sorted durations (the mean of the two middle ones for an even
// count).
func median(s []time.Duration) time.Duration {
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// loadavg returns the three load averages from /proc/loadavg, or "?" where it cannot be read.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
