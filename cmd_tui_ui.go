package main

import (
	"context"
	"errors"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/replay"
	"github.com/hsx-dev/hsx/ui"
)

// runUI runs the terminal user interface until the user quits or ctx ends (a signal).
func runUI(ctx context.Context, opts tuiOptions) error {
	err := ui.Run(ctx, ui.Options{
		LabURL:      opts.LabURL,
		Initial:     opts.Initial,
		SendAtStart: opts.SendAtStart,
		Present:     opts.Present,
		Replay: func(ctx context.Context, ex *probe.Exchange) (replay.Report, error) {
			return replay.Run(ctx, ex, replayOptions())
		},
		NoHistory: opts.NoHistory,
	})
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		return nil // stopped by a signal: a clean exit
	}
	return err
}
