package main

import (
	"context"
	"strings"

	"github.com/hsx-dev/hsx/probe/replay"
)

// replayGoCommand is the hidden subcommand that runs Go's net/http client of a replay in a
// process of its own; `hsx check --clients` starts it with the replay URL. It is not listed
// in the help.
const replayGoCommand = "__replay-go"

// runReplayGo runs `hsx __replay-go URL`: Go's client against a loopback replay server.
func runReplayGo(ctx context.Context, args []string, std stdio) int {
	if len(args) != 1 || !strings.HasPrefix(args[0], "http://127.0.0.1:") {
		return fail(usageErrorf("%s takes one loopback replay URL", replayGoCommand), std)
	}
	return fail(replay.GoClient(ctx, args[0], std.out), std)
}
