package replay

import (
	"bufio"
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// programs holds the client programs run by interpreters.
//
//go:embed programs
var programs embed.FS

// The names of the clients, in the order they are reported.
const (
	NameGo            = "Go net/http"
	NameCurl          = "curl"
	NameNodeHTTP      = "Node node:http"
	NameNodeFetch     = "Node fetch"
	NameNodeHTTP2     = "Node http2"
	NamePythonHTTP    = "Python http.client"
	NamePythonRequest = "Python requests"
	NameJava          = "Java HttpClient"
)

// output is what a client program prints.
type output struct {
	Version string `json:"version"`
	// Missing names a library the program needs and could not import.
	Missing string `json:"missing,omitempty"`
	// Aside is said after the client's note: how the client was run, where that differs
	// from the others.
	Aside      string           `json:"aside,omitempty"`
	Deliveries []DeliveryResult `json:"deliveries"`
}

// client is one client stack and how to run it.
type client struct {
	name string
	// find returns the program that runs the client and its version, or false when the
	// client is not installed.
	find func(ctx context.Context) (prog, version string, ok bool)
	// run runs the client against the HTTP/1.1 replay server at url, runH2 against the h2c
	// one; nil when the client does not speak that protocol.
	run, runH2 func(ctx context.Context, prog, dir, url string) (output, error)
	// slow marks a client that takes long to start (the JVM compiles its program first):
	// slow clients are started first and get twice the time of the others.
	slow bool
}

// clients returns the clients in the order they are reported.
func clients(goCommand []string) []client {
	onPath := func(tools ...string) func(context.Context) (string, string, bool) {
		return func(context.Context) (string, string, bool) {
			var first string
			for _, t := range tools {
				p, err := exec.LookPath(t)
				if err != nil {
					return "", "", false
				}
				if first == "" {
					first = p
				}
			}
			return first, "", true
		}
	}
	script := func(file string, args ...string) func(context.Context, string, string, string) (output, error) {
		return func(ctx context.Context, prog, dir, url string) (output, error) {
			return runProgram(ctx, dir, prog, append(append(args, filepath.Join(dir, file)), url)...)
		}
	}
	runGo := func(ctx context.Context, prog, dir, url string) (output, error) {
		return runProgram(ctx, dir, prog, append(goCommand[1:len(goCommand):len(goCommand)], url)...)
	}
	return []client{
		{name: NameGo,
			find: func(context.Context) (string, string, bool) {
				if len(goCommand) == 0 {
					return "", "", false
				}
				return goCommand[0], "", true
			},
			run: runGo, runH2: runGo},
		{name: NameCurl, find: findCurl, run: runCurl, runH2: runCurl},
		{name: NameNodeHTTP, find: onPath("node"), run: script("node_http.mjs")},
		{name: NameNodeFetch, find: onPath("node"), run: script("node_fetch.mjs")},
		// Node's http2 module speaks HTTP/2 only: it is run for HTTP/2 exchanges alone.
		{name: NameNodeHTTP2, find: onPath("node"), runH2: script("node_http2.mjs")},
		{name: NamePythonHTTP, find: onPath("python3"), run: script("python_http.py", "-B")},
		{name: NamePythonRequest, find: onPath("python3"), run: script("python_requests.py", "-B")},
		// The JVM starts faster without its optimising compiler, which a program this short
		// never needs.
		{name: NameJava, find: onPath("java", "javac"), slow: true,
			run: script("Replay.java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto")},
	}
}

// writePrograms writes the embedded client programs into dir.
func writePrograms(dir string) error {
	files, err := programs.ReadDir("programs")
	if err != nil {
		return fmt.Errorf("replay: %w", err)
	}
	for _, f := range files {
		b, err := programs.ReadFile("programs/" + f.Name())
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, f.Name()), b, 0o600)
		}
		if err != nil {
			return fmt.Errorf("replay: writing a client program: %w", err)
		}
	}
	return nil
}

// maxOutput bounds what is kept of a client's standard output and standard error.
const maxOutput = 1 << 20

// runProgram runs prog with args and parses the JSON object it prints last.
func runProgram(ctx context.Context, dir, prog string, args ...string) (output, error) {
	stdout, stderr, err := execute(ctx, dir, prog, args...)
	var out output
	line := lastLine(stdout)
	if jerr := json.Unmarshal(line, &out); jerr != nil {
		if err == nil {
			err = fmt.Errorf("unreadable result %q", firstLine(stdout))
		}
		if msg := firstLine(stderr); msg != "" {
			err = fmt.Errorf("%w: %s", err, msg)
		}
		return output{}, err
	}
	return out, nil
}

// execute runs prog and returns its standard output and standard error, each cut at
// maxOutput bytes.
func execute(ctx context.Context, dir, prog string, args ...string) (stdout, stderr []byte, err error) {
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Dir = dir
	cmd.WaitDelay = 500 * time.Millisecond
	ownGroup(cmd)
	var o, e capped
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	if ctx.Err() != nil {
		err = ctx.Err()
	}
	return o.b, e.b, err
}

