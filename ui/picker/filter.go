package picker

import (
	"slices"
	"strings"
)

// match returns the indexes of the items that match query, best first. Every space-separated
// term of the query must occur (ignoring case) in the item's title, detail or filter text.
// Items whose title starts with the query come first, then those whose title contains every
// term, then the rest; each group keeps the items' own order.
func match(items []Item, query string) []int {
	q := strings.ToLower(strings.TrimSpace(query))
	terms := strings.Fields(q)
	containsAll := func(s string) bool {
		return !slices.ContainsFunc(terms, func(t string) bool { return !strings.Contains(s, t) })
	}
	var tiers [3][]int
	for i, it := range items {
		title := strings.ToLower(it.Title)
		switch {
		case !containsAll(title + " " + strings.ToLower(it.Detail+" "+it.Filter)):
			continue
		case q != "" && strings.HasPrefix(title, q):
			tiers[0] = append(tiers[0], i)
		case q != "" && containsAll(title):
			tiers[1] = append(tiers[1], i)
		default:
			tiers[2] = append(tiers[2], i)
		}
	}
	return slices.Concat(tiers[0], tiers[1], tiers[2])
}
