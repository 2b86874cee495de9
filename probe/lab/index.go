package lab

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"strings"
)

// indexHead is the HTML index up to its rows, which writeIndexHTML writes.
const indexHead = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>hsx lab</title>
<style>
:root { color-scheme: light dark; --muted: #777; --line: #8884; --bad: #c33; --ok: #393; }
body { font: 15px/1.45 system-ui, sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
p.lead { color: var(--muted); margin-top: 0; }
code, td.path, td.m { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .92em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; }
td.rules { color: var(--bad); white-space: nowrap; }
td.rules.none { color: var(--ok); }
.demo { border: 1px solid var(--line); border-radius: .5rem; padding: .8rem 1rem; margin: 1.2rem 0; }
button { font: inherit; padding: .3rem .9rem; }
</style>
</head>
<body>
<h1>hsx lab</h1>
<p class="lead">Correct and broken HTTP responses, side by side. Broken ones are written byte for byte;
look at them with <code>hsx check URL</code> or <code>curl -sv URL</code>, since browsers hide most of what is wrong.</p>
<div class="demo">
<form method="post" action="/204"><button type="submit">POST this form to /204</button></form>
<p>The server answers <strong>204 No Content</strong>, and a browser then keeps showing the page it has:
nothing reloads and nothing changes. That is what 204 means for the document view.</p>
</div>
<table>
<thead><tr><th>path</th><th>method</th><th>code</th><th>rules</th><th>twin</th><th>what the server sends</th><th>look at it</th></tr></thead>
<tbody>
`

// indexFoot ends the HTML index, after the rows.
const indexFoot = `</tbody>
</table>
</body>
</html>
`

// indexRow is one scenario as the HTML index shows it. Method is the method to send it with
// when a browser's GET is not the one ("" for GET).
type indexRow struct {
	Path, Example, Methods, Method, Code, Rules, Twin, Description string
}

// writeIndexHTML writes the HTML index: the rows, with the commands to copy naming the lab by
// base, its URL as the browser reached it. Every value is escaped.
func writeIndexHTML(b *bytes.Buffer, base string, rows []indexRow) {
	e := html.EscapeString
	b.WriteString(indexHead)
	for _, r := range rows {
		none := ""
		if r.Rules == "-" {
			none = " none"
		}
		twin := ""
		if r.Twin != "" {
			twin = `<a href="` + e(r.Twin) + `">` + e(r.Twin) + `</a>`
		}
		method := ""
		if r.Method != "" {
			method = "-X " + e(r.Method) + " "
		}
		fmt.Fprintf(b, "<tr>\n<td class=\"path\"><a href=\"%s\">%s</a></td>\n<td class=\"m\">%s</td>\n<td>%s</td>\n"+
			"<td class=\"rules%s\">%s</td>\n<td class=\"path\">%s</td>\n<td>%s</td>\n"+
			"<td class=\"path\"><code>hsx check %s%s%s</code></td>\n</tr>\n",
			e(r.Example), e(r.Path), e(r.Methods), e(r.Code), none, e(r.Rules), twin, e(r.Description),
			method, e(base), e(r.Example))
	}
	b.WriteString(indexFoot)
}

// index returns the handler of "/": an HTML page for browsers, aligned text for everything else.
func index(all []Scenario) http.Handler {
	rows := make([]indexRow, len(all))
	for i, s := range all {
		rows[i] = indexRow{Path: s.Path, Example: s.Example(), Methods: s.methods(), Code: code(s.Code),
			Rules: s.rules(), Twin: s.Twin, Description: s.Description}
		if m := s.Method(); m != http.MethodGet {
			rows[i].Method = m
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var buf bytes.Buffer
		ctype := textType
		if wantsHTML(r) {
			ctype = "text/html; charset=utf-8"
			writeIndexHTML(&buf, "http://"+r.Host, rows)
		} else {
			buf.WriteString("hsx lab: correct and broken HTTP responses. Try: hsx check URL\n\n")
			if err := WriteList(&buf, "http://"+r.Host); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
		}
		w.Header().Set("Vary", "Accept")
		writeBody(w, http.StatusOK, ctype, buf.String())
	})
}

// wantsHTML reports whether the client asked for HTML (browsers do; curl and hsx do not).
func wantsHTML(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept") {
		if strings.Contains(strings.ToLower(v), "text/html") {
			return true
		}
	}
	return false
}
