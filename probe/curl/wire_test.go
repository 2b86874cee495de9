package curl

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/textproto"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

// recorder is a server that keeps the bytes of each request it receives (head and body) and
// answers 204.
func recorder(t *testing.T) (url string, requests <-chan string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	got := make(chan string, 1)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			_ = c.SetDeadline(time.Now().Add(5 * time.Second))
			br := bufio.NewReader(c)
			var b strings.Builder
			length := 0
			for {
				line, err := br.ReadString('\n')
				b.WriteString(line)
				if err != nil || line == "\r\n" {
					break
				}
				if name, v, ok := strings.Cut(line, ":"); ok && textproto.CanonicalMIMEHeaderKey(name) == "Content-Length" {
					length, _ = strconv.Atoi(strings.TrimSpace(v))
				}
			}
			body := make([]byte, length)
			_, _ = io.ReadFull(br, body)
			b.Write(body)
			if length == 0 {
				// A body sent without Content-Length: whatever arrives soon after the head.
				_ = c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
				rest, _ := io.ReadAll(br)
				b.Write(rest)
			}
			_, _ = c.Write([]byte("HTTP/1.1 204 No Content\r\n\r\n"))
			_ = c.Close()
			got <- b.String()
		}
	}()
	return "http://" + ln.Addr().String(), got
}

// TestSameBytesAsCurl sends the same flags with curl and with hsx and compares the requests
// byte for byte, curl's own User-Agent aside.
func TestSameBytesAsCurl(t *testing.T) {
	curlPath, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl is not installed")
	}
	url, requests := recorder(t)
	curlUA := regexp.MustCompile(`(?m)^User-Agent: curl/[^\r]*\r$`)
	tests := []struct {
		name string
		args []string
		path string
	}{
		{"defaults", nil, "/"},
		{"defaults removed", []string{"-H", "Host:", "-H", "User-Agent:", "-H", "Accept:"}, "/"},
		{"empty fields", []string{"-H", "X-A;", "-H", "Host;", "-H", "Accept;"}, "/"},
		{"own names given with -H", []string{"-H", "X-B: 1", "-H", "Accept: a", "-H", "User-Agent: x", "-H", "Host: h"}, "/"},
		{"a removal keeps an earlier -H", []string{"-H", "X-A: 1", "-H", "X-A:", "-H", "Accept: a", "-H", "Accept:"}, "/"},
		{"-u", []string{"-u", "u:p", "-H", "X-B: 1"}, "/"},
		{"-H Authorization wins over -u", []string{"-u", "u:p", "-H", "Authorization: Bearer t"}, "/"},
		{"-H Authorization wins over the URL's", []string{"-H", "Authorization: Bearer t"}, "u:p@"},
		{"-A, -e and -b before -H", []string{"-H", "X-B: 1", "-b", "c=1", "-e", "r", "-A", "ua", "-H", "X-C: 2"}, "/"},
		{"-H over -A, -e and -b", []string{"-A", "ua", "-e", "r", "-b", "c=1", "-H", "Cookie: d=2", "-H", "User-Agent:", "-H", "Referer: s"}, "/"},
		{"an empty -A", []string{"-A", ""}, "/"},
		{"empty -e", []string{"-e", ""}, "/"},
		{"-e ;auto", []string{"-e", "http://r/;auto"}, "/"},
		{"several of -A, -e, -b and -u", []string{"-A", "a", "-A", "b", "-e", "a", "-e", "b", "-b", "a=1", "-b", "c=2", "-u", "a:1", "-u", "b:2"}, "/"},
		{"two Hosts", []string{"-H", "Host: a", "-H", "Host: b"}, "/"},
		{"form data", []string{"-H", "X-B: 1", "-d", "a=1", "-d", "b=2"}, "/"},
		{"form data with its type given", []string{"-H", "Content-Type: text/x", "-H", "X-B: 1", "-d", "a=1"}, "/"},
		{"form data, type and length removed", []string{"-H", "Content-Type:", "-H", "Content-Length:", "-d", "a=1"}, "/"},
		{"data with an empty Content-Type", []string{"-H", "Content-Type;", "-d", "a=1"}, "/"},
		{"--json", []string{"--json", `{"a":1}`, "-H", "X-B: 1"}, "/"},
		{"data with -H Transfer-Encoding: chunked", []string{"-H", "Transfer-Encoding: chunked", "-d", "abc"}, "/"},
		{"PUT with data", []string{"-X", "PUT", "--data-raw", "@x"}, "/"},
		{"HEAD", []string{"-I"}, "/"},
		{"-G", []string{"-G", "-d", "q=1"}, "/s"},
		{"-G with --json", []string{"-G", "--json", "{}"}, "/s"},
		{"--data-urlencode", []string{"--data-urlencode", "a b", "--data-urlencode", "n=é&"}, "/"},
		{"-X POST without data", []string{"-X", "POST"}, "/"},
		{"HTTP/1.0", []string{"-0", "-H", "Host:"}, "/"},
		{"dot segments", nil, "/a/../b/./c/..?x=/../y"},
		{"--path-as-is", []string{"--path-as-is"}, "/a/../b/./c/.."},
		{"escaped brackets", nil, `/a\[1\]?q=\{x\}`},
		{"-g", []string{"-g"}, `/a[1]?q={x}`},
		{"--compressed", []string{"--compressed", "-H", "X-B: 1", "-e", "r"}, "/"},
		{"--compressed with Accept-Encoding removed", []string{"--compressed", "-H", "Accept-Encoding:"}, "/"},
		{"--compressed with Accept-Encoding given", []string{"--compressed", "-H", "Accept-Encoding: br"}, "/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := url + tt.path
			if strings.HasSuffix(tt.path, "@") {
				target = strings.Replace(url, "://", "://"+tt.path, 1) + "/"
			}
			args := append(append([]string{}, tt.args...), target)
			out, err := exec.Command(curlPath, append([]string{"-s", "-o", "/dev/null"}, args...)...).CombinedOutput()
			if err != nil {
				t.Fatalf("curl %q: %v %s", args, err, out)
			}
			want := curlUA.ReplaceAllString(<-requests, "User-Agent: "+probe.UserAgent+"\r")

			cmd, err := Parse(args)
			if err != nil {
				t.Fatalf("Parse(%q): %v", args, err)
			}
			ex, err := probe.Do(context.Background(), cmd.Request)
			if err != nil {
				t.Fatalf("Do: %v", err)
			}
			got := <-requests
			if got != want {
				t.Errorf("hsx %q sent\n%q\ncurl sent\n%q", args, got, want)
			}
			if string(ex.Request.Bytes) != got {
				t.Errorf("Exchange.Request.Bytes = %q, the server got %q", ex.Request.Bytes, got)
			}
		})
	}
}
