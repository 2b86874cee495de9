package curl

import "testing"

func TestOutput(t *testing.T) {
	tests := []struct {
		args []string
		want string // Output, or the error message
		err  bool
	}{
		{[]string{"http://h/"}, "", false},
		{[]string{"-o", "out.json", "http://h/"}, "out.json", false},
		{[]string{"--output=out.json", "http://h/"}, "out.json", false},
		{[]string{"-sSo", "out.json", "http://h/"}, "out.json", false},
		{[]string{"-oout.json", "http://h/"}, "out.json", false},
		{[]string{"-o", "-", "http://h/"}, "-", false},
		{[]string{"-o", "a", "-o", "b", "http://h/"}, "b", false},
		{[]string{"--output=", "http://h/"}, "--output needs a file name (or - for standard output)", true},
		{[]string{"http://h/", "-o"}, "flag -o needs a value", true},
	}
	for _, tt := range tests {
		cmd, err := Parse(tt.args)
		switch {
		case tt.err:
			if err == nil || err.Error() != tt.want {
				t.Errorf("Parse(%q) error %v, want %q", tt.args, err, tt.want)
			}
		case err != nil:
			t.Errorf("Parse(%q): %v", tt.args, err)
		case cmd.Output != tt.want:
			t.Errorf("Parse(%q) Output %q, want %q", tt.args, cmd.Output, tt.want)
		}
	}
}
