package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/hsx-dev/hsx/content"
	"github.com/hsx-dev/hsx/probe/check"
)

// firstLast returns the first and the last line of s.
func firstLast(s string) (first, last string) {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[0], lines[len(lines)-1]
}

func TestExplain(t *testing.T) {
	const s9 = "S9 · error · 204 response with content or trailers · RFC 9110 §15.3.5; RFC 9110 §6.4.1; RFC 9112 §6.3 · from 204 No Content"
	tests := []struct {
		name   string
		args   []string
		code   int
		first  string   // prefix of the first line of standard output
		has    []string // in standard output
		hasNot []string // not in standard output
		last   string   // the last line of standard output, when set
		stderr string   // prefix of standard error, which is one line when set
	}{
		{name: "code", args: []string{"204"}, first: "# 204 No Content", has: []string{"\n## Common causes\n", "\n### Why bytes after a 204 are dangerous\n"}},
		{name: "every code", first: "1xx Informational", has: []string{"  204  No Content\n", "\n5xx Server Error\n"}},
		{name: "class", args: []string{"4xx"}, first: "4xx Client Error", has: []string{"  404  Not Found\n"}, hasNot: []string{"2xx"}},
		{name: "topic", args: []string{"framing"}, first: "# Message framing and header syntax"},
		{
			name: "rule", args: []string{"S9"}, first: s9,
			has:    []string{"\n\n### Why bytes after a 204 are dangerous\n\n", "keep-alive"},
			hasNot: []string{"# 204 No Content", "## Common causes"},
			last:   "The whole document: hsx explain 204",
		},
		{name: "rule in lower case", args: []string{"s9"}, first: s9, last: "The whole document: hsx explain 204"},
		{
			name: "rule of a topic", args: []string{"f12"},
			first:  "F12 · error · ",
			hasNot: []string{"# Message framing"},
			last:   "The whole document: hsx explain framing",
		},
		{name: "unknown rule near others", args: []string{"S13"}, code: 2, stderr: "hsx: unknown rule S13; nearest: S12, S14, S11\n"},
		{name: "unknown rule", args: []string{"s99"}, code: 2, stderr: "hsx: unknown rule S99 (run 'hsx explain --rules' for the list)\n"},
		{name: "not an ASCII rule ID", args: []string{"ſ9"}, code: 2, stderr: `hsx: no document for "ſ9"`},
		{
			name: "unregistered 2xx", args: []string{"299"},
			first: "299 is not registered with IANA: a client that does not recognize it must treat it as 200 OK, the x00 code of its class, and must not cache the response (RFC 9110 §15).",
			has:   []string{"\n\n2xx Successful\n", "  226  IM Used\n"}, hasNot: []string{"3xx"},
			last: "How a client handles it: hsx explain 200",
		},
		{
			name: "unregistered 5xx", args: []string{"599"}, first: "599 is not registered with IANA: a client that does not recognize it must treat it as 500 Internal Server Error,",
			has: []string{"5xx Server Error\n", "  511  Network Authentication Required\n"}, last: "How a client handles it: hsx explain 500",
		},
		{
			name: "unregistered 1xx", args: []string{"150"}, first: "150 is not registered with IANA: a client that does not recognize it must treat it as 100 Continue,",
			has: []string{"1xx Informational\n"}, last: "How a client handles it: hsx explain 100",
		},
		{
			name: "unregistered 4xx", args: []string{"420"}, first: "420 is not registered with IANA: a client that does not recognize it must treat it as 400 Bad Request,",
			has: []string{"4xx Client Error\n", "  404  Not Found\n"}, last: "How a client handles it: hsx explain 400",
		},
		{name: "above 599", args: []string{"600"}, code: 2, stderr: "hsx: 600 is not a status code: they run from 100 to 599 (RFC 9110 §15); hsx explain F3 says what clients do with one\n"},
		{name: "below 100", args: []string{"99"}, code: 2, stderr: "hsx: 99 is not a status code: they run from 100 to 599 (RFC 9110 §15); hsx explain F3 says what clients do with one\n"},
		{name: "too long to be a number", args: []string{"2040000000000000000000000"}, code: 2, stderr: "hsx: 2040000000000000000000000 is not a status code: they run from 100 to 599 (RFC 9110 §15); hsx explain F3 says what clients do with one; nearest: 204"},
		{name: "zero", args: []string{"000"}, code: 2, stderr: "hsx: 000 is not a status code"},
		{name: "four digits", args: []string{"2044"}, code: 2, stderr: "hsx: 2044 is not a status code: they run from 100 to 599 (RFC 9110 §15); hsx explain F3 says what clients do with one; nearest: 204, 203, 205\n"},
		{name: "no such document", args: []string{"zzzz"}, code: 2, stderr: `hsx: no document for "zzzz" (run 'hsx explain' for the list)` + "\n"},
		{name: "two codes", args: []string{"204", "304"}, code: 2, stderr: "hsx: explain takes one code"},
		{name: "rules", args: []string{"--rules"}, first: "F1   error   Status line is malformed ", has: []string{"\nS9   error   204 response with content or trailers "}},
		{name: "rules and a rule", args: []string{"--rules", "S9"}, code: 2, stderr: `hsx: explain --rules takes no code or rule, got "S9"`},
		{name: "unknown flag", args: []string{"204", "--bogus"}, code: 2, stderr: "hsx: unknown flag --bogus for explain"},
		{name: "help after a code", args: []string{"204", "-h"}, first: "Usage: hsx explain"},
		{name: "help", args: []string{"--help"}, first: "Usage: hsx explain", has: []string{"--rules", "hsx explain S9", "hsx explain 299", "PAGER"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runArgs(t, append([]string{"explain"}, tt.args...)...)
			if r.code != tt.code || !strings.HasPrefix(r.errs, tt.stderr) || (tt.stderr == "") != (r.errs == "") ||
				(r.errs != "" && strings.Count(r.errs, "\n") != 1) {
				t.Fatalf("exit %d, stderr %q, stdout:\n%.300s", r.code, r.errs, r.stdout)
			}
			if tt.code != 0 {
				return
			}
			first, last := firstLast(r.stdout)
			if !strings.HasPrefix(first, tt.first) || (tt.last != "" && last != tt.last) {
				t.Errorf("first line %q, last line %q", first, last)
			}
			for _, s := range tt.has {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("output lacks %q:\n%s", s, r.stdout)
				}
			}
			for _, s := range tt.hasNot {
				if strings.Contains(r.stdout, s) {
					t.Errorf("output has %q:\n%s", s, r.stdout)
				}
			}
			if strings.Contains(r.stdout, "\x1b") {
				t.Error("piped output has escape sequences")
			}
		})
	}
}

