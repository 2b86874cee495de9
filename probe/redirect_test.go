package probe

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestRun checks redirect following: methods and bodies per status, relative Locations, the
// hop limit, and that without FollowRedirects there is exactly one hop.
func TestRun(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/301", "/302", "/303", "/307", "/308":
			code := map[string]int{"/301": 301, "/302": 302, "/303": 303, "/307": 307, "/308": 308}[r.URL.Path]
			http.Redirect(w, r, "final?from="+r.URL.Path[1:], code)
		case "/loop":
			w.Header().Set("Location", "/loop")
			w.WriteHeader(http.StatusFound)
		case "/a", "/b":
			w.Header().Set("Location", map[string]string{"/a": "/b", "/b": "/a"}[r.URL.Path])
			w.WriteHeader(http.StatusFound)
		case "/same":
			if r.Method == "POST" {
				http.Redirect(w, r, "/same", http.StatusSeeOther)
				return
			}
			_, _ = io.WriteString(w, r.Method+" "+r.URL.RequestURI()+" ")
		case "/nolocation":
			w.WriteHeader(http.StatusFound)
		default:
			if n, ok := strings.CutPrefix(r.URL.Path, "/chain/"); ok {
				i, _ := strconv.Atoi(n)
				http.Redirect(w, r, "/chain/"+strconv.Itoa(i+1), http.StatusFound)
				return
			}
			body, _ := io.ReadAll(r.Body)
			_, _ = io.WriteString(w, r.Method+" "+r.URL.RequestURI()+" "+string(body))
		}
	}))
	t.Cleanup(srv.Close)
	tests := []struct {
		name   string
		method string
		path   string
		follow bool
		hops   int
		final  string // the final body
		err    string // the error, with the server's URL written as URL
	}{
		{"not followed", "GET", "/302", false, 1, "", ""},
		{"301 POST becomes GET", "POST", "/301", true, 2, "GET /final?from=301 ", ""},
		{"302 POST becomes GET", "POST", "/302", true, 2, "GET /final?from=302 ", ""},
		{"303 PUT becomes GET", "PUT", "/303", true, 2, "GET /final?from=303 ", ""},
		{"307 keeps POST and body", "POST", "/307", true, 2, "POST /final?from=307 data", ""},
		{"308 keeps PUT and body", "PUT", "/308", true, 2, "PUT /final?from=308 data", ""},
		{"302 without Location stops", "GET", "/nolocation", true, 1, "", ""},
		{"a Location to itself is a loop", "GET", "/loop", true, 1, "", "redirect loop: URL/loop points back to URL/loop"},
		{"two URLs that point at each other", "GET", "/a", true, 2, "", "redirect loop: URL/b points back to URL/a"},
		{"the same URL with another method is no loop", "POST", "/same", true, 2, "GET /same ", ""},
		{"a chain that goes on stops after MaxRedirects", "GET", "/chain/1", true, MaxRedirects + 1, "",
			`stopped after 10 redirects; the last response redirects again, to "/chain/12"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			hops, err := Run(context.Background(), Request{Method: tt.method, URL: srv.URL + tt.path,
				Body: []byte("data"), FollowRedirects: tt.follow, Timeout: 5 * time.Second})
			wantErr := strings.ReplaceAll(tt.err, "URL", srv.URL)
			pe, _ := AsError(err)
			switch {
			case tt.err == "" && err != nil:
				t.Fatal(err)
			case tt.err != "" && (pe == nil || pe.Phase != PhaseRedirect || pe.Msg != wantErr):
				t.Fatalf("err = %v, want %q", err, wantErr)
			case tt.err != "" && (hops[len(hops)-1].Err != err || hops[len(hops)-1].Response == nil):
				t.Errorf("the last hop has error %v and response %v", hops[len(hops)-1].Err, hops[len(hops)-1].Response)
			}
			if len(hops) != tt.hops {
				t.Fatalf("%d hops, want %d", len(hops), tt.hops)
			}
			last := hops[len(hops)-1]
			if tt.final != "" && string(last.Response.Body.Data) != tt.final {
				t.Errorf("final body %q, want %q", last.Response.Body.Data, tt.final)
			}
			if tt.final != "" && last.Request.Method == "GET" {
				if _, ok := (&Response{Header: last.Request.Header}).Get("Content-Length"); ok {
					t.Error("a redirect that became a GET still sends Content-Length")
				}
			}
		})
	}
}

// TestRunCrossHost checks that credentials are not sent to another host.
func TestRunCrossHost(t *testing.T) {
	t.Parallel()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "auth="+r.Header.Get("Authorization")+" x="+r.Header.Get("X-Keep"))
	}))
	t.Cleanup(other.Close)
	first := httptest.NewServer(http.RedirectHandler(other.URL+"/there", http.StatusFound))
	t.Cleanup(first.Close)
	hops, err := Run(context.Background(), Request{URL: first.URL, FollowRedirects: true,
		Header: []Field{{Name: "Authorization", Value: "Bearer s3cret"}, {Name: "X-Keep", Value: "1"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(hops) != 2 || string(hops[1].Response.Body.Data) != "auth= x=1" {
		t.Errorf("%d hops, final body %q", len(hops), hops[len(hops)-1].Response.Body.Data)
	}
}
