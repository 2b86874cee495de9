package main

import (
	"context"
	"fmt"
	"strings"

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

// labArgs is the command line of `hsx lab`.
type labArgs struct {
	addr               string
	public, list, help bool
}

// parseLabArgs reads the command line of `hsx lab`: --addr HOST:PORT (or --addr=HOST:PORT),
// --public, --list and --help, with one dash or two. A flag it does not know, a value where
// none belongs and an argument are usage errors that name them.
func parseLabArgs(args []string) (labArgs, error) {
	a := labArgs{addr: lab.DefaultAddr}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if !strings.HasPrefix(arg, "-") || arg == "-" {
			return a, usageErrorf("lab takes no arguments, got %q", arg)
		}
		name, value, hasValue := strings.Cut(arg, "=")
		long := "--" + strings.TrimLeft(name, "-")
		var set *bool
		switch long {
		case "--addr":
			if !hasValue {
				if i+1 >= len(args) {
					return a, usageErrorf("%s needs HOST:PORT for lab", name)
				}
				i++
				value = args[i]
			}
			a.addr = value
			continue
		case "--public":
			set = &a.public
		case "--list":
			set = &a.list
		case "--help", "--h":
			set = &a.help
		default:
			return a, usageErrorf("unknown flag %s for lab", name)
		}
		if hasValue {
			return a, usageErrorf("%s takes no value, got %q", name, value)
		}
		*set = true
	}
	return a, nil
}

// runLab runs `hsx lab`: the lab in the foreground until ctx ends, or its list of scenarios.
func runLab(ctx context.Context, args []string, std stdio) error {
	a, err := parseLabArgs(args)
	switch {
	case err != nil:
		return err
	case a.help:
		_, err := fmt.Fprint(std.out, labUsage)
		return err
	case a.list:
		return lab.WriteList(std.out, "")
	}
	var opts []lab.Option
	if a.public {
		opts = append(opts, lab.WithPublic())
	}
	srv, err := lab.Start(ctx, a.addr, opts...)
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