// level returns the level of the heading with the given title in doc, or 0.
func level(doc *content.Doc, title string) int {
	for _, s := range doc.Sections {
		if s.Title == title {
			return s.Level
		}
	}
	return 0
}

// TestExplainEveryRule checks, for each rule of the catalog, that `hsx explain RULE` prints its
// line from the catalog and its section: a small part of its document, without the sections of
// the document's other rules at its level or above.
func TestExplainEveryRule(t *testing.T) {
	for _, rule := range check.Rules() {
		t.Run(rule.ID, func(t *testing.T) {
			doc, heading, ok := content.ForRule(rule.ID)
			if !ok {
				t.Fatal("no document explains it")
			}
			r := runArgs(t, "explain", strings.ToLower(rule.ID))
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.errs)
			}
			first, last := firstLast(r.stdout)
			want := fmt.Sprintf("%s · %s · %s · %s · from %s", rule.ID, rule.Severity, rule.Title, rule.Ref, doc.Title())
			if first != want || last != "The whole document: hsx explain "+strings.TrimPrefix(doc.Key, "topic-") {
				t.Errorf("first line %q\nwant       %q\nlast line %q", first, want, last)
			}
			if !strings.Contains(r.stdout, "# "+heading+"\n") || len(r.stdout) > len(doc.Markdown)/2 {
				t.Errorf("not the section %q of %s:\n%.400s", heading, doc.Key, r.stdout)
			}
			for id, other := range doc.Explains {
				if id != rule.ID && level(doc, other) <= level(doc, heading) && strings.Contains(r.stdout, "# "+other+"\n") {
					t.Errorf("has the section of %s, %q", id, other)
				}
			}
		})
	}
}

