package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/hsx-dev/hsx/probe/lab"
)

// labUsage is the help of `hsx lab`.
const labUsage = `Usage: hsx lab [--addr HOST:PORT] [--public] [--list]

Serves correct and broken responses for every rule hsx checks, in the foreground, until
interrupted (ctrl+c).

  --addr HOST:PORT   where to listen (default 127.0.0.1:8204)
  --public           allow an address that is not loopback
  --list             print the scenarios and exit
`

// runLab runs `hsx lab`: the lab in the foreground until ctx ends, or its list of scenarios.
func runLab(ctx context.Context, args []string, std stdio) error {
	fs := flag.NewFlagSet("lab", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported in one line instead
	addr := fs.String("addr", lab.DefaultAddr, "")
	public := fs.Bool("public", false, "")
	list := fs.Bool("list", false, "")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			_, err := fmt.Fprint(std.out, labUsage)
			return err
		}
		return usageErrorf("lab: %v", err)
	}
	if fs.NArg() > 0 {
		return usageErrorf("lab takes no arguments, got %q", fs.Arg(0))
	}
	if *list {
		return lab.WriteList(std.out, "")
	}
	var opts []lab.Option
	if *public {
		opts = append(opts, lab.WithPublic())
	}
	srv, err := lab.Start(ctx, *addr, opts...)
	if err != nil {
		return err
	}
	defer srv.Close()
	fmt.Fprintf(std.out, "hsx lab serving on %s (ctrl+c to stop)\n", srv.URL())
	fmt.Fprintf(std.out, "try: hsx check %s/204/body\n\n", srv.URL())
	if err := lab.WriteList(std.out, srv.URL()); err != nil {
		return err
	}
	<-ctx.Done()
	if err := srv.Close(); err != nil {
		return err
	}
	fmt.Fprintln(std.out, "\nhsx lab stopped")
	return nil
}
