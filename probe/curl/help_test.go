package curl

import (
	"strings"
	"testing"
)

// TestHelpTable holds the flag table's help to what the parser does with each flag: a flag on
// a line of its own says what it does and names its value, an ignored flag is one the parser
// ignores, and a refused flag is one it refuses.
func TestHelpTable(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range specs() {
		name := "--" + s.long
		for _, n := range []string{name, "-" + string(s.short)} {
			if n != "-\x00" && seen[n] {
				t.Errorf("%s is in the table twice", n)
			}
			seen[n] = true
		}
		args := []string{name}
		if s.value {
			args = append(args, "1")
		}
		cmd, err := Parse(append(args, "http://127.0.0.1/"))
		switch s.shown {
		case ShownOwnLine:
			if s.help == "" {
				t.Errorf("%s has a line in the help but no help", name)
			}
			if s.value != (s.arg != "") {
				t.Errorf("%s: takes a value %v, names one in the help %q", name, s.value, s.arg)
			}
			if s.apply == nil {
				t.Errorf("%s has a line in the help but is ignored", name)
			}
		case ShownIgnored:
			if err != nil || len(cmd.Ignored) != 1 || cmd.Ignored[0] != name {
				t.Errorf("%s is listed as ignored, but Parse gave %v, %v", name, cmd, err)
			}
		case ShownRefused:
			if err == nil || !strings.HasPrefix(err.Error(), name+" ") {
				t.Errorf("%s is listed as refused, but Parse gave error %v", name, err)
			}
		default:
			t.Errorf("%s: shown %d", name, s.shown)
		}
	}
}

func TestHelp(t *testing.T) {
	tests := []struct {
		long string
		want FlagHelp
	}{
		{"--request", FlagHelp{Short: "-X", Long: "--request", Arg: "METHOD", Text: "request method (default GET, or POST with data)"}},
		{"--compressed", FlagHelp{Long: "--compressed", Text: "ask for deflate, gzip, br, zstd (Accept-Encoding), as curl does"}},
		{"--silent", FlagHelp{Short: "-s", Long: "--silent", Shown: ShownIgnored}},
		{"--retry", FlagHelp{Long: "--retry", Shown: ShownRefused}},
	}
	help := Help()
	if len(help) != len(specs()) {
		t.Fatalf("Help has %d flags, the table %d", len(help), len(specs()))
	}
	for _, tt := range tests {
		found := false
		for _, h := range help {
			if h.Long == tt.long {
				found = true
				if h != tt.want {
					t.Errorf("Help %s = %+v, want %+v", tt.long, h, tt.want)
				}
			}
		}
		if !found {
			t.Errorf("Help has no %s", tt.long)
		}
	}
}