func TestExplainRules(t *testing.T) {
	r := runArgs(t, "explain", "--rules")
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	rules := check.Rules()
	if r.code != 0 || len(lines) != len(rules) {
		t.Fatalf("exit %d, %d lines for %d rules:\n%s", r.code, len(lines), len(rules), r.stdout)
	}
	column := -1
	for i, rule := range rules {
		fields := strings.Fields(lines[i])
		if len(fields) < 3 || fields[0] != rule.ID || fields[1] != rule.Severity.String() ||
			!strings.Contains(lines[i], " "+rule.Title+" ") || !strings.HasSuffix(lines[i], "  "+rule.Ref) {
			t.Errorf("line %q for %s", lines[i], rule.ID)
		}
		if c := ansi.StringWidth(strings.TrimSuffix(lines[i], rule.Ref)); column == -1 || c == column {
			column = c
		} else {
			t.Errorf("%s: reference at column %d, others at %d", rule.ID, c, column)
		}
	}
}

func TestPagerCommand(t *testing.T) {
	tests := []struct {
		name   string
		env    []string
		rows   int
		height int
		want   string
	}{
		{"not a terminal", nil, 500, 0, ""},
		{"fits", nil, 30, 30, ""},
		{"default", nil, 31, 30, "less -R"},
		{"PAGER", []string{"PAGER=more"}, 31, 30, "more"},
		{"PAGER with arguments", []string{"PAGER=less -S"}, 100, 30, "less -S"},
		{"the last PAGER counts", []string{"PAGER=more", "PAGER=most"}, 100, 30, "most"},
		{"empty PAGER", []string{"PAGER="}, 100, 30, ""},
		{"blank PAGER", []string{"PAGER=  "}, 100, 30, ""},
		{"cat", []string{"PAGER=cat"}, 100, 30, ""},
		{"cat with spaces", []string{"PAGER= cat "}, 100, 30, ""},
		{"cat with arguments", []string{"PAGER=cat -v"}, 100, 30, "cat -v"},
		{"PAGER but not a terminal", []string{"PAGER=more"}, 100, 0, ""},
	}
	for _, tt := range tests {
		if got := pagerCommand(stdio{environ: tt.env}, tt.rows, tt.height); got != tt.want {
			t.Errorf("%s: pagerCommand(%q, %d rows, height %d) = %q, want %q", tt.name, tt.env, tt.rows, tt.height, got, tt.want)
		}
	}
}

func TestRows(t *testing.T) {
	tests := []struct {
		text  string
		width int
		want  int
	}{
		{"", 80, 1},
		{"a\n", 80, 1},
		{"a\nb\n", 80, 2},
		{"a\n\nb", 80, 3},
		{strings.Repeat("x", 80) + "\n", 80, 1},
		{strings.Repeat("x", 81) + "\n", 80, 2},
		{strings.Repeat("x", 161) + "\nb\n", 80, 4},
		{"\x1b[1m" + strings.Repeat("x", 80) + "\x1b[0m\n", 80, 1},
		{strings.Repeat("界", 41) + "\n", 80, 2},
		{strings.Repeat("x", 500) + "\n", 0, 1},
	}
	for _, tt := range tests {
		if got := rows(tt.text, tt.width); got != tt.want {
			t.Errorf("rows(%q, %d) = %d, want %d", tt.text, tt.width, got, tt.want)
		}
	}
}

func TestPagerEnv(t *testing.T) {
	tests := []struct {
		env  []string
		want string // the value of LESS the pager sees
	}{
		{[]string{"TERM=xterm"}, "FRX"},
		{[]string{"LESS=-S"}, "-S"},
		{[]string{"LESS="}, ""},
		{nil, "FRX"},
	}
	for _, tt := range tests {
		std := stdio{environ: pagerEnv(stdio{environ: tt.env})}
		if got, set := std.lookupEnv("LESS"); got != tt.want || !set {
			t.Errorf("pagerEnv(%q): LESS=%q (set %v), want %q", tt.env, got, set, tt.want)
		}
		if len(tt.env) > 0 && std.environ[0] != tt.env[0] {
			t.Errorf("pagerEnv(%q) = %q", tt.env, std.environ)
		}
	}
}

