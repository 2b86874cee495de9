package main

import (
	"fmt"
	"strings"

	"github.com/hsx-dev/hsx/probe/curl"
)

// usageHead and usageTail are the help of hsx before and after its request flags, which
// usage writes from the flag table of probe/curl.
const usageHead = `hsx — see an HTTP response exactly as it crossed the wire, with every byte that
breaks the rules marked and explained.

Usage:
  hsx                              the explorer, with a built-in lab server (no network needed)
  hsx [request flags] URL          the explorer, sending that request at start
  hsx check [request flags] URL    send one request and report the exchange; --json for JSON
  hsx explain [CODE | 2xx | RULE]  what a status code means; without CODE, the list of codes
  hsx explain --rules              the rules hsx check judges by
  hsx lab [--addr HOST:PORT]       serve the lab of correct and broken responses
  hsx lab --list                   list the lab's scenarios
  hsx --version | --help

`

const usageTail = `Explorer flags:
  --present                   presentation mode for projectors: high contrast, more spacing
  --no-history                keep no history on disk: nothing is read or written
  --grace D                   watch for stray bytes after a 204, 304 or HEAD response for D
                              (such as 50ms or 1s) after the head and after each arrival

check exits 0 when a response arrived without error findings, 1 when a finding is an error,
and 2 when no response arrived (refused, timed out, not HTTP) or the command line is wrong.
`

// The layout of the request flags in the help: the column of what a flag does, and the width
// lines are wrapped to.
const (
	helpColumn = 30
	helpWidth  = 100
)

// usage is the help of hsx.
func usage() string {
	return usageHead + requestFlagsHelp(curl.Help()) + "\n" + usageTail
}

// requestFlagsHelp lists the request flags: a line for each, saying what it does, then the
// flags that are accepted and ignored and those that are refused.
func requestFlagsHelp(flags []curl.FlagHelp) string {
	var b strings.Builder
	b.WriteString("Request flags (curl's spelling):\n")
	var ignored, refused []string
	for _, f := range flags {
		switch f.Shown {
		case curl.ShownIgnored:
			ignored = append(ignored, flagNames(f, true))
			continue
		case curl.ShownRefused:
			refused = append(refused, flagNames(f, true))
			continue
		}
		names := "  " + flagNames(f, false)
		if f.Short == "" {
			names = "      " + flagNames(f, false)
		}
		if len(names) > helpColumn-2 {
			b.WriteString(names + "\n")
			names = ""
		}
		b.WriteString(wrapHelp(fmt.Sprintf("%-*s%s", helpColumn, names, f.Text), helpColumn))
	}
	if len(ignored) > 0 {
		b.WriteString(wrapHelp("  Accepted and ignored, as they change only what curl shows or are what hsx always does: "+
			strings.Join(ignored, ", ")+".", 4))
	}
	if len(refused) > 0 {
		b.WriteString(wrapHelp("  Refused, as curl would do what hsx does not: "+strings.Join(refused, ", ")+".", 4))
	}
	return b.String()
}

// nbsp joins the names of one flag in the lists of the help, so that a line does not break
// between them; wrapHelp makes it a space.
const nbsp = "\u00a0"

// flagNames spells a flag for the help: "-X, --request METHOD" on a line of its own, or
// "-w --write-out FORMAT" in a list, where the words do not break apart.
func flagNames(f curl.FlagHelp, inList bool) string {
	sep, space := ", ", " "
	if inList {
		sep, space = nbsp, nbsp
	}
	s := f.Long
	if f.Short != "" {
		s = f.Short + sep + s
	}
	if f.Arg != "" {
		s += space + f.Arg
	}
	return s
}

// wrapHelp wraps a line of the help at helpWidth, indenting the lines after the first by
// indent spaces, and ends it with a newline.
func wrapHelp(line string, indent int) string {
	var b strings.Builder
	width := 0
	for i, w := range strings.Split(line, " ") {
		n := len([]rune(w))
		switch {
		case i == 0:
		case width+1+n > helpWidth && strings.TrimSpace(b.String()) != "":
			b.WriteString("\n" + strings.Repeat(" ", indent))
			width = indent
		default:
			b.WriteString(" ")
			width++
		}
		b.WriteString(w)
		width += n
	}
	return strings.ReplaceAll(b.String(), nbsp, " ") + "\n"
}

// runHelp prints the usage of hsx, or of one command.
func runHelp(args []string, std stdio) error {
	text := usage()
	if len(args) > 0 {
		switch args[0] {
		case "check":
			text = checkUsage
		case "explain":
			text = explainUsage
		case "lab":
			text = labUsage
		default:
			return usageErrorf("no help for %q", args[0])
		}
	}
	_, err := fmt.Fprint(std.out, text)
	return err
}
