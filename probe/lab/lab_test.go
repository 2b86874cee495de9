package lab

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestScenarioTable(t *testing.T) {
	ruleID := regexp.MustCompile(`^[FSJHEU][0-9]{1,2}$`) // the form of the check catalog's IDs
	all := Scenarios()
	paths := map[string]Scenario{}
	for _, s := range all {
		if _, dup := paths[s.Path]; dup {
			t.Errorf("%s: listed twice", s.Path)
		}
		paths[s.Path] = s
	}
	for _, s := range all {
		if !strings.HasPrefix(s.Path, "/") || s.Description == "" || strings.Contains(s.Description, "\n") {
			t.Errorf("%s: needs a path starting with / and a one-line description", s.Path)
		}
		if (s.raw == nil) == (s.serve == nil) {
			t.Errorf("%s: needs exactly one of raw and serve", s.Path)
		}
		if s.Code != 0 && (s.Code < 100 || s.Code > 599) && !slices.Contains(s.Rules, "F3") {
			t.Errorf("%s: code %d", s.Path, s.Code)
		}
		for _, id := range s.Rules {
			if !ruleID.MatchString(id) {
				t.Errorf("%s: rule %q is not a catalog ID", s.Path, id)
			}
		}
		if s.Twin != "" {
			if _, ok := paths[s.Twin]; !ok {
				t.Errorf("%s: twin %s is not a scenario", s.Path, s.Twin)
			}
		}
		if s.raw != nil && len(s.Rules) == 0 {
			t.Errorf("%s: a raw response is for a broken scenario; declare its rules", s.Path)
		}
	}
	// Scenarios is a fresh table on every call: changing one does not change the next.
	all[0].Rules = append(all[0].Rules, "X")
	if slices.Contains(Scenarios()[0].Rules, "X") {
		t.Error("Scenarios shares state between calls")
	}
}

// TestRequiredPaths holds the lab to the paths design.md promises.
func TestRequiredPaths(t *testing.T) {
	for _, p := range []string{"/204", "/204/body", "/204/content-length", "/204/chunked", "/204/json-type",
		"/200/empty-json", "/ansi", "/bytes/N", "/hang"} {
		if _, ok := Lookup(p); !ok {
			t.Errorf("no scenario %s", p)
		}
	}
	if _, ok := Lookup("/nope"); ok {
		t.Error("Lookup found /nope")
	}
}

func TestRawBytes(t *testing.T) {
	now := time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)
	date := "Date: Tue, 24 Nov 2026 18:00:00 GMT"
	tests := []struct {
		path string
		want string
	}{
		{"/204/body", "HTTP/1.1 204 No Content\r\n" + date + "\r\nServer: hsx-lab\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n" + `{"status":"done"}`},
		{"/204/content-length", "HTTP/1.1 204 No Content\r\n" + date + "\r\nServer: hsx-lab\r\nContent-Length: 17\r\n\r\n"},
		{"/204/chunked", "HTTP/1.1 204 No Content\r\n" + date + "\r\nServer: hsx-lab\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
		{"/framing/bare-lf", "HTTP/1.1 200 OK\n" + date + "\nServer: hsx-lab\nContent-Type: text/plain; charset=utf-8\nContent-Length: 23\n\nhello from the hsx lab\n"},
		{"/framing/no-date", "HTTP/1.1 200 OK\r\nServer: hsx-lab\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 23\r\n\r\nhello from the hsx lab\n"},
		{"/framing/obs-fold", "HTTP/1.1 200 OK\r\n" + date + "\r\nServer: hsx-lab\r\nContent-Type: text/plain; charset=utf-8\r\nX-Lab-Note: this value\r\n  continues on the next line\r\nContent-Length: 23\r\n\r\nhello from the hsx lab\n"},
	}
	for _, tt := range tests {
		s, ok := Lookup(tt.path)
		if !ok || s.raw == nil {
			t.Fatalf("%s: not a raw scenario", tt.path)
		}
		if got := string(s.raw.bytes(now)); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.path, got, tt.want)
		}
	}
}

