package probe

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestPlanFollowups: which follow-ups a first exchange calls for, and what each sends.
func TestPlanFollowups(t *testing.T) {
	const full = "HTTP/1.1 200 OK\r\nETag: \"e1\"\r\nLast-Modified: Tue, 24 Nov 2026 18:57:03 GMT\r\n" +
		"Accept-Ranges: bytes\r\nContent-Length: 2\r\n\r\nok"
	tests := []struct {
		name   string
		req    Request
		stream string
		method string
		want   []string // "why METHOD field…" for each follow-up
	}{
		{"GET with validators and ranges", Request{URL: "http://h/a", Header: []Field{{Name: "Range", Value: "bytes=5-"}}}, full, "GET",
			[]string{`If-None-Match GET If-None-Match: "e1"`, "If-Modified-Since GET If-Modified-Since: Tue, 24 Nov 2026 18:57:03 GMT",
				"HEAD HEAD", "Range GET Range: bytes=0-0"}},
		{"HEAD gets a GET beside it", Request{Method: "HEAD", URL: "http://h/a"}, strings.TrimSuffix(full, "ok"), "HEAD",
			[]string{`If-None-Match HEAD If-None-Match: "e1"`, "If-Modified-Since HEAD If-Modified-Since: Tue, 24 Nov 2026 18:57:03 GMT",
				"GET GET", "Range GET Range: bytes=0-0"}},
		{"a 404 gets only the HEAD", Request{URL: "http://h/a"}, "HTTP/1.1 404 Not Found\r\nETag: \"x\"\r\nContent-Length: 0\r\n\r\n", "GET",
			[]string{"HEAD HEAD"}},
		{"Origin: the preflight, with the headers that are not safelisted", Request{URL: "http://h/a", Header: []Field{
			{Name: "Origin", Value: "https://app.example"}, {Name: "X-Token", Value: "t"}, {Name: "Content-Type", Value: "application/json"},
			{Name: "Accept", Value: "*/*"}}}, "HTTP/1.1 204 No Content\r\n\r\n", "GET",
			[]string{"HEAD HEAD", "preflight OPTIONS Origin: https://app.example Access-Control-Request-Method: GET Access-Control-Request-Headers: content-type,x-token"}},
		{"OPTIONS itself gets none", Request{Method: "OPTIONS", URL: "http://h/a", Header: []Field{{Name: "Origin", Value: "https://o"}}},
			"HTTP/1.1 204 No Content\r\n\r\n", "OPTIONS", nil},
		{"POST gets none", Request{Method: "POST", URL: "http://h/a", Body: []byte("x")}, full, "POST", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := Parse([]byte(tt.stream), tt.method)
			// The callbacks of the first request follow what it does, not its follow-ups.
			tt.req.Progress, tt.req.Watching = func(int64) {}, func(*Exchange) {}
			var got []string
			for _, f := range PlanFollowups(tt.req, ex) {
				s := f.Why + " " + f.Request.Method
				for _, h := range f.Request.Header {
					if f.Why == "preflight" || !strings.EqualFold(h.Name, "Origin") && !strings.EqualFold(h.Name, "X-Token") &&
						!strings.EqualFold(h.Name, "Content-Type") && !strings.EqualFold(h.Name, "Accept") {
						s += " " + h.Name + ": " + h.Value
					}
				}
				if f.Request.FollowRedirects || f.Request.BodyTo != nil || f.Request.ContentTo != nil {
					t.Errorf("%s: follows redirects or writes its body", f.Why)
				}
				if f.Request.Progress != nil || f.Request.Watching != nil {
					t.Errorf("%s: reports to the first request's callbacks", f.Why)
				}
				got = append(got, s)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("follow-ups\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestRunFollowups: each follow-up gets its exchange with the first as its Basis; once the
// context is done, the rest are not sent.
func TestRunFollowups(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("ETag", `"e"`)
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	req := Request{URL: srv.URL, Timeout: 2 * time.Second, Grace: 10 * time.Millisecond}
	first, err := Do(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	fs := PlanFollowups(req, first)
	RunFollowups(t.Context(), fs, first)
	if len(fs) != 2 || hits.Load() != 3 {
		t.Fatalf("%d follow-ups, %d requests", len(fs), hits.Load())
	}
	for _, f := range fs {
		if f.Err != nil || f.Exchange == nil || f.Exchange.Basis != first || f.Exchange.Response == nil {
			t.Errorf("%s: err %v, exchange %+v", f.Why, f.Err, f.Exchange)
		}
	}
	if got := fs[0].Exchange.Response.Status.Code; got != 304 && got != 200 {
		t.Errorf("If-None-Match: status %d", got)
	}

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	fs = PlanFollowups(req, first)
	RunFollowups(ctx, fs, first)
	for _, f := range fs {
		if f.Err == nil || f.Exchange != nil {
			t.Errorf("%s after cancel: err %v", f.Why, f.Err)
		}
	}
	if hits.Load() != 3 {
		t.Errorf("%d requests after cancel, want none", hits.Load()-3)
	}
}
