package check

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
)

func TestCatalog(t *testing.T) {
	want := strings.Fields(`F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12 F13 F14 F15 F16 F17 F18 F20
		U1 J1 J2 E1 E2 S1 S2 S3 S5 S7 S8 S9 S10 S11 S12 S14 S15 S16 S17 S19 S20 S22 S23 S24 S25 S29 S30
		S33 S34 R1 R2 R3 R4 R5 R6 R7 R8 D1 D2 D3 D4 A1 A2 A3 A4 A5 E3 E4 E5 E6 S18 S37 S38
		C1 C2 C3 C4 C5 C6 C7 C8 C9 C10 C11 C12 K1 K2 K3 K4 K5 K6 K7 K8 K9 K10 K11 K12
		H1 H2 H3 H4 H5 H6 H7`)
	ref := regexp.MustCompile(`^(RFC \d+|Fetch) §\d+(\.\d+)*(; (RFC \d+|Fetch) §\d+(\.\d+)*)*$`)
	var ids []string
	for _, r := range Rules() {
		ids = append(ids, r.ID)
		if !ref.MatchString(r.Ref) {
			t.Errorf("%s: Ref %q is not like \"RFC 9110 §15.3.5\" or \"Fetch §4.8\"", r.ID, r.Ref)
		}
		if r.Title == "" || r.Check == nil {
			t.Errorf("%s: Title %q, Check set %v", r.ID, r.Title, r.Check != nil)
		}
		got, ok := Lookup(r.ID)
		if !ok || got.ID != r.ID || got.Ref != r.Ref {
			t.Errorf("Lookup(%q) = %+v, %v", r.ID, got, ok)
		}
	}
	if !slices.Equal(ids, want) {
		t.Errorf("catalog IDs =\n%v\nwant\n%v", ids, want)
	}
	for _, id := range []string{"S39", "F19", "S4", "H8", "", "f1"} {
		if _, ok := Lookup(id); ok {
			t.Errorf("Lookup(%q) found a rule", id)
		}
	}
}

func TestRulesIsFresh(t *testing.T) {
	a := Rules()
	a[0].ID, a[0].Severity = "changed", Info
	if b := Rules(); b[0].ID != "F1" || b[0].Severity != Error {
		t.Errorf("changing one catalog changed the next: %+v", b[0])
	}
}

// TestCatalogBuiltOnce holds the table to being built once: looking a rule up allocates
// nothing.
func TestCatalogBuiltOnce(t *testing.T) {
	if a, b := Rules(), Rules(); &a[0] == &b[0] {
		t.Error("Rules returned the shared table, not a copy")
	}
	tests := []struct {
		name string
		fn   func()
	}{
		{"Lookup", func() { Lookup("S34") }},
		{"Lookup unknown", func() { Lookup("X1") }},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(10, tt.fn); n != 0 {
			t.Errorf("%s: %v allocations, want 0", tt.name, n)
		}
	}
}

func TestSeverities(t *testing.T) {
	want := map[string]Severity{
		"F1": Error, "F2": Error, "F4": Error, "F10": Error, "F5": Warning, "F13": Error, "F16": Info, "F17": Warning,
		"F18": Warning, "F20": Info, "U1": Info, "J1": Warning, "J2": Info, "S2": Error, "S3": Error,
		"S7": Info, "S8": Info, "S9": Error, "S17": Info, "S20": Error, "S23": Info, "S25": Info,
		"S30": Info, "S33": Error,
	}
	for id, sev := range want {
		if r, ok := Lookup(id); !ok || r.Severity != sev {
			t.Errorf("%s severity = %s (found %v), want %s", id, r.Severity, ok, sev)
		}
	}
}

// TestSeverityNames holds the names and margin glyphs that the report and the explorer show.
func TestSeverityNames(t *testing.T) {
	for _, tt := range []struct {
		sev         Severity
		name, glyph string
	}{{Error, "error", "✗"}, {Warning, "warning", "!"}, {Info, "info", "i"}} {
		if tt.sev.String() != tt.name || tt.sev.Glyph() != tt.glyph {
			t.Errorf("severity %d: %q %q, want %q %q", tt.sev, tt.sev.String(), tt.sev.Glyph(), tt.name, tt.glyph)
		}
	}
}

func TestRunWithoutResponse(t *testing.T) {
	if got := Run(nil); got != nil {
		t.Errorf("Run(nil) = %+v", got)
	}
	ex := probe.Parse([]byte("SSH-2.0-OpenSSH_9.6\r\n"), "GET")
	if ex.Err == nil {
		t.Fatal("Parse accepted a stream that is not HTTP")
	}
	if got := Run(ex); got != nil {
		t.Errorf("Run(failed exchange) = %+v", got)
	}
}

