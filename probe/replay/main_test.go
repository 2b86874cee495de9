package replay

import (
	"context"
	"os"
	"strings"
	"testing"
)

// goChild is the argument that makes the test binary run GoClient, as hsx's hidden
// subcommand does.
const goChild = "__replay-go-test"

func TestMain(m *testing.M) {
	if len(os.Args) == 3 && os.Args[1] == goChild {
		if err := GoClient(context.Background(), os.Args[2], os.Stdout); err != nil {
			os.Exit(2)
		}
		os.Exit(0)
	}
	// Built with the race detector, the child would sleep a second at exit for goroutines still
	// running to report races, and it exits after every replay: a hundred scenarios, a hundred
	// seconds. Races are still reported as they happen.
	if v := os.Getenv("GORACE"); !strings.Contains(v, "atexit_sleep_ms") {
		os.Setenv("GORACE", strings.TrimSpace(v+" atexit_sleep_ms=0"))
	}
	os.Exit(m.Run())
}

// testOptions runs Go's client as a child process of the test binary.
func testOptions(names ...string) Options {
	return Options{GoCommand: []string{os.Args[0], goChild}, Clients: names}
}
