package content

import (
	"fmt"
	"net/http/httptest"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// requestsVersions are the requests releases the documents' statements about it were checked on.
var requestsVersions = []string{"2.28.", "2.34."}

// TestPythonRequestsFacts runs what the documents say about Python's requests and http.client
// with the python3 on PATH. It is skipped when python3 is missing, cannot import requests, or
// has another requests than the documents name.
func TestPythonRequestsFacts(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed: the statements about requests are not run")
	}
	v, err := exec.Command(python, "-c", "import requests; print(requests.__version__)").Output()
	if err != nil {
		t.Skipf("%s cannot import requests (Debian: python3-requests): the statements about requests are not run", python)
	}
	if !slices.ContainsFunc(requestsVersions, func(p string) bool { return strings.HasPrefix(string(v), p) }) {
		t.Skipf("requests is %s, the documents speak of requests %v", strings.TrimSpace(string(v)), requestsVersions)
	}
	srv := httptest.NewServer(factsMux())
	defer srv.Close()
	facts := []struct {
		doc, says string
		script    string // Python that prints one line; base is the server's URL
		want      string
	}{
		{"204", "`r.ok` is true and `r.content` is `b\"\"`, so `r.json()` raises `requests.exceptions.JSONDecodeError`",
			`r = requests.get(base + "/204")
try:
    r.json(); print("parsed")
except requests.exceptions.JSONDecodeError:
    print(r.ok, repr(r.content), "JSONDecodeError")`, `True b'' JSONDecodeError`},
		{"301", "rewrites `POST` to `GET` on 301",
			`print(repr(requests.post(base + "/301", data="x").text))`, "'GET '"},
		{"302", "**Python requests 2.28** turns every method except `HEAD` into `GET` on 302",
			`print(repr(requests.put(base + "/302", data="x").text), repr(requests.delete(base + "/302").text))`, "'GET ' 'GET '"},
		{"303", "requests 2.28 and 2.34, Go 1.26 and curl 7.88 each followed a `POST` with a `GET`",
			`print(requests.post(base + "/303", data="x", headers={"Content-Type": "text/plain"}).text)`, "GET body= type="},
		{"307", "**Python requests** (requests 2.28): keeps method and body",
			`print(requests.post(base + "/307", data="x").text)`, "POST x"},
		{"301", "curl 7.88 with `-L`, Go 1.26 and requests 2.28 stop and hand you the redirect response itself",
			`r = requests.get(base + "/empty-location"); print(r.status_code, len(r.history))`, "302 0"},
		{"301", "drops `Authorization` when the host, the scheme or the port changes (an upgrade from `http` on port 80 to `https` on port 443 keeps it)",
			`s = requests.Session(); f = s.should_strip_auth
print(f("http://a/x", "http://b/x"), f("https://a/x", "http://a/x"), f("http://a:8080/x", "http://a:8081/x"), f("http://a/x", "https://a/x"), f("http://a/x", "http://a/y"))`,
			"True True True False False"},
		{"204", "`http.client` (Python 3.11) treats a 204 as length 0 but still decodes a chunked 204 and returns its chunks as the body",
			`import http.client, urllib.parse
u = urllib.parse.urlsplit(base); c = http.client.HTTPConnection(u.hostname, u.port); c.request("GET", "/204-chunked")
r = c.getresponse(); print(r.length, repr(r.read()))`, "0 b'hello'"},
		{"429", "urllib3 1.26 honours `Retry-After` for 413, 429 and 503 by default",
			`from urllib3.util.retry import Retry; print(sorted(Retry.RETRY_AFTER_STATUS_CODES), Retry().respect_retry_after_header)`,
			"[413, 429, 503] True"},
	}
	for _, f := range facts {
		docSays(t, f.doc, f.says)
		py := fmt.Sprintf("import requests\nbase = %q\n%s\n", srv.URL, f.script)
		out, err := exec.Command(python, "-c", py).CombinedOutput()
		if got := strings.TrimSpace(string(out)); err != nil || got != f.want {
			t.Errorf("%s.md says %q, but python printed %q (%v), want %q", f.doc, f.says, got, err, f.want)
		}
	}
}