// TestRawLengths checks that every raw response whose body is framed by one Content-Length
// carries exactly that many bytes, unless the scenario is about getting it wrong.
func TestRawLengths(t *testing.T) {
	for _, s := range Scenarios() {
		if s.raw == nil || s.Code == 204 || s.Code == 304 || slices.Contains(s.Rules, "F13") || slices.Contains(s.Rules, "F10") || slices.Contains(s.Rules, "F11") {
			continue
		}
		r := s.raw
		if r.then != nil {
			r = r.then
		}
		for _, h := range r.header {
			if v, ok := strings.CutPrefix(h, "Content-Length: "); ok && !slices.Contains(r.header, "Transfer-Encoding: chunked") {
				if v != itoa(len(r.body)) {
					t.Errorf("%s: Content-Length %s, body %d bytes", s.Path, v, len(r.body))
				}
			}
		}
	}
}

func TestIndex(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	get := func(accept string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/", nil)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, string(b)
	}

	resp, body := get("*/*")
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("terminal index: Content-Type %q", ct)
	}
	if v := resp.Header.Get("Vary"); v != "Accept" || resp.ContentLength != int64(len(body)) {
		t.Errorf("terminal index: Vary %q, Content-Length %d for %d bytes", v, resp.ContentLength, len(body))
	}
	for _, s := range Scenarios() {
		if !strings.Contains(body, srv.URL+s.Path) {
			t.Errorf("terminal index lacks %s", s.Path)
		}
	}

	resp, body = get("text/html,application/xhtml+xml,*/*;q=0.8")
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("browser index: Content-Type %q", ct)
	}
	for _, want := range []string{`<form method="post" action="/204">`, `<a href="/bytes/1024">/bytes/N</a>`,
		`&#34;HTTP/1.1 200&#34;`, `<a href="/204/body">/204/body</a>`,
		`<code>hsx check ` + srv.URL + `/204/body</code>`, `<code>hsx check -X DELETE ` + srv.URL + `/405</code>`,
		`<code>hsx check -X HEAD ` + srv.URL + `/head/body</code>`} {
		if !strings.Contains(body, want) {
			t.Errorf("browser index lacks %s", want)
		}
	}
	if strings.Contains(body, `"HTTP/1.1 200"`) {
		t.Error("browser index does not escape descriptions")
	}
	for _, s := range Scenarios() {
		if link := `<a href="` + s.Example() + `">` + s.Path + `</a>`; !strings.Contains(body, link) {
			t.Errorf("browser index does not link %s: no %s", s.Path, link)
		}
	}

	// The form's POST to /204 gets a 204 with nothing after it.
	presp, err := srv.Client().Post(srv.URL+"/204", "application/x-www-form-urlencoded", strings.NewReader("a=b"))
	if err != nil {
		t.Fatal(err)
	}
	presp.Body.Close()
	if presp.StatusCode != http.StatusNoContent {
		t.Errorf("POST /204: %d", presp.StatusCode)
	}
}

func TestNotFound(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL + "/no/such/scenario")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status %d, want 404", resp.StatusCode)
	}
}

func TestWriteList(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteList(&buf, "http://127.0.0.1:8204"); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&buf)
	var lines []string
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	all := Scenarios()
	if len(lines) != len(all)+1 {
		t.Fatalf("%d lines for %d scenarios", len(lines), len(all))
	}
	col := strings.Index(lines[0], "METHOD")
	for i, s := range all {
		l := lines[i+1]
		if !strings.HasPrefix(l, "http://127.0.0.1:8204"+s.Path+" ") || !strings.HasSuffix(l, s.Description) {
			t.Errorf("line %q does not describe %s", l, s.Path)
		}
		if l[col-1] != ' ' || l[col] == ' ' {
			t.Errorf("line %q: method column not aligned at %d", l, col)
		}
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true},
		{"1024", 1024, true},
		{"1073741824", 1 << 30, true},
		{"68719476736", 64 << 30, true},
		{"68719476737", 0, false},
		{"", 0, false},
		{"+5", 0, false},
		{"-5", 0, false},
		{"1e3", 0, false},
		{"99999999999999999999", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseSize(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseSize(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
