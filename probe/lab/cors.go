package lab

import "net/http"

// allowOrigin echoes the request's Origin in Access-Control-Allow-Origin, as a server that
// allows any origin with credentials must, and says that the response varies with it.
func allowOrigin(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Add("Vary", "Origin")
	if o := r.Header.Get("Origin"); o != "" {
		h.Set("Access-Control-Allow-Origin", o)
	}
}

// preflightOK answers a preflight correctly: 204, the origin echoed with Vary: Origin, the
// methods and headers it allows, and how long to keep the answer.
func preflightOK(w http.ResponseWriter, r *http.Request) {
	allowOrigin(w, r)
	h := w.Header()
	h.Set("Access-Control-Allow-Methods", "GET, PUT, DELETE")
	h.Set("Access-Control-Allow-Headers", "Content-Type")
	h.Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
}

// preflightBroken answers a preflight with two mistakes copied from configuration snippets:
// Allow-Origin * next to Allow-Credentials: true, and methods separated by spaces.
func preflightBroken(w http.ResponseWriter, _ *http.Request) {
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Allow-Credentials", "true")
	h.Set("Access-Control-Allow-Methods", "GET PUT DELETE")
	h.Set("Access-Control-Allow-Headers", "Content-Type")
	w.WriteHeader(http.StatusNoContent)
}

// preflightUnauthorized is the preflight that an authentication check saw first: a 401, with
// the CORS fields on it, which browsers fail all the same.
func preflightUnauthorized(w http.ResponseWriter, r *http.Request) {
	allowOrigin(w, r)
	w.Header().Set("WWW-Authenticate", `Bearer realm="api"`)
	writeText(w, http.StatusUnauthorized, "authentication required\n")
}

// corsHello is a 200 that lets the request's origin read it.
func corsHello(w http.ResponseWriter, r *http.Request) {
	allowOrigin(w, r)
	writeText(w, http.StatusOK, helloBody)
}

// fixedOrigin is a 200 with Access-Control-Allow-Origin set to origin (the request's own
// Origin, without Vary, when origin is empty) and Access-Control-Allow-Credentials set to
// credentials when that is not empty.
func fixedOrigin(origin, credentials string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		if origin == "" {
			origin = r.Header.Get("Origin")
		} else {
			h.Set("Vary", "Origin")
		}
		h.Set("Access-Control-Allow-Origin", origin)
		if credentials != "" {
			h.Set("Vary", "Origin")
			h.Set("Access-Control-Allow-Credentials", credentials)
		}
		writeText(w, http.StatusOK, helloBody)
	}
}

// preflightAllowing answers a preflight with 204, the origin echoed, and the methods, headers
// and Max-Age given.
func preflightAllowing(methods, headers, maxAge string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		allowOrigin(w, r)
		h := w.Header()
		h.Set("Access-Control-Allow-Methods", methods)
		h.Set("Access-Control-Allow-Headers", headers)
		h.Set("Access-Control-Max-Age", maxAge)
		w.WriteHeader(http.StatusNoContent)
	}
}

// preflightWithBody answers a preflight correctly, but with 200 and a body nobody reads.
func preflightWithBody(w http.ResponseWriter, r *http.Request) {
	allowOrigin(w, r)
	h := w.Header()
	h.Set("Access-Control-Allow-Methods", "GET, PUT")
	h.Set("Access-Control-Allow-Headers", "Content-Type")
	writeText(w, http.StatusOK, "OK")
}
