package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// deepServer serves /file with http.ServeContent (conditional requests, HEAD and ranges done
// right), /stale with an ETag it never honours, and counts the requests it gets.
func deepServer(t *testing.T) (string, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	mod := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	mux := http.NewServeMux()
	mux.HandleFunc("/file", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("ETag", `"f1"`)
		http.ServeContent(w, r, "f.txt", mod, strings.NewReader("hello, follow-ups\n"))
	})
	mux.HandleFunc("/stale", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("ETag", `"always"`)
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("the same, always\n"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL, &hits
}

// followupJSON is one entry of "followups".
type followupJSON struct {
	Why     string `json:"why"`
	Request struct {
		Method  string      `json:"method"`
		Headers [][2]string `json:"headers"`
	} `json:"request"`
	Response *struct {
		Status int `json:"status"`
	} `json:"response"`
	Findings []struct {
		ID       string `json:"id"`
		Severity string `json:"severity"`
	} `json:"findings"`
	Error *string `json:"error"`
}

// TestCheckDeep: --deep sends the follow-ups a safe request calls for, reports each in
// "followups", and an error found by a follow-up makes the exit status 1; an unsafe method is
// refused before anything is sent.
func TestCheckDeep(t *testing.T) {
	base, hits := deepServer(t)
	tests := []struct {
		name  string
		args  []string
		code  int
		whys  []string // the follow-ups, in order
		stats []int    // their statuses
		found string   // a finding ID a follow-up must report ("" for none at warning or above)
	}{
		{"ServeContent", []string{"/file"}, exitOK,
			[]string{"If-None-Match", "If-Modified-Since", "HEAD", "Range"}, []int{304, 304, 200, 206}, ""},
		{"HEAD first", []string{"-I", "/file"}, exitOK,
			[]string{"If-None-Match", "If-Modified-Since", "GET", "Range"}, []int{304, 304, 200, 206}, ""},
		{"an ETag never honoured", []string{"/stale"}, exitFindings,
			[]string{"If-None-Match", "HEAD"}, []int{200, 200}, "K11"},
		{"with Origin, the preflight", []string{"-H", "Origin: https://app.example", "-H", "X-Token: 1", "/stale"}, exitFindings,
			[]string{"If-None-Match", "HEAD", "preflight"}, []int{200, 200, 200}, "K11"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"check", "--deep", "--json"}, tt.args[:len(tt.args)-1]...)
			r := runArgs(t, append(args, base+tt.args[len(tt.args)-1])...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %q", r.code, tt.code, r.errs)
			}
			decodeCheck(t, r.stdout) // the contract's keys, and no others
			var o struct {
				Followups []followupJSON `json:"followups"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &o); err != nil {
				t.Fatal(err)
			}
			var whys []string
			var stats []int
			found := ""
			for _, f := range o.Followups {
				whys = append(whys, f.Why)
				if f.Response == nil {
					t.Fatalf("%s: no response: %v", f.Why, f.Error)
				}
				stats = append(stats, f.Response.Status)
				for _, fd := range f.Findings {
					if fd.Severity != "info" {
						found = fd.ID
					}
				}
				if f.Why == "preflight" {
					h := f.Request.Headers
					if f.Request.Method != "OPTIONS" || !hasPair(h, "Access-Control-Request-Method", "GET") ||
						!hasPair(h, "Access-Control-Request-Headers", "x-token") || hasPair(h, "X-Token", "1") {
						t.Errorf("preflight %s %q", f.Request.Method, h)
					}
				}
			}
			if strings.Join(whys, ",") != strings.Join(tt.whys, ",") || len(stats) != len(tt.stats) {
				t.Fatalf("follow-ups %v %v, want %v %v", whys, stats, tt.whys, tt.stats)
			}
			for i := range stats {
				if stats[i] != tt.stats[i] {
					t.Errorf("%s: status %d, want %d", whys[i], stats[i], tt.stats[i])
				}
			}
			if found != tt.found {
				t.Errorf("follow-up finding %q, want %q", found, tt.found)
			}
		})
	}

	before := hits.Load()
	r := runArgs(t, "check", "--deep", "-d", "a=1", base+"/file")
	if r.code != exitFailure || !strings.Contains(r.errs, "--deep") || strings.Count(r.errs, "\n") != 1 {
		t.Errorf("--deep with POST: exit %d, stderr %q", r.code, r.errs)
	}
	if hits.Load() != before {
		t.Errorf("--deep with POST sent %d requests, want none", hits.Load()-before)
	}
	r = runArgs(t, "check", base+"/stale")
	if r.code != exitOK || strings.Contains(r.stdout, "follow-up") {
		t.Errorf("without --deep: exit %d, follow-ups in the report: %v", r.code, strings.Contains(r.stdout, "follow-up"))
	}
	r = runArgs(t, "check", "--deep", base+"/stale")
	if r.code != exitFindings || !strings.Contains(r.stdout, "── follow-up If-None-Match") || !strings.Contains(r.stdout, "K11") {
		t.Errorf("--deep text: exit %d\n%s", r.code, r.stdout)
	}
}

func hasPair(h [][2]string, name, value string) bool {
	for _, p := range h {
		if strings.EqualFold(p[0], name) && p[1] == value {
			return true
		}
	}
	return false
}
