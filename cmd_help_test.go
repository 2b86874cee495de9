package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe/curl"
)

// TestHelpNamesEveryFlag holds `hsx --help` to the flag table: every flag the parser accepts
// is named there in both its spellings, with what it does when it has a line of its own, and
// every flag it refuses is named among the refused ones.
func TestHelpNamesEveryFlag(t *testing.T) {
	r := runArgs(t, "--help")
	if r.code != 0 {
		t.Fatalf("hsx --help: exit %d, stderr %q", r.code, r.errs)
	}
	help := r.stdout
	flat := strings.Join(strings.Fields(help), " ")
	_, refusedList, ok := strings.Cut(flat, "Refused, as curl would do what hsx does not:")
	if !ok {
		t.Fatalf("the help has no list of refused flags:\n%s", help)
	}
	refusedList, _, _ = strings.Cut(refusedList, ".")
	named := func(s, name string) bool {
		return regexp.MustCompile(`(^|[\s,(])` + regexp.QuoteMeta(name) + `([\s,.)]|$)`).MatchString(s)
	}
	for _, f := range curl.Help() {
		for _, name := range []string{f.Short, f.Long} {
			if name == "" {
				continue
			}
			if !named(help, name) {
				t.Errorf("the help does not name %s", name)
			}
			if in := named(refusedList, name); in != (f.Shown == curl.ShownRefused) {
				t.Errorf("%s: among the refused flags %v, refused %v", name, in, f.Shown == curl.ShownRefused)
			}
		}
		if f.Shown == curl.ShownOwnLine && !strings.Contains(flat, flagNames(f, false)+" "+f.Text) {
			t.Errorf("the help has no line %q", flagNames(f, false)+"  "+f.Text)
		}
	}
}

func TestWrapHelp(t *testing.T) {
	long := strings.Repeat("word ", 25) // 125 columns
	tests := []struct {
		line   string
		indent int
		want   string
	}{
		{"short line", 4, "short line\n"},
		{strings.TrimSpace(long), 2, strings.TrimSpace(strings.Repeat("word ", 20)) + "\n  " + strings.TrimSpace(strings.Repeat("word ", 5)) + "\n"},
		{"a" + nbsp + "b c", 0, "a b c\n"},
		{"x " + strings.Repeat("y", 120), 0, "x\n" + strings.Repeat("y", 120) + "\n"},
	}
	for _, tt := range tests {
		if got := wrapHelp(tt.line, tt.indent); got != tt.want {
			t.Errorf("wrapHelp(%q, %d) =\n%q, want\n%q", tt.line, tt.indent, got, tt.want)
		}
	}
}
