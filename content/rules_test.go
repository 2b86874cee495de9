package content_test

import (
	"testing"

	"github.com/hsx-dev/hsx/content"
	"github.com/hsx-dev/hsx/probe/check"
)

func TestCatalogRulesExplained(t *testing.T) {
	catalog := map[string]bool{}
	for _, r := range check.Rules() {
		catalog[r.ID] = true
		d, heading, ok := content.ForRule(r.ID)
		if !ok {
			t.Errorf("rule %s (%s) has no explaining document", r.ID, r.Title)
			continue
		}
		found := false
		for _, s := range d.Sections {
			found = found || (s.Title == heading && (s.Level == 2 || s.Level == 3))
		}
		if !found {
			t.Errorf("rule %s: %s has no heading %q", r.ID, d.Key, heading)
		}
	}
	if len(catalog) == 0 {
		t.Fatal("empty catalog")
	}
	for _, d := range content.All() {
		for id := range d.Explains {
			if !catalog[id] {
				t.Errorf("%s explains %s, which is not in the check catalog", d.Key, id)
			}
		}
	}
}
