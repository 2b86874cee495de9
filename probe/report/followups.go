package report

import (
	"io"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
	"github.com/hsx-dev/hsx/probe/termsafe"
)

// FollowupHop is one follow-up exchange of `hsx check --deep` in the JSON report: why it was
// sent, the request, the response (null when none came, with Error saying why) and the
// findings on it.
type FollowupHop struct {
	Why      string    `json:"why"`
	Request  Request   `json:"request"`
	Response *Response `json:"response"`
	Findings []Finding `json:"findings"`
	Error    *string   `json:"error,omitempty"`
}

// NewFollowups builds the "followups" of the JSON report; findings[i] belongs to fs[i].
func NewFollowups(fs []probe.Followup, findings [][]check.Finding) []FollowupHop {
	out := make([]FollowupHop, len(fs))
	for i, f := range fs {
		h := FollowupHop{Why: f.Why, Findings: jsonFindings(at(findings, i)),
			Request: Request{Method: f.Request.Method, URL: f.Request.URL, Headers: [][2]string{}}}
		if f.Exchange != nil {
			h.Request = jsonRequest(f.Exchange)
			if f.Exchange.Err == nil {
				h.Response = jsonResponse(f.Exchange)
			}
		}
		if err := followupErr(f); err != nil {
			msg := err.Error()
			h.Error = &msg
		}
		out[i] = h
	}
	return out
}

// followupErr is why a follow-up has no verdict, or nil.
func followupErr(f probe.Followup) error {
	if f.Exchange != nil && f.Exchange.Err != nil {
		return f.Exchange.Err
	}
	return f.Err
}

// Followups writes the "follow-ups" section of the text report: each follow-up exchange as
// its own exchange, headed by why it was sent, with the findings on it, then their count.
// findings[i] belongs to fs[i].
func Followups(w io.Writer, fs []probe.Followup, findings [][]check.Finding, opts TextOptions) error {
	t := newWriter(w, opts)
	t.heading("follow-ups" + t.style(t.muted, " (requests sent after the first, judged against it)"))
	if len(fs) == 0 {
		t.line(0, false, "none: the response gave nothing to follow up on")
		return t.err
	}
	for i, f := range fs {
		t.println("")
		t.rule("follow-up " + termsafe.String(f.Why, termsafe.Line))
		switch {
		case f.Exchange != nil:
			t.exchange(f.Exchange, at(findings, i))
		case f.Err != nil:
			t.line(check.Error, true, termsafe.String(f.Err.Error(), termsafe.Line))
		}
	}
	t.summary(Count(findings))
	return t.err
}
