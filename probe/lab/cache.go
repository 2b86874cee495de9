package lab

import (
	"net/http"
	"strings"
	"time"
)

// lastChange is the modification time the caching scenarios report: a fixed time in the past.
var lastChange = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

// cacheable is a correct cacheable 200 that answers its own validators with a 304, the way
// http.ServeContent does.
func cacheable(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("ETag", `"v1"`)
	h.Set("Cache-Control", "max-age=3600")
	h.Set("Last-Modified", lastChange.Format(http.TimeFormat))
	if r.Header.Get("If-None-Match") == `"v1"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	writeText(w, http.StatusOK, helloBody)
}

// cacheableBroken gets the validators and freshness of a 200 wrong: an ETag without its quotes,
// a Last-Modified a day after the response's Date, and no-store beside a max-age.
func cacheableBroken(w http.ResponseWriter, _ *http.Request) {
	h := w.Header()
	now := time.Now().UTC()
	h.Set("Date", now.Format(http.TimeFormat))
	h.Set("ETag", "abc123")
	h.Set("Last-Modified", now.Add(24*time.Hour).Format(http.TimeFormat))
	h.Set("Cache-Control", "no-store, max-age=3600")
	writeText(w, http.StatusOK, helloBody)
}

// cacheableIgnoring sends the whole representation again even when the request's
// If-None-Match names its current ETag.
func cacheableIgnoring(w http.ResponseWriter, _ *http.Request) {
	h := w.Header()
	h.Set("ETag", `"v1"`)
	h.Set("Cache-Control", "max-age=60")
	writeText(w, http.StatusOK, helloBody)
}

// fixed sends code with the given fields ("Name: value") and, unless code is 304, a short text
// body.
func fixed(code int, fields ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		for _, f := range fields {
			name, value, _ := strings.Cut(f, ": ")
			w.Header().Add(name, value)
		}
		if code == http.StatusNotModified {
			w.WriteHeader(code)
			return
		}
		writeText(w, code, helloBody)
	}
}
