package main

import (
	"context"
	"errors"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/replay"
	"github.com/hsx-dev/hsx/ui"
)

// runUI runs the terminal user interface until the user quits or ctx ends (a signal). The
// Clients view replays responses with hsx's own replay options.
func runUI(ctx context.Context, opts ui.Options) error {
	opts.Replay = func(ctx context.Context, ex *probe.Exchange) (replay.Report, error) {
		return replay.Run(ctx, ex, replayOptions())
	}
	err := ui.Run(ctx, opts)
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		return nil // stopped by a signal: a clean exit
	}
	return err
}
