package lab

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// earlyHint is the Link field the 103 scenarios send.
const earlyHint = "Link: </style.css>; rel=preload; as=style"

// itoa formats an int in decimal.
func itoa(n int) string { return strconv.Itoa(n) }

// writeText sends code with a text/plain body and its Content-Length.
func writeText(w http.ResponseWriter, code int, body string) {
	writeBody(w, code, textType, body)
}

// writeJSON sends code with an application/json body and its Content-Length.
func writeJSON(w http.ResponseWriter, code int, body string) {
	writeBody(w, code, "application/json", body)
}

// writeBody sends code with a body of the media type ctype and its Content-Length.
func writeBody(w http.ResponseWriter, code int, ctype, body string) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", itoa(len(body)))
	w.WriteHeader(code)
	_, _ = w.Write([]byte(body))
}

// noContent is the correct 204: nothing but the status line, Date and Server.
func noContent(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }

// noContentJSON is a 204 that is labelled JSON although it has no content.
func noContentJSON(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusNoContent)
}

// hello is a plain 200 with a short text body.
func hello(w http.ResponseWriter, _ *http.Request) { writeText(w, http.StatusOK, helloBody) }

// jsonOK is a 200 with a valid JSON body.
func jsonOK(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, `{"status":"ok","items":[1,2,3]}`+"\n")
}

// resetContent sends a 205 with Content-Length: 0 (205 is not bodyless by definition, so the
// client needs to be told the body is empty).
func resetContent(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(http.StatusResetContent)
}

// notModified is the correct 304: an ETag and no content.
func notModified(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("ETag", `"v1"`)
	w.WriteHeader(http.StatusNotModified)
}

// created is a 201 that names the new resource in Location.
func created(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Location", "/200/json")
	writeJSON(w, http.StatusCreated, jsonDone+"\n")
}

// createdHere is a 201 without Location: the request's target is the new resource.
func createdHere(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusCreated, jsonDone+"\n")
}

// redirectTo returns a handler that redirects to /200 with code.
func redirectTo(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Location", "/200")
		writeText(w, code, "See /200.\n")
	}
}

// unauthorized is a 401 with a Basic challenge.
func unauthorized(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("WWW-Authenticate", `Basic realm="hsx lab"`)
	writeText(w, http.StatusUnauthorized, "Log in first.\n")
}

// proxyAuth is a 407 with a Basic challenge for the proxy.
func proxyAuth(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Proxy-Authenticate", `Basic realm="hsx lab"`)
	writeText(w, http.StatusProxyAuthRequired, "Log in to the proxy first.\n")
}

// methodNotAllowed is a resource that allows only GET and HEAD.
func methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		writeText(w, http.StatusOK, "This resource allows GET and HEAD; send DELETE to see a 405.\n")
		return
	}
	w.Header().Set("Allow", "GET, HEAD")
	writeText(w, http.StatusMethodNotAllowed, "Not with that method.\n")
}

// partialModTime is the fixed modification time of the ranged document.
func partialModTime() time.Time { return time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC) }

// partial serves partialText with range support; a request without Range gets bytes 0-15.
func partial(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Range") == "" {
		r = r.Clone(r.Context())
		r.Header.Set("Range", "bytes=0-15")
	}
	http.ServeContent(w, r, "lab.txt", partialModTime(), strings.NewReader(partialText))
}

// partialMulti serves partialText in two ranges; a request without Range gets 0-3 and 10-13.
func partialMulti(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Range") == "" {
		r = r.Clone(r.Context())
		r.Header.Set("Range", "bytes=0-3,10-13")
	}
	http.ServeContent(w, r, "lab.txt", partialModTime(), strings.NewReader(partialText))
}

// rangeNotSatisfiable asks for a range past the end of partialText, whatever the request asked.
func rangeNotSatisfiable(w http.ResponseWriter, r *http.Request) {
	r = r.Clone(r.Context())
	r.Header.Set("Range", "bytes=1000-")
	http.ServeContent(w, r, "lab.txt", partialModTime(), strings.NewReader(partialText))
}

// retryAfterSeconds returns a handler that sends code with Retry-After in seconds.
func retryAfterSeconds(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "120")
		writeText(w, code, "Slow down; try again in two minutes.\n")
	}
}

// retryAfterDate returns a handler that sends code with Retry-After as an HTTP-date.
func retryAfterDate(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", time.Now().Add(2*time.Minute).UTC().Format(http.TimeFormat))
		writeText(w, code, "Back in two minutes.\n")
	}
}

// retryAfterNone returns a handler that sends code without Retry-After.
func retryAfterNone(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		writeText(w, code, "Not now; no idea when.\n")
	}
}

// interim returns a handler that sends an interim response with code, then a 200.
func interim(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		if code == http.StatusEarlyHints {
			w.Header().Set("Link", strings.TrimPrefix(earlyHint, "Link: "))
		}
		w.WriteHeader(code)
		w.Header().Del("Link")
		writeText(w, http.StatusOK, helloBody)
	}
}

// upgradeRequired is a 426 that names the protocol to upgrade to.
func upgradeRequired(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Upgrade", "HTTP/2.0")
	w.Header().Set("Connection", "Upgrade")
	writeText(w, http.StatusUpgradeRequired, "Upgrade to HTTP/2.0 to use this resource.\n")
}

// withTrailer sends helloBody chunked, with a checksum trailer declared in Trailer.
func withTrailer(w http.ResponseWriter, _ *http.Request) {
	h := w.Header()
	h.Set("Content-Type", textType)
	h.Set("Trailer", "X-Lab-Checksum")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(helloBody))
	h.Set("X-Lab-Checksum", itoa(len(helloBody)))
}

// chunked sends helloBody in two chunks.
func chunked(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", textType)
	rc := http.NewResponseController(w)
	_, _ = w.Write([]byte(helloBody[:6]))
	_ = rc.Flush()
	_, _ = w.Write([]byte(helloBody[6:]))
}

// dripFeed sends drip one byte at a time.
func dripFeed(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", textType)
	h.Set("Content-Length", itoa(len(drip)))
	rc := http.NewResponseController(w)
	w.WriteHeader(http.StatusOK)
	t := time.NewTicker(dripDelay * time.Millisecond)
	defer t.Stop()
	for i := range len(drip) {
		if i > 0 {
			select {
			case <-r.Context().Done():
				panic(http.ErrAbortHandler)
			case <-t.C:
			}
		}
		if _, err := w.Write([]byte{drip[i]}); err != nil {
			return
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}

// hang never answers: it waits until the client goes away or the server shuts down, then drops
// the connection without a response.
func hang(_ http.ResponseWriter, r *http.Request) {
	<-r.Context().Done()
	panic(http.ErrAbortHandler)
}
