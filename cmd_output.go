package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/curl"
)

// outputFile is the file of -o FILE. As curl does, it is created when the first body byte
// arrives, or once a response without a body did, so that an exchange that got no response
// leaves no file behind.
type outputFile struct {
	name string
	f    *os.File
	err  error
}

// Write writes p to the file, creating it first; after one failure every write fails.
func (o *outputFile) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	if o.f == nil {
		if o.f, o.err = os.Create(o.name); o.err != nil {
			return 0, o.err
		}
	}
	n, err := o.f.Write(p)
	if err != nil {
		o.err = err
	}
	return n, err
}

// finish creates the file for a final response that had no body, closes it, and returns the
// first error, naming the file.
func (o *outputFile) finish(final *probe.Exchange) error {
	if o.f == nil && o.err == nil && final.Response != nil {
		o.f, o.err = os.Create(o.name)
	}
	if o.f != nil {
		if err := o.f.Close(); err != nil && o.err == nil {
			o.err = err
		}
	}
	if o.err == nil {
		return nil
	}
	err := o.err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the message names the file once
	}
	return fmt.Errorf("-o %s: %w", o.name, err)
}

// outputNote says what the file of -o --compressed holds when it is not the decoded content:
// the coded body (a coding hsx does not decode), or the content up to where decoding failed.
func outputNote(name string, req probe.Request, final *probe.Exchange) string {
	if !req.Compressed || final.Response == nil || final.Response.Coding == nil {
		return ""
	}
	switch cc := final.Response.Coding; {
	case cc.NotDecoded != "":
		return fmt.Sprintf("hsx: %s holds the body as received, still coded: %s", name, cc.NotDecoded)
	case cc.Err != "":
		return fmt.Sprintf("hsx: %s holds only the content decoded before the error: %s", name, cc.Err)
	}
	return ""
}

// headIntoOutput returns the flag (-i or -I) that would make curl write the response head into
// the file of -o, or "" when there is none.
func headIntoOutput(cmd *curl.Command) string {
	for _, f := range []string{"-i", "--include"} {
		if slices.Contains(cmd.Ignored, f) {
			return f
		}
	}
	for _, f := range []string{"-I", "--head"} {
		if slices.Contains(cmd.Flags, f) {
			return f
		}
	}
	return ""
}
