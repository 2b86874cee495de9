package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// TestColorPolicy holds check and explain to one colour policy: check colours its report, and
// explain renders its documents, on a terminal and without NO_COLOR (any value but ""). A
// terminal whose TERM takes no colours still gets rendered documents, which page then writes
// without colours; CLICOLOR_FORCE colours a report that is not written to a terminal.
func TestColorPolicy(t *testing.T) {
	tests := []struct {
		name     string
		terminal bool
		env      []string
		color    bool // check colours its report
		rendered bool // explain renders documents
	}{
		{"pipe", false, []string{"TERM=xterm-256color"}, false, false},
		{"pipe, CLICOLOR_FORCE", false, []string{"TERM=xterm-256color", "CLICOLOR_FORCE=1"}, true, false},
		{"pipe, CLICOLOR_FORCE and NO_COLOR", false, []string{"TERM=xterm-256color", "CLICOLOR_FORCE=1", "NO_COLOR=1"}, false, false},
		{"terminal", true, []string{"TERM=xterm-256color"}, true, true},
		{"terminal, COLORTERM", true, []string{"TERM=xterm", "COLORTERM=truecolor"}, true, true},
		{"terminal, NO_COLOR=1", true, []string{"TERM=xterm-256color", "NO_COLOR=1"}, false, false},
		{"terminal, NO_COLOR=yes", true, []string{"TERM=xterm-256color", "NO_COLOR=yes"}, false, false},
		{"terminal, NO_COLOR empty", true, []string{"TERM=xterm-256color", "NO_COLOR="}, true, true},
		{"terminal, NO_COLOR unset again", true, []string{"NO_COLOR=1", "TERM=xterm-256color", "NO_COLOR="}, true, true},
		{"terminal, TERM=dumb", true, []string{"TERM=dumb"}, false, true},
	}
	const markdown = "# A title\n\nSome *text*.\n"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out io.Writer = &bytes.Buffer{}
			if tt.terminal {
				term, _ := onTerminal(t, 80, 24)
				out = term
			}
			std := stdio{in: strings.NewReader(""), out: out, err: io.Discard, environ: tt.env}
			if got := colorEnabled(std); got != tt.color {
				t.Errorf("colorEnabled = %v, want %v", got, tt.color)
			}
			text, err := docText(std, markdown)
			if err != nil {
				t.Fatal(err)
			}
			if got := text != markdown; got != tt.rendered {
				t.Errorf("docText rendered = %v, want %v:\n%s", got, tt.rendered, text)
			}
		})
	}
}
