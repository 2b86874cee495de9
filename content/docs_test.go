package content

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// requiredSections are the headings every status code document has, as
// "##" headings.
var requiredSections = []string{
	"Meaning",
	"Common causes",
	"How to fix",
	"How clients should handle it",
	"Important notes",
	"Related codes",
}

// ruleIDs are the rule IDs a document may explain: those of the check
// catalog (probe/check.Rules); rules_test.go checks the catalog.
var ruleIDs = strings.Fields(`F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12 F13 F14 F15 F16 F17 F18 F20 U1
	J1 J2 E1 E2 S1 S2 S3 S5 S7 S8 S9 S10 S11 S12 S14 S15 S16 S17 S19 S20 S22 S23 S24 S25
	S29 S30 S33 S34 R1 R2 R3 R4 R5 R6 R7 R8 D1 D2 D3 D4 A1 A2 A3 A4 A5 E3 E4 E5 E6 S18
	S37 S38
	C1 C2 C3 C4 C5 C6 C7 C8 C9 C10 C11 C12 K1 K2 K3 K4 K5 K6 K7 K8 K9 K10 K11 K12
	H1 H2 H3 H4 H5 H6 H7`)

// ianaCodes are the codes of the IANA HTTP Status Code Registry (2025).
// 306 and 418 are listed there as "(Unused)"; their documents say so.
var ianaCodes = []int{
	100, 101, 102, 103,
	200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
	300, 301, 302, 303, 304, 305, 306, 307, 308,
	400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418,
	421, 422, 423, 424, 425, 426, 428, 429, 431, 451,
	500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
}

var refPattern = regexp.MustCompile(`^RFC \d{4} §\d+(\.\d+)*$`)

// fetchRef is a reference to a section of the WHATWG Fetch standard, for the CORS rules.
var fetchRef = regexp.MustCompile(`^Fetch §\d+(\.\d+)*$`)

func TestEmbeddedDocsLoad(t *testing.T) {
	if _, err := load(docsFS, "docs"); err != nil {
		t.Fatalf("embedded documents:\n%v", err)
	}
	if len(All()) == 0 {
		t.Fatal("no documents")
	}
}

func TestDocFrontMatter(t *testing.T) {
	for _, d := range All() {
		t.Run(d.Key, func(t *testing.T) {
			if d.Name == "" {
				t.Error("no name")
			}
			if d.Code != 0 {
				if want := strconv.Itoa(d.Code)[:1] + "xx"; d.Class != want {
					t.Errorf("class %q, want %q", d.Class, want)
				}
			} else if d.Class != "" || !strings.HasPrefix(d.Key, "topic-") {
				t.Errorf("topic document with key %q, class %q", d.Key, d.Class)
			}
			hasRef := false
			for _, r := range d.Refs {
				if refPattern.MatchString(r) {
					hasRef = true
				} else if !strings.HasPrefix(r, "RFC ") && !fetchRef.MatchString(r) {
					t.Errorf("ref %q does not name an RFC or a section of the Fetch standard", r)
				}
			}
			if !hasRef {
				t.Errorf("no ref of the form \"RFC NNNN §x\" in %q", d.Refs)
			}
			for _, c := range d.Related {
				if _, ok := Lookup(c); !ok {
					t.Errorf("related code %d has no document", c)
				}
				if c == d.Code {
					t.Errorf("related lists the document's own code")
				}
			}
		})
	}
}

func TestDocSections(t *testing.T) {
	for _, d := range All() {
		t.Run(d.Key, func(t *testing.T) {
			if len(d.Sections) == 0 || d.Sections[0] != (Section{1, d.Title()}) {
				t.Errorf("the document must open with the heading \"# %s\"", d.Title())
			}
			level := map[string]int{}
			for _, s := range d.Sections {
				if _, dup := level[s.Title]; !dup {
					level[s.Title] = s.Level
				}
			}
			if d.Code != 0 {
				for _, want := range requiredSections {
					if level[want] != 2 {
						t.Errorf("no \"## %s\" heading", want)
					}
				}
			}
			for id, h := range d.Explains {
				if l := level[h]; l != 2 && l != 3 {
					t.Errorf("explains %s=%q: no ## or ### heading with that title", id, h)
				}
				if !slices.Contains(ruleIDs, id) {
					t.Errorf("explains unknown rule %s", id)
				}
			}
		})
	}
}

func TestEveryRuleExplainedOnce(t *testing.T) {
	// load rejects a rule explained by two documents; here every rule must
	// be explained by one.
	for _, id := range ruleIDs {
		d, h, ok := ForRule(id)
		if !ok {
			t.Errorf("rule %s has no explaining document", id)
			continue
		}
		if d.Explains[id] != h {
			t.Errorf("ForRule(%s) heading %q, document says %q", id, h, d.Explains[id])
		}
	}
}

func TestIANACodesHaveDocuments(t *testing.T) {
	for _, c := range ianaCodes {
		d, ok := Lookup(c)
		if !ok {
			t.Errorf("no document for %d", c)
			continue
		}
		if d.Code != c || d.Key != strconv.Itoa(c) {
			t.Errorf("Lookup(%d) = %s", c, d.Key)
		}
	}
}
