package ui

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/probe/report"
	"github.com/hsx-dev/hsx/ui/picker"
	"github.com/hsx-dev/hsx/ui/results"
)

// pickSave is the ID of the list of ways to save or copy the response.
const pickSave = "save"

// saveKind is one way to save or copy the response on show.
type saveKind uint8

const (
	saveRaw        saveKind = iota // the response stream as received
	saveBody                       // the body (content)
	saveReportText                 // the check report as text
	saveReportJSON                 // the check report as JSON
	copyBody                       // the body, to the clipboard
	copyHead                       // the status line and header fields, to the clipboard
)

// saveJob is what a save needs, taken from the pane when the list is opened, so that a new
// response arriving meanwhile does not change what is saved.
type saveJob struct {
	exs      []*probe.Exchange
	findings []check.Finding
	at       time.Time // when the response arrived: the name's time stamp
}

// final is the job's final exchange.
func (j saveJob) final() *probe.Exchange { return j.exs[len(j.exs)-1] }

// savedMsg reports a finished save: the file written and what it holds, or why it failed.
type savedMsg struct {
	path string
	size int
	note string // "partial: …", when the file holds less than was received
	err  error
}

// openSave opens the list of ways to save or copy the response on show; without one it says so.
func (m *Model) openSave() tea.Cmd {
	exs := m.results.Exchanges()
	if m.results.Watching() {
		return m.flash(stillWatching, noticeInfo)
	}
	if len(exs) == 0 || exs[len(exs)-1].Response == nil {
		return m.flash("nothing to save: no response on show", noticeInfo)
	}
	job := saveJob{exs: exs, findings: m.results.Findings(), at: m.resultAt}
	ex := job.final()
	resp := ex.Response
	kinds := []saveKind{saveRaw}
	items := []picker.Item{{Title: "Response as received", Detail: fileName(job, saveRaw, "") + partialDetail(rawPartial(ex))}}
	if resp.Body.Size > 0 {
		_, note := bodyToSave(resp)
		kinds = append(kinds, saveBody)
		items = append(items, picker.Item{Title: "Body", Detail: fileName(job, saveBody, bodyExt(resp)) + partialDetail(note)})
	}
	kinds = append(kinds, saveReportText, saveReportJSON)
	items = append(items,
		picker.Item{Title: "Report as text", Detail: fileName(job, saveReportText, "")},
		picker.Item{Title: "Report as JSON", Detail: fileName(job, saveReportJSON, "")},
	)
	if resp.Body.Size > 0 {
		kinds = append(kinds, copyBody)
		items = append(items, picker.Item{Title: "Copy the body", Detail: "to the clipboard" + partialDetail(bodyPartial(resp))})
	}
	kinds = append(kinds, copyHead)
	items = append(items, picker.Item{Title: "Copy the head", Detail: "status line and header fields, to the clipboard"})
	p := picker.New(m.th, pickSave, "Save or copy the response", items)
	p.SetNote("Files go to " + m.saveDir + "; an existing file is never replaced.")
	m.show(overlay{saves: kinds, save: job}, p)
	return nil
}

// chooseSave starts the save or copy chosen in the list.
func (m *Model) chooseSave(job saveJob, kind saveKind) tea.Cmd {
	resp := job.final().Response
	switch kind {
	case copyBody:
		data, note := bodyToSave(resp)
		what := "body"
		if note != "" {
			what = "body (" + note + ")"
		}
		return m.copyText(what, string(data))
	case copyHead:
		return m.copyText("head", string(headBytes(job.final())))
	}
	dir := m.saveDir
	return func() tea.Msg {
		data, note, err := saveData(job, kind)
		if err != nil {
			return savedMsg{err: err}
		}
		ext := ""
		if kind == saveBody {
			ext = bodyExt(resp)
		}
		path, err := writeNew(dir, fileName(job, kind, ext), data)
		return savedMsg{path: path, size: len(data), note: note, err: err}
	}
}

