package history

import (
	"testing"
	"time"

	"github.com/hsx-dev/hsx/probe"
)

func TestInLabAndRebase(t *testing.T) {
	const lab = "http://127.0.0.1:41234"
	tests := []struct {
		name    string
		url     string
		wantLab string // LabPath
		rebased string // URL after Rebase onto the lab of a later run
	}{
		{"lab path", lab + "/204/body", "/204/body", "http://127.0.0.1:5555/204/body"},
		{"lab path and query", lab + "/bytes/10?x=1", "/bytes/10?x=1", "http://127.0.0.1:5555/bytes/10?x=1"},
		{"lab root", lab, "/", "http://127.0.0.1:5555/"},
		{"lab query only", lab + "?q", "/?q", "http://127.0.0.1:5555/?q"},
		{"longer port", lab + "5/204", "", lab + "5/204"},
		{"another host", "http://example.test/204/body", "", "http://example.test/204/body"},
		{"https to the same address", "https://127.0.0.1:41234/204", "", "https://127.0.0.1:41234/204"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := Entry{Method: "GET", URL: tt.url}.InLab(lab)
			if e.LabPath != tt.wantLab {
				t.Errorf("LabPath = %q, want %q", e.LabPath, tt.wantLab)
			}
			if e.URL != tt.url {
				t.Errorf("InLab changed the URL to %q", e.URL)
			}
			if got := e.Rebase("http://127.0.0.1:5555").URL; got != tt.rebased {
				t.Errorf("rebased URL = %q, want %q", got, tt.rebased)
			}
			if got := e.Rebase("").URL; got != tt.url {
				t.Errorf("rebased without a lab = %q, want the URL as sent", got)
			}
			if got := (Entry{URL: tt.url}).InLab(""); got.LabPath != "" {
				t.Errorf("InLab without a lab set LabPath %q", got.LabPath)
			}
		})
	}
}

func TestSameRequest(t *testing.T) {
	base := Entry{Method: "DELETE", URL: "http://127.0.0.1:1/204/body", LabPath: "/204/body",
		Header: []probe.Field{{Name: "A", Value: "1"}}}
	tests := []struct {
		name   string
		change func(*Entry)
		want   bool
	}{
		{"identical", func(*Entry) {}, true},
		{"time and status aside", func(e *Entry) { e.Time, e.Status = time.Now(), 204 }, true},
		{"same lab path at another port", func(e *Entry) { e.URL = "http://127.0.0.1:2/204/body" }, true},
		{"another lab path", func(e *Entry) { e.URL, e.LabPath = "http://127.0.0.1:1/204", "/204" }, false},
		{"not a lab request", func(e *Entry) { e.LabPath = "" }, false},
		{"method", func(e *Entry) { e.Method = "GET" }, false},
		{"header value", func(e *Entry) { e.Header = []probe.Field{{Name: "A", Value: "2"}} }, false},
		{"header count", func(e *Entry) { e.Header = nil }, false},
		{"body", func(e *Entry) { e.Body = "x" }, false},
		{"insecure", func(e *Entry) { e.Insecure = true }, false},
		{"follow", func(e *Entry) { e.FollowRedirects = true }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := base
			b.Header = append([]probe.Field(nil), base.Header...)
			tt.change(&b)
			if got := SameRequest(base, b); got != tt.want {
				t.Errorf("SameRequest = %v, want %v", got, tt.want)
			}
			if got := SameRequest(b, base); got != tt.want {
				t.Errorf("SameRequest (swapped) = %v, want %v", got, tt.want)
			}
		})
	}
	plainA := Entry{Method: "GET", URL: "http://example.test/a"}
	plainB := Entry{Method: "GET", URL: "http://example.test/b"}
	if SameRequest(plainA, plainB) || !SameRequest(plainA, plainA) {
		t.Error("entries outside the lab are compared by URL")
	}
}

func TestLabPathIsStored(t *testing.T) {
	s := newStore(t, 0)
	e := Entry{Time: time.Date(2026, 11, 24, 19, 0, 0, 0, time.UTC), Method: "DELETE",
		URL: "http://127.0.0.1:41234/204/body", Status: 204}.InLab("http://127.0.0.1:41234")
	if err := s.Add(e); err != nil {
		t.Fatal(err)
	}
	// The same lab request from a later run, with the lab on another port, replaces it.
	later := e
	later.URL, later.Time = "http://127.0.0.1:5555/204/body", e.Time.Add(time.Minute)
	if err := s.Add(later); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load()
	if err != nil || len(got) != 1 {
		t.Fatalf("Load = %+v, %v; want one entry", got, err)
	}
	if got[0].LabPath != "/204/body" || got[0].URL != later.URL {
		t.Errorf("stored entry = %+v", got[0])
	}
}