// capped keeps the first maxOutput bytes written to it.
type capped struct{ b []byte }

func (c *capped) Write(p []byte) (int, error) {
	if room := maxOutput - len(c.b); room > 0 {
		c.b = append(c.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func lastLine(b []byte) []byte {
	b = bytes.TrimRight(b, "\r\n")
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		return b[i+1:]
	}
	return b
}

func firstLine(b []byte) string {
	line, _, _ := bytes.Cut(bytes.TrimSpace(b), []byte("\n"))
	return string(bytes.TrimSpace(line))
}

// findCurl finds curl and asks it for its version.
func findCurl(ctx context.Context) (string, string, bool) {
	p, err := exec.LookPath("curl")
	if err != nil {
		return "", "", false
	}
	out, _, err := execute(ctx, "", p, "--version")
	if err != nil {
		return p, "", true
	}
	if f := strings.Fields(firstLine(out)); len(f) >= 2 && f[0] == "curl" {
		return p, f[1], true
	}
	return p, "", true
}

// curlWrite is curl's --write-out format: one line per transfer.
const curlWrite = `%{http_code} %{size_download} %{exitcode} %{errormsg}\n`

// curlWarns reports whether a line of curl's verbose output is worth reporting as a warning.
func curlWarns(line string) bool {
	for _, s := range [...]string{"Excess found", "Leftovers", "Ignoring", "Illegal", "Weird server reply",
		"Invalid", "Unsupported", "Connection died"} {
		if strings.Contains(line, s) {
			return true
		}
	}
	return false
}

// runCurl runs curl once per delivery, with both URLs on one command line so that curl
// reuses the connection.
func runCurl(ctx context.Context, prog, dir, url string) (output, error) {
	out := output{Deliveries: []DeliveryResult{}}
	h2 := strings.Contains(url, "/h2c/")
	apart := false
	if h2 {
		if v, _, err := execute(ctx, dir, prog, "--version"); err == nil && curlReusesNoH2c(firstLine(v)) {
			apart = true
			out.Aside = curlH2cAside
		}
	}
	for _, d := range Deliveries() {
		u := url + string(d)
		args := []string{"-q", "-sS", "-v", "--noproxy", "*", "--max-time", "1", "-w", curlWrite}
		if strings.HasSuffix(url, "/head/") {
			args = append(args, "-I")
		}
		if h2 {
			args = append(args, "--http2-prior-knowledge")
		}
		var stdout, stderr []byte
		var err error
		if apart {
			for range 2 {
				o, e, rerr := execute(ctx, dir, prog, append(args, "-o", os.DevNull, u)...)
				stdout, stderr = append(stdout, o...), append(stderr, e...)
				if err == nil {
					err = rerr
				}
			}
		} else {
			stdout, stderr, err = execute(ctx, dir, prog, append(args, "-o", os.DevNull, "-o", os.DevNull, u, u)...)
		}
		if ctx.Err() != nil {
			return output{}, err
		}
		var results []Outcome
		sc := bufio.NewScanner(bytes.NewReader(stdout))
		for sc.Scan() {
			results = append(results, curlOutcome(sc.Text()))
		}
		for len(results) < 2 {
			msg := "curl did not make the request"
			if err != nil && !errors.Is(err, context.Canceled) {
				msg += ": " + err.Error()
			}
			results = append(results, Outcome{Error: msg})
		}
		dr := DeliveryResult{Delivery: d, First: results[0], Next: results[1], Warnings: []string{}}
		sc = bufio.NewScanner(bytes.NewReader(stderr))
		for sc.Scan() {
			line := strings.TrimPrefix(sc.Text(), "* ")
			if curlWarns(line) {
				dr.Warnings = append(dr.Warnings, line)
			}
		}
		out.Deliveries = append(out.Deliveries, dr)
	}
	return out, nil
}

// curlH2cAside says why curl's two requests of an HTTP/2 replay went on connections of their
// own.
const curlH2cAside = "curl 7.88 cannot reuse an HTTP/2 connection opened with prior knowledge (curl/curl#10634), so each request had a connection of its own"

// curlReusesNoH2c reports whether the curl whose `curl --version` line is line has the bug of
// curl 7.88.0 and 7.88.1: a request on a reused h2c connection fails with "Error in the
// HTTP2 framing layer".
func curlReusesNoH2c(line string) bool {
	f := strings.Fields(line)
	return len(f) >= 2 && f[0] == "curl" && strings.HasPrefix(f[1], "7.88.")
}

// curlOutcome reads one line of curlWrite's output.
func curlOutcome(line string) Outcome {
	f := strings.SplitN(line, " ", 4)
	if len(f) < 3 {
		return Outcome{Error: "unreadable curl output " + strconv.Quote(line)}
	}
	code, _ := strconv.Atoi(f[0])
	size, _ := strconv.ParseInt(f[1], 10, 64)
	o := Outcome{Status: code, BodyBytes: size}
	if f[2] != "0" {
		msg := "curl: (" + f[2] + ")"
		if len(f) == 4 && f[3] != "" {
			msg += " " + f[3]
		}
		o.Error = msg
	}
	return o
}
