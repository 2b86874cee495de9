package replay

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

// children returns the process IDs of this process's children (Linux only).
func children(t *testing.T) []string {
	t.Helper()
	tasks, _ := filepath.Glob("/proc/self/task/*/children")
	var ids []string
	for _, f := range tasks {
		b, _ := os.ReadFile(f)
		ids = append(ids, strings.Fields(string(b))...)
	}
	return ids
}

// running reports whether the process pid is still running half a second from now (Linux
// only): a killed process may take a moment to go, and a zombie is not running.
func running(pid string) bool {
	for range 10 {
		stat, err := os.ReadFile("/proc/" + pid + "/stat")
		if err != nil {
			return false
		}
		if f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:])); len(f) > 0 && f[0] == "Z" {
			return false
		}
		time.Sleep(50 * time.Millisecond)
	}
	return true
}

func TestNotInstalled(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	rep, err := Run(context.Background(), probe.Parse([]byte(goodNoContent), "GET"), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Clients) != 7 {
		t.Fatalf("%d clients", len(rep.Clients))
	}
	for _, r := range rep.Clients {
		if r.Name == NameGo {
			if !r.OK || r.NotInstalled || r.Version != runtime.Version() {
				t.Errorf("Go: %+v", r)
			}
			continue
		}
		if !r.NotInstalled || r.OK || r.Note != "not installed" || r.Deliveries == nil || len(r.Deliveries) != 0 {
			t.Errorf("%s without a PATH: %+v", r.Name, r)
		}
	}
	rep, _ = Run(context.Background(), probe.Parse([]byte(goodNoContent), "GET"), Options{Clients: []string{NameGo}})
	if r := rep.Clients[0]; !r.NotInstalled {
		t.Errorf("Go without a command: %+v", r)
	}
}

func TestRunCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := Run(ctx, probe.Parse([]byte(brokenNoContent), "GET"), testOptions())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("cancellation took %v", d)
	}
	if runtime.GOOS == "linux" {
		if ids := children(t); len(ids) > 0 {
			t.Errorf("processes left running: %v", ids)
		}
	}
}

func TestClientTimeout(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("needs sh")
	}
	// The client starts a process of its own and says where it is.
	pidFile := filepath.Join(t.TempDir(), "pid")
	opts := Options{GoCommand: []string{sh, "-c", "sleep 10 & echo $! > " + pidFile + "; wait"},
		Clients: []string{NameGo}, ClientTimeout: 300 * time.Millisecond}
	start := time.Now()
	rep, err := Run(context.Background(), probe.Parse([]byte(goodNoContent), "GET"), opts)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("a client bounded by 300ms held the run for %v", d)
	}
	if r := rep.Clients[0]; r.OK || !strings.Contains(r.Note, "stopped after 300ms") {
		t.Errorf("result %+v", r)
	}
	if runtime.GOOS == "linux" {
		if ids := children(t); len(ids) > 0 {
			t.Errorf("processes left running: %v", ids)
		}
		b, err := os.ReadFile(pidFile)
		if err != nil {
			t.Fatal(err)
		}
		if pid := strings.TrimSpace(string(b)); running(pid) {
			t.Errorf("the client's own process %s outlived the run", pid)
		}
	}
}

// TestLibraryMissing: a client program that cannot import its library reports the client as
// not installed, not as a failure.
func TestLibraryMissing(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("needs sh")
	}
	opts := Options{GoCommand: []string{sh, "-c", `echo '{"missing":"requests"}'`}, Clients: []string{NameGo}}
	rep, err := Run(context.Background(), probe.Parse([]byte(goodNoContent), "GET"), opts)
	if err != nil {
		t.Fatal(err)
	}
	if r := rep.Clients[0]; !r.NotInstalled || r.OK || r.Note != "not installed (no requests module)" || len(r.Deliveries) != 0 {
		t.Errorf("result %+v", r)
	}
}

func TestRunWholeBound(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("needs sh")
	}
	opts := Options{GoCommand: []string{sh, "-c", "sleep 10"}, Clients: []string{NameGo}, Timeout: 200 * time.Millisecond}
	start := time.Now()
	rep, err := Run(context.Background(), probe.Parse([]byte(goodNoContent), "GET"), opts)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("a run bounded by 200ms took %v", d)
	}
	if r := rep.Clients[0]; r.OK || !strings.Contains(r.Note, "did not finish") {
		t.Errorf("result %+v", r)
	}
}

// TestTruncatedCapture: a capture longer than what hsx kept replays the kept part, closes
// the connection, and says so.
func TestTruncatedCapture(t *testing.T) {
	ex := probe.Parse([]byte("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"+strings.Repeat("x", 100)), "GET")
	ex.Wire = ex.Wire[:60]
	rep, err := Run(context.Background(), ex, testOptions(NameGo))
	if err != nil {
		t.Fatal(err)
	}
	r := rep.Clients[0]
	if !strings.HasPrefix(rep.Note, "hsx kept the first 60 of the 140 bytes") || !strings.Contains(r.Note, rep.Note) {
		t.Errorf("report note %q, client note %q", rep.Note, r.Note)
	}
	if r.OK || len(r.Deliveries) != 2 || r.Deliveries[0].First.Error == "" {
		t.Errorf("Go on a cut body: %+v", r)
	}
}

func TestNothingToReplay(t *testing.T) {
	if _, err := Run(context.Background(), probe.Parse([]byte("SSH-2.0-x\r\n"), "GET"), testOptions()); !errors.Is(err, ErrNothing) {
		t.Errorf("err = %v", err)
	}
}
