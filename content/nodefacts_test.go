package content

import (
	"fmt"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
)

// nodeMajor is the Node.js the documents' statements about Node and its fetch were checked on.
const nodeMajor = "v20."

// TestNodeFetchFacts runs what the documents say about Node's fetch against the node on PATH.
// It is skipped when node is missing or another major version than the documents name.
func TestNodeFetchFacts(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: the statements about Node's fetch are not run")
	}
	v, err := exec.Command(node, "--version").Output()
	if err != nil {
		t.Fatalf("node --version: %v", err)
	}
	if !strings.HasPrefix(string(v), nodeMajor) {
		t.Skipf("node on PATH is %s, the documents speak of Node %s", strings.TrimSpace(string(v)), strings.Trim(nodeMajor, "v."))
	}
	srv := httptest.NewServer(factsMux())
	defer srv.Close()
	facts := []struct {
		doc, says string
		script    string // the body of an async function of base, whose result is printed
		want      string
	}{
		{"204", "Node 20's fetch (undici) gives `null`",
			`const r = await fetch(base + "/204"); return String(r.body === null);`, "true"},
		{"204", "`response.json()` rejects with a `SyntaxError`",
			`const r = await fetch(base + "/204"); try { await r.json(); return "resolved"; } catch (e) { return e.name; }`, "SyntaxError"},
		{"301", "Node 20's fetch follows it until its redirect limit and rejects with \"redirect count exceeded\"",
			`try { await fetch(base + "/empty-location"); return "resolved"; } catch (e) { return e.cause.message; }`, "redirect count exceeded"},
		{"301", "in Node.js you get the real 301",
			`const r = await fetch(base + "/301", { redirect: "manual" }); return r.status + " " + r.headers.get("location");`, "301 /echo"},
		{"303", "Node 20's fetch, axios 1.21, requests 2.28 and 2.34, Go 1.26 and curl 7.88 each followed a `POST` with a `GET`",
			`const r = await fetch(base + "/303", { method: "POST", body: "x", headers: { "Content-Type": "text/plain" } }); return r.text();`,
			"GET body= type="},
		{"307", "(Node 20: `TypeError: fetch failed`)",
			`const body = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("x")); c.close(); } });
			try { await fetch(base + "/307", { method: "POST", body, duplex: "half" }); return "resolved"; } catch (e) { return e.name + ": " + e.message; }`,
			"TypeError: fetch failed"},
		{"304", "Pass `cache: \"no-cache\"` as well: fetch then sends `Cache-Control: max-age=0` instead",
			`const a = await fetch(base + "/headers", { headers: { "If-None-Match": "\"v1\"" } });
			const b = await fetch(base + "/headers", { headers: { "If-None-Match": "\"v1\"" }, cache: "no-cache" });
			return (await a.text()) + " / " + (await b.text());`,
			"cache-control=no-cache pragma=no-cache / cache-control=max-age=0 pragma="},
	}
	for _, f := range facts {
		docSays(t, f.doc, f.says)
		js := fmt.Sprintf("(async (base) => { %s })(%q).then((v) => console.log(v), (e) => console.log(\"error: \" + e));",
			f.script, srv.URL)
		out, err := exec.Command(node, "-e", js).CombinedOutput()
		if got := strings.TrimSpace(string(out)); err != nil || got != f.want {
			t.Errorf("%s.md says %q, but node printed %q (%v), want %q", f.doc, f.says, got, err, f.want)
		}
	}
}
