package ui

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
)

// bodyServer answers every request with a JSON body of n bytes (a string of x's), gzip-labelled
// when coded is set.
func bodyServer(t *testing.T, n int, coded bool) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if coded {
			w.Header().Set("Content-Encoding", "gzip")
		}
		_, _ = w.Write([]byte(`"` + strings.Repeat("x", max(n-2, 0)) + `"`))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// gzipServer answers every request with the JSON body given, gzip-coded and labelled so.
func gzipServer(t *testing.T, body string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		_, _ = zw.Write([]byte(body))
		_ = zw.Close()
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// savedFiles returns the names in dir.
func savedFiles(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestSave(t *testing.T) {
	t.Parallel()
	small := bodyServer(t, 9, false)
	big := bodyServer(t, probe.DefaultBodyLimit+512<<10, false)
	coded := bodyServer(t, 9, true)
	gzipped := gzipServer(t, `{"decoded":true}`)
	tests := []struct {
		name     string
		url      string
		open     []string // the keys that open the list, after the response
		pick     int      // rows down to the item
		suffix   string   // how the file's name ends
		check    func(t *testing.T, data []byte, ex *probe.Exchange)
		notice   string // what the notice says besides the name
		listSays string // what the list shows
	}{
		{"raw, from the response pane with s", small, []string{"s"}, 0, ".http", func(t *testing.T, data []byte, ex *probe.Exchange) {
			if string(data) != string(ex.Wire) {
				t.Errorf("saved %q, want the wire bytes %q", data, ex.Wire)
			}
		}, "", "Response as received"},
		{"body", small, []string{"ctrl+x"}, 1, "-body.json", func(t *testing.T, data []byte, _ *probe.Exchange) {
			if string(data) != `"xxxxxxx"` {
				t.Errorf("saved body %q", data)
			}
		}, "", "Body   "},
		{"report as text", small, []string{"ctrl+x"}, 2, "-report.txt", func(t *testing.T, data []byte, _ *probe.Exchange) {
			for _, w := range []string{"response from 127.0.0.1", "HTTP/1.1 200 OK", "findings"} {
				if !strings.Contains(string(data), w) {
					t.Errorf("report lacks %q:\n%s", w, data)
				}
			}
			if strings.Contains(string(data), "\x1b[") {
				t.Errorf("report has color escapes:\n%q", data)
			}
		}, "", "Report as text"},
		{"report as JSON", small, []string{"ctrl+x"}, 3, "-report.json", func(t *testing.T, data []byte, _ *probe.Exchange) {
			var obj struct {
				Response struct{ Status int } `json:"response"`
			}
			if err := json.Unmarshal(data, &obj); err != nil || obj.Response.Status != 200 {
				t.Errorf("report %s: %v, status %d", data, err, obj.Response.Status)
			}
		}, "", "Report as JSON"},
		{"a body beyond what is kept is saved partial", big, []string{"ctrl+x"}, 1, "-body.json", func(t *testing.T, data []byte, _ *probe.Exchange) {
			if len(data) != probe.DefaultBodyLimit {
				t.Errorf("saved %d bytes, want the %d kept", len(data), probe.DefaultBodyLimit)
			}
		}, "partial: the first 1.0 MiB of 1.5 MiB", "partial: the first 1.0 MiB of 1.5 MiB"},
		{"a content-coded body says it is still coded", coded, []string{"ctrl+x"}, 1, "-body.json.gz", func(t *testing.T, data []byte, _ *probe.Exchange) {
			if string(data) != `"xxxxxxx"` {
				t.Errorf("saved body %q", data)
			}
		}, "still gzip-coded, as sent", "still gzip-coded"},
		{"a gzip body is saved decoded", gzipped, []string{"ctrl+x"}, 1, "-body.json", func(t *testing.T, data []byte, _ *probe.Exchange) {
			if string(data) != `{"decoded":true}` {
				t.Errorf("saved body %q", data)
			}
		}, "decoded from gzip", "decoded from gzip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			d := newDriver(t, Options{Initial: &probe.Request{Method: "GET", URL: tt.url + "/x"}, SaveDir: dir}, 120, 40)
			d.sendRequest()
			d.keys(tt.open...)
			if s := d.screen(); !strings.Contains(s, tt.listSays) || !strings.Contains(s, "Files go to "+dir) {
				t.Fatalf("the save list lacks %q or where files go:\n%s", tt.listSays, s)
			}
			for range tt.pick {
				d.keys("down")
			}
			seen := map[string]bool{}
			for round := 1; round <= 2; round++ { // the second save gets a new name
				if round == 2 {
					d.keys(tt.open...)
					for range tt.pick {
						d.keys("down")
					}
				}
				d.keys("enter")
				names := savedFiles(t, dir)
				if len(names) != round {
					t.Fatalf("round %d: files %q", round, names)
				}
				var name string
				for _, n := range names {
					if !seen[n] {
						name = n
					}
				}
				seen[name] = true
				if !strings.HasPrefix(name, "hsx-200-") || !strings.HasSuffix(strings.Replace(name, "-2.", ".", 1), tt.suffix) {
					t.Errorf("file name %q, want hsx-200-<date>-<time>…%s", name, tt.suffix)
				}
				if round == 2 && !strings.Contains(name, "-2") {
					t.Errorf("second file %q, want a numbered name", name)
				}
				if !strings.Contains(d.m.notice.text, "saved "+name) || !strings.Contains(d.m.notice.text, tt.notice) {
					t.Errorf("notice %q, want it to name %s and say %q", d.m.notice.text, name, tt.notice)
				}
				info, err := os.Stat(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				if info.Mode().Perm() != 0o600 {
					t.Errorf("mode %v, want 0600", info.Mode().Perm())
				}
				data, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				exs := d.m.results.Exchanges()
				tt.check(t, data, exs[len(exs)-1])
			}
		})
	}
}

func TestSaveWithoutAResponse(t *testing.T) {
	t.Parallel()
	d := newDriver(t, Options{LabURL: "http://127.0.0.1:9", SaveDir: t.TempDir()}, 80, 24)
	d.keys("ctrl+x")
	if d.m.overlay.open() || !strings.Contains(d.m.notice.text, "nothing to save") {
		t.Errorf("ctrl+x before a response: overlay %v, notice %q", d.m.overlay.open(), d.m.notice.text)
	}
	d.keys("s") // typed into the URL field, not a save
	if d.m.overlay.open() {
		t.Error("s in the composer opened the save list")
	}
}

func TestWriteNewNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "hsx-1-body.json.gz"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := writeNew(dir, "hsx-1-body.json.gz", []byte("new"))
	if err != nil || filepath.Base(p) != "hsx-1-body-2.json.gz" {
		t.Errorf("writeNew = %q, %v; want hsx-1-body-2.json.gz", p, err)
	}
	if old, _ := os.ReadFile(filepath.Join(dir, "hsx-1-body.json.gz")); string(old) != "old" {
		t.Errorf("the existing file was replaced: %q", old)
	}
	if _, err := writeNew(filepath.Join(dir, "missing"), "x.http", nil); err == nil {
		t.Error("writeNew into a missing directory did not fail")
	}
}

func TestCopy(t *testing.T) {
	t.Parallel()
	url := bodyServer(t, 9, false)
	errNoTool := errors.New("no clipboard tool")
	tests := []struct {
		name      string
		system    error // nil: the tool works; errNoTool: none found
		tmux      string
		keys      []string
		wantText  string // what was copied
		wantVia   string // the notice
		wantOSC52 bool
	}{
		{"body with a clipboard tool", nil, "", []string{"ctrl+x", "down", "down", "down", "down", "enter"},
			`"xxxxxxx"`, "body copied to the clipboard", false},
		{"head without a tool, no tmux", errNoTool, "", []string{"ctrl+x", "down", "down", "down", "down", "down", "enter"},
			"HTTP/1.1 200 OK\r\n", "head sent to the terminal's clipboard (OSC 52); nothing there?", true},
		{"body in tmux with set-clipboard off", errNoTool, "off", []string{"ctrl+x", "down", "down", "down", "down", "enter"},
			`"xxxxxxx"`, "body is in tmux's paste buffer (prefix ] pastes it)", false},
		{"body in tmux with set-clipboard external", errNoTool, "external", []string{"ctrl+x", "down", "down", "down", "down", "enter"},
			`"xxxxxxx"`, "tmux's paste buffer", false},
		{"body in tmux with set-clipboard on", errNoTool, "on", []string{"ctrl+x", "down", "down", "down", "down", "enter"},
			`"xxxxxxx"`, "sent to the clipboard through tmux (OSC 52)", true},
		{"curl command, no tool", errNoTool, "", []string{"ctrl+y"},
			"curl " + url + "/x", "curl command sent to the terminal's clipboard (OSC 52)", true},
		{"curl command with a tool", nil, "", []string{"ctrl+y"},
			"curl " + url + "/x", "curl command copied to the clipboard", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, Options{Initial: &probe.Request{Method: "GET", URL: url + "/x"}}, 120, 40)
			d.sendRequest()
			got := make(chan string, 4)
			d.m.clip = clipboard{
				system: func(s string) error {
					if tt.system == nil {
						got <- s
					}
					return tt.system
				},
				tmux: tt.tmux != "",
				run: func(stdin, name string, args ...string) (string, error) {
					if name == "tmux" && args[0] == "show-options" {
						return tt.tmux + "\n", nil
					}
					if name == "tmux" && args[0] == "load-buffer" {
						got <- stdin
						return "", nil
					}
					return "", errors.New("unexpected " + name)
				},
			}
			d.keys(tt.keys...)
			if !strings.Contains(d.m.notice.text, tt.wantVia) {
				t.Errorf("notice %q, want %q", d.m.notice.text, tt.wantVia)
			}
			if tt.wantOSC52 {
				return // the text goes out as an OSC 52 sequence, which the test cannot see
			}
			select {
			case s := <-got:
				if !strings.HasPrefix(s, tt.wantText) {
					t.Errorf("copied %q, want %q", s, tt.wantText)
				}
			default:
				t.Error("nothing was copied")
			}
			if strings.Contains(d.m.notice.text, "OSC 52") {
				t.Errorf("notice mentions OSC 52 though the text went elsewhere: %q", d.m.notice.text)
			}
		})
	}
}