func TestRunOrder(t *testing.T) {
	stream := "HTTP/1.1 204 No Content\r\n" +
		"Content-Type: application/json\r\n" + // J2, info
		"Date: " + testDate + "\n" + // F5, warning
		"Content-Length: 11\r\n" + // S2, error
		"\r\n" +
		`{"ok":true}` // S9, error
	got := Run(parse(t, stream, "DELETE"))
	var ids []string
	for _, f := range got {
		ids = append(ids, f.ID)
	}
	if want := []string{"S2", "S9", "F5", "J2"}; !slices.Equal(ids, want) {
		t.Errorf("order = %v, want %v (%+v)", ids, want, got)
	}
}

// TestRunSorted checks the order of every case's findings: most severe first, then by position
// on the wire.
func TestRunSorted(t *testing.T) {
	for _, tc := range ruleCases() {
		ex := parse(t, tc.stream, tc.method)
		if tc.setup != nil {
			tc.setup(ex)
		}
		fs := Run(ex)
		for i := 1; i < len(fs); i++ {
			a, b := fs[i-1], fs[i]
			pa, pb := position(ex, a.At), position(ex, b.At)
			if a.Severity < b.Severity || (a.Severity == b.Severity && pa > pb) {
				t.Errorf("%s/%s: %s %s @%d before %s %s @%d", tc.id, tc.name,
					a.ID, a.Severity, pa, b.ID, b.Severity, pb)
			}
		}
	}
}

func TestPosition(t *testing.T) {
	stream := head("HTTP/1.1 200 OK", date, "Content-Type: text/plain", "Transfer-Encoding: chunked") +
		"3\r\nabc\r\n4\r\ndefg\r\n0\r\nX-Sum: 1\r\n\r\nZZ"
	ex := parse(t, stream, "GET")
	at := func(s string) int64 { return int64(strings.Index(stream, s)) }
	tests := []struct {
		loc  Location
		want int64
	}{
		{Location{Where: AtStatusLine}, 0},
		{atHeader(1, "Content-Type"), at("Content-Type")},
		{atLine(2), at("Content-Type")},
		{Location{Where: AtBody, Start: 0}, at("abc")},
		{Location{Where: AtBody, Start: 4}, at("efg")},
		{Location{Where: AtTrailer, Index: 0}, at("X-Sum")},
		{Location{Where: AtExtra, Start: 1}, at("ZZ") + 1},
		{Location{Where: AtMessage}, at("\r\n\r\n3") + 2},
	}
	for _, tt := range tests {
		if got := position(ex, tt.loc); got != tt.want {
			t.Errorf("position(%+v) = %d, want %d", tt.loc, got, tt.want)
		}
	}
}

// TestReferences holds the references that point at the sentence that states each requirement,
// not at the section of the status code it applies to.
func TestReferences(t *testing.T) {
	want := map[string]string{
		"S7":  "RFC 9110 §8.8.2.1; RFC 9110 §8.8.3.1",
		"S14": "RFC 9110 §15.4.1; RFC 9110 §15.4.2; RFC 9110 §15.4.3; RFC 9110 §15.4.4; RFC 9110 §15.4.8; RFC 9110 §15.4.9",
		"J2":  "RFC 9110 §8.3; RFC 9110 §15.3.5; RFC 9110 §15.4.5",
		"F4":  "RFC 9112 §4; RFC 9110 §2.2",
	}
	for id, ref := range want {
		if r, ok := Lookup(id); !ok || r.Ref != ref {
			t.Errorf("%s Ref = %q (found %v), want %q", id, r.Ref, ok, ref)
		}
	}
}

// TestMessages holds messages whose wording carries a condition of the requirement.
func TestMessages(t *testing.T) {
	tests := []struct {
		id, method, stream, want string
	}{
		{"S23", "POST", head("HTTP/1.1 413 Content Too Large", date, "Content-Length: 0"), "if the limit is temporary"},
		{"S15", "GET", head("HTTP/1.1 302 Found", date, "Location: ", "Content-Length: 0"), "redirects to the same URI"},
	}
	for _, tt := range tests {
		r, _ := Lookup(tt.id)
		fs := r.Check(parse(t, tt.stream, tt.method))
		if len(fs) != 1 || !strings.Contains(fs[0].Message, tt.want) {
			t.Errorf("%s findings %+v, want one whose message says %q", tt.id, fs, tt.want)
		}
	}
}
