package main

import (
	"bytes"
	"compress/gzip"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestCheckOutput: -o FILE writes the whole body as curl's -o does: with chunked removed, the
// content coding left on unless --compressed asked for decoding, only the last response's
// body with -L, an empty file for a response without a body and none without a response.
func TestCheckOutput(t *testing.T) {
	content := strings.Repeat(`{"id":1,"name":"hsx"},`, 100000) // 2.2 MB, past the 1 MiB kept in memory
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	_, _ = w.Write([]byte(content))
	_ = w.Close()
	var mu sync.Mutex
	var accept []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		accept = append(accept, r.Header.Get("Accept-Encoding"))
		mu.Unlock()
		switch r.URL.Path {
		case "/moved":
			w.Header().Set("Location", "/gzip")
			w.WriteHeader(http.StatusFound)
			_, _ = w.Write([]byte("the redirect's own body"))
		case "/gzip":
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(gz.Bytes()) // chunked: net/http does not know the length up front
		case "/empty":
			w.WriteHeader(http.StatusNoContent)
		}
	}))
	t.Cleanup(srv.Close)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String() + "/"
	ln.Close()

	tests := []struct {
		name   string
		args   []string // before -o FILE
		want   []byte   // the file; nil means no file
		code   int
		accept string // the Accept-Encoding of the last request
	}{
		{"coded body as received", []string{srv.URL + "/gzip"}, gz.Bytes(), exitOK, ""},
		{"decoded with --compressed", []string{"--compressed", srv.URL + "/gzip"}, []byte(content), exitOK,
			"deflate, gzip, br, zstd"},
		{"--compressed keeps the user's Accept-Encoding", []string{"--compressed", "-H", "Accept-Encoding: gzip", srv.URL + "/gzip"},
			[]byte(content), exitOK, "gzip"},
		{"-L writes the last body", []string{"-L", srv.URL + "/moved"}, gz.Bytes(), exitOK, ""},
		{"without -L the redirect's body", []string{srv.URL + "/moved"}, []byte("the redirect's own body"), exitOK, ""},
		{"no body, empty file", []string{srv.URL + "/empty"}, []byte{}, exitOK, ""},
		{"no response, no file", []string{refused}, nil, exitFailure, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "out")
			r := runArgs(t, append([]string{"check", "-o", file}, tt.args...)...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %q", r.code, tt.code, r.errs)
			}
			got, err := os.ReadFile(file)
			switch {
			case tt.want == nil:
				if err == nil {
					t.Errorf("file written (%d bytes) without a response", len(got))
				}
			case err != nil:
				t.Errorf("no file: %v", err)
			case !bytes.Equal(got, tt.want):
				t.Errorf("file has %d bytes (%.20q…), want %d (%.20q…)", len(got), got, len(tt.want), tt.want)
			}
			if tt.code == exitOK {
				mu.Lock()
				last := accept[len(accept)-1]
				mu.Unlock()
				if last != tt.accept {
					t.Errorf("Accept-Encoding %q, want %q", last, tt.accept)
				}
			}
		})
	}
}

// TestCheckOutputErrors: -o - and a file that cannot be written are one-line errors, exit 2;
// the explorer refuses -o.
func TestCheckOutputErrors(t *testing.T) {
	url := rawServer(t, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"check", "-o", "-", url}, "hsx: -o -: hsx check writes its report to standard output; give -o a file name (see 'hsx --help')\n"},
		{[]string{"check", "-o", filepath.Join(t.TempDir(), "no", "such", "dir"), url}, "no such file or directory\n"},
		{[]string{"-o", "out", url}, "hsx: -o: the explorer shows the body; hsx check -o FILE URL saves it (see 'hsx --help')\n"},
		{[]string{"check", "-si", "-o", "out", url}, "hsx: -i with -o: curl would put the response head in the file; hsx writes only the body there (see 'hsx --help')\n"},
		{[]string{"check", "--head", "-o", "out", url}, "hsx: --head with -o: curl would put the response head in the file; hsx writes only the body there (see 'hsx --help')\n"},
	}
	for _, tt := range tests {
		r := runArgs(t, tt.args...)
		if r.code != exitFailure || !strings.HasSuffix(r.errs, tt.want) || strings.Count(r.errs, "\n") != 1 ||
			!strings.HasPrefix(r.errs, "hsx: ") {
			t.Errorf("%q: exit %d, stderr %q; want exit 2 and one line ending in %q", tt.args, r.code, r.errs, tt.want)
		}
	}
}