// saved reports a finished save in the hint bar.
func (m *Model) saved(msg savedMsg) tea.Cmd {
	if msg.err != nil {
		return m.flash("cannot save: "+msg.err.Error(), noticeError)
	}
	text := "saved " + filepath.Base(msg.path) + " (" + results.BytesText(int64(msg.size)) + ")"
	if msg.note != "" {
		text += " · " + msg.note
	}
	return m.flash(text, noticeInfo)
}

// saveData is the content of a file of kind for job, and a note when it holds less than was
// received.
func saveData(job saveJob, kind saveKind) ([]byte, string, error) {
	ex := job.final()
	switch kind {
	case saveRaw:
		return ex.Wire, rawPartial(ex), nil
	case saveBody:
		data, note := bodyToSave(ex.Response)
		return data, note, nil
	}
	// The pane keeps the findings of the final response only; the hops' are judged again.
	findings := make([][]check.Finding, len(job.exs))
	for i, h := range job.exs[:len(job.exs)-1] {
		if h.Response != nil {
			findings[i] = check.Run(h)
		}
	}
	findings[len(findings)-1] = job.findings
	var b bytes.Buffer
	var err error
	if kind == saveReportJSON {
		err = report.JSON(&b, job.exs, findings)
	} else {
		err = report.Text(&b, job.exs, findings, report.TextOptions{Width: 100})
	}
	return b.Bytes(), "", err
}

// rawPartial says how much of the response stream the raw capture holds, when not all of it.
func rawPartial(ex *probe.Exchange) string {
	if ex.WireSize <= int64(len(ex.Wire)) {
		return ""
	}
	return "partial: the first " + results.BytesText(int64(len(ex.Wire))) + " of " + results.BytesText(ex.WireSize) + " received"
}

// bodyToSave returns the body to save or copy and a note when it is not all of it, or not as
// sent: the content with its transfer coding (chunked) removed and, where probe decoded a
// content coding (gzip, br, deflate, zstd), with that removed too (RFC 9110 §8.4: the media
// type describes the decoded data). A coding probe could not remove stays on: the note says
// so, and the file name ends in the coding (see bodyExt).
func bodyToSave(resp *probe.Response) ([]byte, string) {
	notes := []string{}
	if n := bodyPartial(resp); n != "" {
		notes = append(notes, n)
	}
	cc := resp.Coding
	if cc == nil {
		return resp.Body.Data, strings.Join(notes, "; ")
	}
	if !cc.Decoded() { // left on, or it does not decode: the bytes as they came, as the body view shows them
		why := ""
		if cc.Err != "" {
			why = " (it does not decode: " + cc.Err + ")"
		}
		notes = append(notes, "still "+strings.Join(cc.Codings, ", ")+"-coded, as sent"+why)
		return resp.Body.Data, strings.Join(notes, "; ")
	}
	content := cc.Content
	notes = append(notes, "decoded from "+strings.Join(cc.Codings, ", "))
	if content.Truncated() {
		notes = append(notes, "partial: the first "+results.BytesText(int64(len(content.Data)))+" of the decoded "+
			results.BytesText(content.Size))
	}
	return content.Data, strings.Join(notes, "; ")
}

// bodyPartial says how much of the body was kept, when not all of it, and when the body was
// cut short on the wire.
func bodyPartial(resp *probe.Response) string {
	var notes []string
	if resp.Body.Truncated() {
		notes = append(notes, "partial: the first "+results.BytesText(int64(len(resp.Body.Data)))+" of "+results.BytesText(resp.Body.Size))
	}
	if !resp.BodyComplete {
		notes = append(notes, "incomplete on the wire")
	}
	return strings.Join(notes, "; ")
}

// leftCoded is the content coding still on what bodyToSave returns (a coding probe does not
// decode, or one that did not decode), or "" when none is left.
func leftCoded(resp *probe.Response) string {
	if cc := resp.Coding; cc != nil && !cc.Decoded() {
		return probe.LowerASCII(strings.Join(cc.Codings, ","))
	}
	return ""
}

