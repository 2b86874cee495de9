package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
	"github.com/hsx-dev/hsx/probe/check"
)

// followupFixture is a first exchange and two follow-ups: one answered 200 with the same ETag
// (and an escape sequence in a field), one that was never sent.
func followupFixture() (*probe.Exchange, []probe.Followup, [][]check.Finding) {
	const get = "HTTP/1.1 200 OK\r\nDate: Tue, 24 Nov 2026 18:57:03 GMT\r\nETag: \"e\"\r\nX-A: \x1b[2J\r\n" +
		"Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"
	first := probe.Parse([]byte(get), "GET")
	again := probe.Parse([]byte(get), "GET")
	again.Request.Header = []probe.Field{{Name: "If-None-Match", Value: `"e"`, Line: -1}}
	again.Basis = first
	fs := []probe.Followup{
		{Why: "If-None-Match", Request: probe.Request{URL: "http://h/"}, Exchange: again},
		{Why: "HEAD", Request: probe.Request{Method: "HEAD", URL: "http://h/"}, Err: errors.New("not sent: context canceled")},
	}
	return first, fs, [][]check.Finding{check.Run(again), nil}
}

func TestFollowupsSection(t *testing.T) {
	_, fs, findings := followupFixture()
	var buf bytes.Buffer
	if err := Followups(&buf, fs, findings, TextOptions{Width: 100}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"\nfollow-ups (", "── follow-up If-None-Match ", "  If-None-Match: \"e\"\n", "K11",
		`X-A: \x1b[2J`, "── follow-up HEAD ", "not sent: context canceled", "2 errors"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	if strings.ContainsRune(out, 0x1b) {
		t.Errorf("an escape reached the report:\n%q", out)
	}
	buf.Reset()
	if err := Followups(&buf, nil, nil, TextOptions{}); err != nil || !strings.Contains(buf.String(), "none:") {
		t.Errorf("no follow-ups: %q, %v", buf.String(), err)
	}
}

func TestFollowupsJSON(t *testing.T) {
	first, fs, findings := followupFixture()
	o := NewObject([]*probe.Exchange{first}, [][]check.Finding{check.Run(first)})
	o.Followups = NewFollowups(fs, findings)
	var buf bytes.Buffer
	if err := Encode(&buf, o); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Followups []struct {
			Why      string `json:"why"`
			Request  struct{ Method, URL string }
			Response *struct{ Status int }
			Findings []struct{ ID string }
			Error    *string `json:"error"`
		} `json:"followups"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Followups) != 2 {
		t.Fatalf("followups %+v", got.Followups)
	}
	f, g := got.Followups[0], got.Followups[1]
	if f.Why != "If-None-Match" || f.Response == nil || f.Response.Status != 200 || f.Error != nil ||
		!strings.Contains(buf.String(), `"id":"K11"`) {
		t.Errorf("first follow-up %+v", f)
	}
	if g.Why != "HEAD" || g.Response != nil || g.Error == nil || *g.Error != "not sent: context canceled" ||
		g.Request.Method != "HEAD" || g.Findings == nil {
		t.Errorf("second follow-up %+v", g)
	}
	if bytes.IndexByte(buf.Bytes(), 0x1b) >= 0 {
		t.Error("an escape reached the JSON")
	}
	// Without --deep the key is absent, so that older readers see what they saw.
	buf.Reset()
	_ = Encode(&buf, NewObject([]*probe.Exchange{first}, nil))
	if strings.Contains(buf.String(), "followups") {
		t.Errorf("followups without --deep: %s", buf.String())
	}
}
