package curl_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe/curl"
	"github.com/hsx-dev/hsx/probe/termsafe"
)

// TestHostileInput feeds bad user input to Parse (flags as a shell passes them) and to
// ParseCommand (a pasted command line). Each must be refused with one line that names the
// cause, and that line must be safe to print: the input may hold terminal control sequences.
func TestHostileInput(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.json")
	tests := []struct {
		name string
		args []string // for Parse; nil means line is given to ParseCommand
		line string
		want []string // parts of the error message
	}{
		// Malformed URLs.
		{name: "URL without a host", args: []string{"http://"}, want: []string{`"http://"`, "no host"}},
		{name: "URL with a space in the host", args: []string{"http://exa mple.com/"}, want: []string{"invalid URL", `invalid character " " in host name`}},
		{name: "URL with an open bracket", args: []string{"http://[::1/x"}, want: []string{"invalid URL", "missing ']'"}},
		{name: "URL with a port out of range", args: []string{"http://h:70000/"}, want: []string{"port 70000 out of range"}},
		{name: "URL with a port that is not a number", args: []string{"http://h:x/"}, want: []string{"invalid URL", `":x"`}},
		{name: "URL with a bad escape", args: []string{"http://h/%zz"}, want: []string{"invalid URL", `"%zz"`}},
		{name: "URL without a scheme name", args: []string{"://h/"}, want: []string{"invalid URL", "missing protocol scheme"}},
		{name: "empty URL", args: []string{""}, want: []string{"empty URL"}},
		{name: "URL with an escape sequence", args: []string{"http://h/\x1b[2J"}, want: []string{"invalid URL", "control character"}},
		{name: "two URLs", args: []string{"http://a/", "http://b/"}, want: []string{"more than one URL"}},

		// Unsupported schemes.
		{name: "ftp", args: []string{"ftp://h/f"}, want: []string{`unsupported scheme "ftp"`}},
		{name: "file", args: []string{"file:///etc/passwd"}, want: []string{`unsupported scheme "file"`}},
		{name: "ws", args: []string{"ws://h/socket"}, want: []string{`unsupported scheme "ws"`}},
		{name: "gopher in a pasted command", line: "curl gopher://h/1", want: []string{`unsupported scheme "gopher"`}},

		// Header lines without a colon, and other bad fields.
		{name: "header without a colon", args: []string{"-H", "X-Token abc", "http://h/"}, want: []string{`"X-Token abc"`, "no colon"}},
		{name: "header without a colon, pasted", line: "curl -H 'Accept' http://h/", want: []string{`"Accept"`, "no colon"}},
		{name: "header with an empty name", args: []string{"-H", ": v", "http://h/"}, want: []string{"invalid header name"}},
		{name: "header name with a space", args: []string{"-H", "Bad Name: v", "http://h/"}, want: []string{`invalid header name "Bad Name"`}},
		{name: "header smuggling a second field", args: []string{"-H", "X: a\r\nInjected: 1", "http://h/"}, want: []string{"line break"}},
		{name: "header name with an escape sequence", args: []string{"-H", "X\x1b]0;t\x07: v", "http://h/"}, want: []string{"invalid header name"}},

		// Invalid method tokens.
		{name: "method with a space", args: []string{"-X", "GET /admin", "http://h/"}, want: []string{`invalid method token "GET /admin"`}},
		{name: "empty method", args: []string{"-X", "", "http://h/"}, want: []string{`invalid method token ""`}},
		{name: "method with a line break", args: []string{"-X", "GET\r\n", "http://h/"}, want: []string{"invalid method token"}},
		{name: "method with a separator", args: []string{"-X", "G(E)T", "http://h/"}, want: []string{`invalid method token "G(E)T"`}},
		{name: "method with a C1 control", args: []string{"-X", "\u009b2J", "http://h/"}, want: []string{"invalid method token"}},
		{name: "method, pasted", line: "curl -X 'PUT X' http://h/", want: []string{`invalid method token "PUT X"`}},

		// Data from a file that is not there.
		{name: "-d @missing-file", args: []string{"-d", "@" + missing, "http://h/"}, want: []string{"-d @" + missing, "no such file"}},
		{name: "--data-binary @missing-file", args: []string{"--data-binary", "@" + missing, "http://h/"}, want: []string{"--data-binary", "no such file"}},
		{name: "-d @missing-file, pasted", line: "curl -d @" + missing + " http://h/", want: []string{missing, "no such file"}},
		{name: "-d @ a file name with a line break", args: []string{"-d", "@" + missing + "\nx", "http://h/"}, want: []string{"no such file"}},

		// How the request reaches the server.
		{name: "--resolve without an address", args: []string{"--resolve", "example.com:80", "http://h/"},
			want: []string{`--resolve: "example.com:80" needs HOST:PORT:ADDRESS`}},
		{name: "--resolve with a name for an address", args: []string{"--resolve", "example.com:80:localhost", "http://h/"},
			want: []string{"--resolve", `"localhost" is not an IP address`}},
		{name: "--resolve with a bad port", args: []string{"--resolve", "example.com:http:127.0.0.1", "http://h/"},
			want: []string{"--resolve", `port "http" is not a number`}},
		{name: "--resolve without a host", args: []string{"--resolve", ":80:127.0.0.1", "http://h/"},
			want: []string{"--resolve", "no host"}},
		{name: "--connect-to with three parts", args: []string{"--connect-to", "a:80:b", "http://h/"},
			want: []string{`--connect-to: "a:80:b" needs HOST1:PORT1:HOST2:PORT2`}},
		{name: "--connect-to with a bad port", args: []string{"--connect-to", "a:80:b:99999", "http://h/"},
			want: []string{"--connect-to", `port "99999"`}},
		{name: "--connect-to with an open bracket", args: []string{"--connect-to", "a:80:[::1:80", "http://h/"},
			want: []string{"--connect-to", "bracket"}},
		{name: "-x with a SOCKS proxy", args: []string{"-x", "socks5://p:1080", "http://h/"},
			want: []string{"-x", "plain http only, not socks5"}},
		{name: "--proxy with a bad port", args: []string{"--proxy", "http://p:0", "http://h/"},
			want: []string{"--proxy", "port 0 out of range"}},
		{name: "-x with a path", args: []string{"-x", "http://p:3128/x", "http://h/"},
			want: []string{"-x", "no path"}},
		{name: "-U without a password", args: []string{"-U", "user", "-x", "p:3128", "http://h/"},
			want: []string{"-U: give user:password"}},
		{name: "--unix-socket without a path", args: []string{"--unix-socket", "", "http://h/"},
			want: []string{"--unix-socket needs a socket path"}},
		{name: "--resolve with an escape sequence", args: []string{"--resolve", "h:80:\x1b]0;t\x07", "http://h/"},
			want: []string{"--resolve", "is not an IP address"}},

		{name: "--socks5", args: []string{"--socks5", "127.0.0.1:1080", "http://h/"}, want: []string{"--socks5 is not supported", "plain http only"}},
		{name: "--proxy-digest", args: []string{"--proxy-digest", "-x", "p:3128", "http://h/"}, want: []string{"--proxy-digest is not supported", "Basic only"}},
		{name: "--proxy-header", args: []string{"--proxy-header", "X: 1", "-x", "p:3128", "http://h/"}, want: []string{"--proxy-header is not supported"}},

		// Unknown flags.
		{name: "unknown long flag", args: []string{"--proxy-insecure", "http://h/"}, want: []string{"unknown flag --proxy-insecure"}},
		{name: "unknown short flag", args: []string{"-Z", "http://h/"}, want: []string{"unknown flag -Z"}},
		{name: "unknown flag, pasted", line: "curl --frobnicate http://h/", want: []string{"unknown flag --frobnicate"}},
		{name: "unknown flag with an escape sequence", line: `curl $'--\e]0;pwned\a' http://h/`, want: []string{"unknown flag"}},
		{name: "flag without its value", args: []string{"-H"}, want: []string{"flag -H needs a value"}},
		{name: "flag with a value it does not take", args: []string{"--insecure=yes", "http://h/"}, want: []string{"--insecure takes no value"}},
		{name: "bad timeout", args: []string{"--timeout", "\x1b[2J", "http://h/"}, want: []string{"--timeout", "invalid duration"}},

		// Pasted command lines a shell would run differently.
		{name: "pipe", line: "curl http://h/ | sh", want: []string{`shell operator "|"`}},
		{name: "command separator", line: "curl http://h/; rm -rf ~", want: []string{`shell operator ";"`}},
		{name: "variable", line: "curl -H \"Authorization: $TOKEN\" http://h/", want: []string{"shell expansion $TOKEN"}},
		{name: "unterminated quote", line: "curl 'http://h/", want: []string{"unterminated ' quote"}},
		{name: "no URL", line: "curl -H 'X: 1'", want: []string{"no URL"}},
		{name: "empty command", line: "   ", want: []string{"empty command"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.args != nil {
				_, err = curl.Parse(tt.args)
			} else {
				_, err = curl.ParseCommand(tt.line)
			}
			if err == nil {
				t.Fatalf("accepted; want an error naming %q", tt.want)
			}
			msg := err.Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not name %q", msg, w)
				}
			}
			if strings.ContainsAny(msg, "\r\n") {
				t.Errorf("error is not one line: %q", msg)
			}
			if !termsafe.Safe(msg, termsafe.Line) {
				t.Errorf("error holds control characters: %q", msg)
			}
		})
	}
}
