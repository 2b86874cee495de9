package curl

import (
	"reflect"
	"testing"
)

// FuzzParseCommand feeds arbitrary command lines to ParseCommand: it must not panic, and a
// command it accepts must survive Format and ParseCommand again unchanged.
func FuzzParseCommand(f *testing.F) {
	for _, seed := range []string{
		"curl http://h/",
		"curl -X DELETE 'https://example.com/item/1' \\\n  -H 'Authorization: Bearer t'",
		`curl -sSL -H "X-A: \"q\"" --data-raw $'a\tb\x00' http://h/?q=1 -m 0.5 -k`,
		`curl --json '{"a":1}' -u ann:pw -A ua -e http://r/ -I http://h/`,
		`curl -G -d q=1 -H 'X;' -H 'Y:' http://h/ -o out -w '%{http_code}'`,
		`curl 'http://h/' $'\u00e9\e[2J' "unterminated`,
		`curl -x http://u:p@proxy:3128 -U a:b --noproxy 'x,.y' -p https://h/`,
		`curl --resolve 'h:443:[::1],127.0.0.1' --connect-to '[::1]:80::81' --unix-socket /tmp/s http://h/`,
		`curl --abstract-unix-socket name -x '' --resolve -h:80 http://h/`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		cmd, err := ParseCommand(line)
		if err != nil {
			return
		}
		again, err := ParseCommand(Format(cmd.Request))
		if err != nil {
			t.Fatalf("ParseCommand(Format(%+v)) = %q: %v", cmd.Request, Format(cmd.Request), err)
		}
		want, got := cmd.Request, again.Request
		if len(want.Header) == 0 && len(got.Header) == 0 {
			want.Header, got.Header = nil, nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round trip through %s\n got %+v\nwant %+v", Format(cmd.Request), got, want)
		}
	})
}