// fakePager writes an executable script name in dir that records its arguments, the value of
// LESS and its input in files beside it (name.args, name.less, name.in) and prints "paged by
// name".
func fakePager(t *testing.T, dir, name string) {
	t.Helper()
	cat, err := exec.LookPath("cat")
	if err != nil {
		t.Skip("no cat to record a pager's input with")
	}
	rec := filepath.Join(dir, name)
	script := fmt.Sprintf("#!/bin/sh\nprintf '%%s\\n' \"$*\" > '%[1]s.args'\nprintf '%%s\\n' \"${LESS-unset}\" > '%[1]s.less'\n"+
		"'%[2]s' > '%[1]s.in'\necho 'paged by %[3]s'\n", rec, cat, name)
	if err := os.WriteFile(rec, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
}

// onTerminal opens a pseudo-terminal of the given size for a test. screen waits for everything
// written to term so far and returns it, without escape sequences and carriage returns; then
// term is closed.
func onTerminal(t *testing.T, width, height int) (term *os.File, screen func() string) {
	t.Helper()
	const end = "\x00end of output\x00"
	term, other := openPTY(t, width, height)
	t.Cleanup(func() { _ = other.Close(); _ = term.Close() })
	got := make(chan string, 1)
	go func() {
		var b strings.Builder
		buf := make([]byte, 4096)
		for !strings.Contains(b.String(), end) {
			n, err := other.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		got <- b.String()
	}()
	return term, func() string {
		t.Helper()
		_, _ = term.WriteString(end)
		select {
		case s := <-got:
			_ = term.Close()
			return ansi.Strip(strings.ReplaceAll(strings.TrimSuffix(s, end), "\r", ""))
		case <-time.After(10 * time.Second):
			t.Fatal("the terminal did not get the end of the output")
			return ""
		}
	}
}

// TestPagerQuitsEarly pages more text than a pipe holds through pagers that stop reading: the
// broken pipe is no error and the text is not written a second time.
func TestPagerQuitsEarly(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to run a pager with")
	}
	text := strings.Repeat("a line of text that no pager reads to the end\n", 1<<15)
	for _, pager := range []string{"head -c 10 >/dev/null", "exit 0", "exec 0<&-; sleep 0.1"} {
		term, screen := onTerminal(t, 80, 24)
		var errs syncBuffer
		err := page(stdio{out: term, err: &errs, environ: []string{"TERM=xterm-256color", "PAGER=" + pager}}, text)
		if shown := screen(); err != nil || errs.String() != "" || shown != "" {
			t.Errorf("PAGER=%q: error %v, stderr %q, terminal shows %.100q", pager, err, errs.String(), shown)
		}
	}
}

// TestExplainPager runs `hsx explain` on a pseudo-terminal 100 columns wide and 30 rows high,
// with pagers that record what they get.
func TestExplainPager(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to run a pager with")
	}
	tests := []struct {
		name      string
		args      []string
		env       []string // besides TERM and PATH; "$DIR" is the folder of the fake pagers
		piped     bool     // standard output is a pipe, not the terminal
		pager     string   // the fake pager expected to run ("less" or "mypager"), or ""
		pagerArgs string   // its expected arguments
		less      string   // the value of LESS it must see
		reads     string   // in what it reads, escapes removed
		screen    string   // on the terminal, escapes and carriage returns removed
		colour    bool     // the text has colours
		stderr    string   // in standard error; "": nothing there
	}{
		{name: "default pager", args: []string{"204"}, pager: "less", pagerArgs: "-R", less: "FRX", reads: "  204 No Content\n", screen: "paged by less", colour: true},
		{name: "PAGER", args: []string{"204"}, env: []string{"PAGER=$DIR/mypager"}, pager: "mypager", less: "FRX", reads: "  204 No Content\n", screen: "paged by mypager", colour: true},
		{name: "LESS kept", args: []string{"204"}, env: []string{"LESS=-S"}, pager: "less", pagerArgs: "-R", less: "-S", reads: "  204 No Content\n", screen: "paged by less", colour: true},
		{name: "a rule's section", args: []string{"S9"}, pager: "less", pagerArgs: "-R", less: "FRX", reads: "  S9 · error · ", screen: "paged by less", colour: true},
		{name: "every code", args: nil, pager: "less", pagerArgs: "-R", less: "FRX", reads: "  204  No Content\n", screen: "paged by less"},
		{name: "NO_COLOR", args: []string{"204"}, env: []string{"NO_COLOR=1"}, pager: "less", pagerArgs: "-R", less: "FRX", reads: "# 204 No Content\n", screen: "paged by less"},
		{name: "short output", args: []string{"2xx"}, screen: "2xx Successful\n  200  OK\n"},
		{name: "empty PAGER", args: []string{"204"}, env: []string{"PAGER="}, screen: "Why bytes after a 204 are dangerous"},
		{name: "PAGER=cat", args: []string{"204"}, env: []string{"PAGER=cat"}, screen: "Why bytes after a 204 are dangerous"},
		{name: "piped", args: []string{"204"}, piped: true},
		{name: "pager not found", args: []string{"204"}, env: []string{"PAGER=$DIR/nonexistent"}, screen: "Why bytes after a 204 are dangerous", stderr: "not found"},
		{name: "pager that reads nothing", args: []string{"204"}, env: []string{"PAGER=exit 0"}, screen: ""},
		{name: "pager that quits early", args: []string{"204"}, env: []string{"PAGER=head -c 10 >/dev/null"}, screen: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			fakePager(t, dir, "less")
			fakePager(t, dir, "mypager")
			fakePager(t, dir, "cat")
			env := []string{"TERM=xterm-256color", "PATH=" + dir + string(os.PathListSeparator) + os.Getenv("PATH")}
			for _, e := range tt.env {
				env = append(env, strings.ReplaceAll(e, "$DIR", dir))
			}
			term, screen := onTerminal(t, 100, 30)
			out, piped := term, make(chan string, 1)
			if tt.piped {
				r, w, err := os.Pipe()
				if err != nil {
					t.Fatal(err)
				}
				go func() {
					b, _ := io.ReadAll(r)
					piped <- string(b)
				}()
				out = w
			}
			var errs syncBuffer
			code := run(context.Background(), append([]string{"explain"}, tt.args...), stdio{in: strings.NewReader(""), out: out, err: &errs, environ: env})
			pipedOut := ""
			if tt.piped {
				_ = out.Close()
				pipedOut = <-piped
			}
			shown := screen()
			if code != 0 || !strings.Contains(errs.String(), tt.stderr) || (tt.stderr == "") != (errs.String() == "") {
				t.Fatalf("exit %d, stderr %q", code, errs.String())
			}
			if tt.screen == "" && strings.TrimSpace(shown) != "" || !strings.Contains(shown, tt.screen) {
				t.Errorf("terminal shows %q, want %q", shown, tt.screen)
			}
			for _, name := range []string{"less", "mypager", "cat"} {
				in, err := os.ReadFile(filepath.Join(dir, name+".in"))
				if name != tt.pager {
					if err == nil {
						t.Errorf("%s ran", name)
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s did not run", name)
				}
				args, _ := os.ReadFile(filepath.Join(dir, name+".args"))
				less, _ := os.ReadFile(filepath.Join(dir, name+".less"))
				if string(args) != tt.pagerArgs+"\n" || string(less) != tt.less+"\n" {
					t.Errorf("%s ran with arguments %q, LESS=%q", name, args, less)
				}
				if got := strings.Contains(string(in), "\x1b["); got != tt.colour || rows(string(in), 100) <= 30 ||
					!strings.Contains(ansi.Strip(string(in)), tt.reads) {
					t.Errorf("%s got %d rows, colours %v:\n%.300q", name, rows(string(in), 100), got, in)
				}
			}
			if tt.piped && (!strings.HasPrefix(pipedOut, "# 204 No Content\n") || strings.TrimSpace(shown) != "") {
				t.Errorf("piped output %.100q, terminal %q", pipedOut, shown)
			}
		})
	}
}
