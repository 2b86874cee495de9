package content

import (
	"bytes"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// curlVersion is the curl the documents' statements about curl were checked on.
const curlVersion = "7.88"

// TestCurlFacts runs what the documents say about curl against the curl on PATH. It is skipped
// when curl is missing, or when it is another version than the one the documents name: their
// statements are about that version.
func TestCurlFacts(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl is not installed: the statements about curl are not run")
	}
	out, err := exec.Command(curl, "--version").Output()
	if err != nil {
		t.Fatalf("curl --version: %v", err)
	}
	if v := regexp.MustCompile(`^curl (\d+\.\d+)`).FindSubmatch(out); v == nil || string(v[1]) != curlVersion {
		t.Skipf("curl on PATH is %.20q, the documents speak of curl %s", out, curlVersion)
	}
	srv := httptest.NewServer(factsMux())
	defer srv.Close()
	run := func(args ...string) (stdout, stderr string) {
		t.Helper()
		cmd := exec.Command(curl, append([]string{"-sS", "--max-time", "10"}, args...)...)
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		if err := cmd.Run(); err != nil {
			t.Errorf("curl %s: %v: %s", strings.Join(args, " "), err, e.String())
		}
		return o.String(), e.String()
	}
	dir := t.TempDir()
	file := func(n int) string {
		p := filepath.Join(dir, fmt.Sprint(n))
		if err := os.WriteFile(p, bytes.Repeat([]byte("x"), n), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	facts := []struct {
		doc, says string
		args      []string
		want      string // part of stdout, or of stderr for -v runs
	}{
		{"100", "1,048,577 bytes gets it, 1,048,576 does not", []string{"--data-binary", "@" + file(1048577), srv.URL + "/expect"}, "expect=100-continue"},
		{"100", "1,048,577 bytes gets it, 1,048,576 does not", []string{"--data-binary", "@" + file(1048576), srv.URL + "/expect"}, "expect=none"},
		{"100", "and with every `-T` upload, however small", []string{"-T", file(3), srv.URL + "/expect"}, "expect=100-continue"},
		{"301", "with `-L` it turns `POST` into `GET` on 301 unless you add `--post301`", []string{"-L", "-d", "x", srv.URL + "/301"}, "GET"},
		{"301", "with `-L` it turns `POST` into `GET` on 301 unless you add `--post301`", []string{"-L", "--post301", "-d", "x", srv.URL + "/301"}, "POST x"},
		{"302", "turns `POST` into `GET` unless you pass `--post302`", []string{"-L", "-d", "x", srv.URL + "/302"}, "GET"},
		{"302", "turns `POST` into `GET` unless you pass `--post302`", []string{"-L", "--post302", "-d", "x", srv.URL + "/302"}, "POST x"},
		{"307", "**curl `-L`** (curl 7.88): keeps the method and body.", []string{"-L", "-d", "x", srv.URL + "/307"}, "POST x"},
		{"303", "Go 1.26 and curl 7.88 each followed a `POST` with a `GET` that had neither body nor `Content-Type`", []string{"-L", "-d", "x", srv.URL + "/303"}, "GET body= type="},
		{"301", "curl 7.88 with `-L`, Go 1.26 and requests 2.28 stop and hand you the redirect response itself", []string{"-L", "-o", "/dev/null", "-w", "%{http_code}", srv.URL + "/empty-location"}, "302"},
		{"204", "as `Excess found: excess = 16 … (zero-length body)`. curl 7.88 then keeps the connection and reuses it", []string{"-v", "-o", "/dev/null", "-o", "/dev/null", srv.URL + "/204-body", srv.URL + "/echo"}, "Excess found: excess = 16"},
		{"204", "as `Excess found: excess = 16 … (zero-length body)`. curl 7.88 then keeps the connection and reuses it", []string{"-v", "-o", "/dev/null", "-o", "/dev/null", srv.URL + "/204-body", srv.URL + "/echo"}, "Re-using existing connection"},
	}
	for _, f := range facts {
		docSays(t, f.doc, f.says)
		stdout, stderr := run(f.args...)
		if !strings.Contains(stdout, f.want) && !strings.Contains(stderr, f.want) {
			t.Errorf("%s.md says %q, but curl %s printed %q (stderr %.300q), not %q",
				f.doc, f.says, strings.Join(f.args, " "), stdout, stderr, f.want)
		}
	}
}