// partialDetail is a list item's mention of a note.
func partialDetail(note string) string {
	if note == "" {
		return ""
	}
	return " · " + note
}

// headBytes is the final response's status line and header fields as received, each line
// ending in CRLF, and the blank line.
func headBytes(ex *probe.Exchange) []byte {
	var b bytes.Buffer
	for _, l := range ex.Response.Lines {
		if l.Kind == probe.BlankLineKind {
			break
		}
		b.Write(l.Text)
		b.WriteString("\r\n")
	}
	return b.Bytes()
}

// fileName is the name a file of kind for job gets: hsx-<code>-<date>-<time> and what it
// holds, e.g. hsx-204-20261202-063012.http or hsx-200-20261202-063012-body.json. bodyExt is
// the extension of a body (see bodyExt).
func fileName(job saveJob, kind saveKind, bodyExt string) string {
	code := "000"
	if r := job.final().Response; r != nil && r.Status.Code > 0 {
		code = strconv.Itoa(r.Status.Code)
	}
	base := "hsx-" + code + "-" + job.at.Format("20060102-150405")
	switch kind {
	case saveBody:
		return base + "-body" + bodyExt
	case saveReportText:
		return base + "-report.txt"
	case saveReportJSON:
		return base + "-report.json"
	}
	return base + ".http"
}

// bodyExt is the file extension for the body of resp, from its media type (and the content
// coding still on it, if any).
func bodyExt(resp *probe.Response) string {
	ct, _ := resp.Get("Content-Type")
	mt, _, _ := mime.ParseMediaType(ct)
	ext := ".bin"
	switch {
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		ext = ".json"
	case mt == "text/html":
		ext = ".html"
	case mt == "application/xml" || mt == "text/xml" || strings.HasSuffix(mt, "+xml"):
		ext = ".xml"
	case mt == "text/css":
		ext = ".css"
	case mt == "text/javascript" || mt == "application/javascript":
		ext = ".js"
	case strings.HasPrefix(mt, "text/"):
		ext = ".txt"
	case strings.HasPrefix(mt, "image/") && len(mt) > 6 && !strings.ContainsAny(mt[6:], "+."):
		ext = "." + mt[6:]
	}
	switch c := leftCoded(resp); c {
	case "":
	case "gzip", "x-gzip":
		ext += ".gz"
	case "br":
		ext += ".br"
	case "zstd":
		ext += ".zst"
	default:
		ext += "." + strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				return r
			}
			return '-'
		}, c)
	}
	return ext
}

// writeNew writes data to a new file named name in dir ("" for the current directory), never
// replacing one: when the name is taken, "-2", "-3" … go before the extension. The file is
// readable by its owner only, since a response or a report can hold cookies and tokens. It
// returns the path written.
func writeNew(dir, name string, data []byte) (string, error) {
	stem, ext := splitExt(name)
	for i := 1; i <= 100; i++ {
		n := name
		if i > 1 {
			n = fmt.Sprintf("%s-%d%s", stem, i, ext)
		}
		path := filepath.Join(dir, n)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return "", fmt.Errorf("writing %s: %w", path, err)
		}
		if err := f.Close(); err != nil {
			return "", fmt.Errorf("writing %s: %w", path, err)
		}
		return path, nil
	}
	return "", fmt.Errorf("%s and 99 numbered names are taken in %s", name, dir)
}

// splitExt splits a saved file's name before its extension: the last one, or the last two
// for a coded body ("-body.json.gz").
func splitExt(name string) (stem, ext string) {
	ext = filepath.Ext(name)
	stem = strings.TrimSuffix(name, ext)
	if inner := filepath.Ext(stem); inner != "" && len(inner) <= 5 && !strings.ContainsAny(inner, "-") {
		ext = inner + ext
		stem = strings.TrimSuffix(stem, inner)
	}
	return stem, ext
}
