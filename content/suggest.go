package content

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// maxSuggestions bounds the number of codes Suggest returns.
const maxSuggestions = 5

// Suggest returns the known status codes nearest to query, best first, at
// most five. It is meant for a query that names no document:
//
//   - a known code returns just that code;
//   - a three-digit number returns codes of the same class nearest to it
//     ("299" gives 226, 208, 207, …); a class without documents falls back
//     to the nearest codes of any class;
//   - a shorter number is a prefix ("20" gives 200, 201, …, "4" the first
//     4xx codes); a longer one suggests the code it starts with, then its
//     neighbours ("2044" gives 204, …);
//   - a rule ID such as "S9" returns the code whose document explains it;
//   - any other text is matched against the names, ignoring case, spaces
//     and punctuation ("not found" gives 404), and when no name matches,
//     against each document's opening paragraph ("teapot" gives 418).
//
// It returns nil when nothing is close.
func Suggest(query string) []int {
	q := strings.TrimSpace(query)
	if q == "" {
		return nil
	}
	ix := loaded()
	if isDigits(q) {
		return suggestNumber(ix, q)
	}
	if d, ok := ix.byRule[strings.ToUpper(q)]; ok && d.Code != 0 {
		return []int{d.Code}
	}
	return suggestName(ix, q)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// suggestNumber handles a query of digits.
func suggestNumber(ix *index, q string) []int {
	codes := knownCodes(ix)
	switch {
	case len(q) < 3:
		var out []int
		for _, c := range codes {
			if strings.HasPrefix(strconv.Itoa(c), q) {
				out = append(out, c)
			}
		}
		return capped(out)
	case len(q) > 3:
		n, _ := strconv.Atoi(q[:3])
		if _, ok := ix.byCode[n]; ok {
			return capped(append([]int{n}, nearest(codes, n, true)...))
		}
		return nearest(codes, n, true)
	}
	n, _ := strconv.Atoi(q)
	if _, ok := ix.byCode[n]; ok {
		return []int{n}
	}
	return nearest(codes, n, true)
}

// nearest returns the codes nearest to n, other than n itself: codes of the
// same class first when sameClass is set and the class has any, then by
// numeric distance, lower code first on a tie.
func nearest(codes []int, n int, sameClass bool) []int {
	var pool []int
	if sameClass {
		for _, c := range codes {
			if c/100 == n/100 && c != n {
				pool = append(pool, c)
			}
		}
	}
	if len(pool) == 0 {
		for _, c := range codes {
			if c != n {
				pool = append(pool, c)
			}
		}
	}
	slices.SortStableFunc(pool, func(a, b int) int {
		return cmp.Or(cmp.Compare(abs(a-n), abs(b-n)), cmp.Compare(a, b))
	})
	return capped(pool)
}

// suggestName matches q against document names, and when no name matches,
// against the lead paragraph of each document, which gives nicknames such
// as "I'm a teapot".
func suggestName(ix *index, q string) []int {
	nq := normalize(q)
	if nq == "" {
		return nil
	}
	var byName, byLead []int
	for _, d := range ix.docs {
		switch {
		case d.Code == 0:
		case strings.Contains(normalize(d.Name), nq):
			byName = append(byName, d.Code)
		case strings.Contains(normalize(lead(d.Markdown)), nq):
			byLead = append(byLead, d.Code)
		}
	}
	if len(byName) > 0 {
		return capped(byName)
	}
	return capped(byLead)
}

// lead returns the first paragraph of a markdown body that is not a
// heading.
func lead(body string) string {
	var para []string
	for _, line := range strings.Split(body, "\n") {
		switch t := strings.TrimSpace(line); {
		case strings.HasPrefix(t, "#") && len(para) == 0:
		case t == "" && len(para) > 0:
			return strings.Join(para, " ")
		case t != "":
			para = append(para, t)
		}
	}
	return strings.Join(para, " ")
}

// normalize lowercases s and keeps only its letters and digits.
func normalize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func knownCodes(ix *index) []int {
	var codes []int
	for _, d := range ix.docs {
		if d.Code != 0 {
			codes = append(codes, d.Code)
		}
	}
	return codes
}

func capped(s []int) []int {
	if len(s) > maxSuggestions {
		return s[:maxSuggestions]
	}
	return s
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Rule suggestions: at most this many, each at most this far in number from
// the query.
const (
	maxRuleSuggestions = 3
	maxRuleDistance    = 2
)

// SuggestRule returns the IDs of explained rules nearest to query, a rule ID
// that no document explains: those with the same letters ("S" of "S13") and
// a number at most two away, nearest first, the lower on a tie; at most
// three ("S13" gives S12, S14, S11). It returns nil when nothing is close,
// and for a query that is not letters followed by digits.
func SuggestRule(query string) []string {
	prefix, n, ok := splitRuleID(strings.TrimSpace(query))
	if !ok {
		return nil
	}
	type near struct {
		id   string
		dist int
		n    int
	}
	var pool []near
	for id := range loaded().byRule {
		p, m, ok := splitRuleID(id)
		if ok && p == prefix && m != n && abs(m-n) <= maxRuleDistance {
			pool = append(pool, near{id, abs(m - n), m})
		}
	}
	slices.SortFunc(pool, func(a, b near) int {
		return cmp.Or(cmp.Compare(a.dist, b.dist), cmp.Compare(a.n, b.n))
	})
	var out []string
	for _, c := range pool[:min(len(pool), maxRuleSuggestions)] {
		out = append(out, c.id)
	}
	return out
}

// IsRuleID reports whether s has the shape of a rule ID: one or two ASCII
// letters followed by one to three digits ("S9", "f13"), in any case.
func IsRuleID(s string) bool {
	_, _, ok := splitRuleID(s)
	return ok
}

// splitRuleID splits a rule ID such as "S13" or "s13" into its letters, upper
// case, and its number. Only ASCII letters count.
func splitRuleID(id string) (prefix string, n int, ok bool) {
	i := strings.IndexFunc(id, func(r rune) bool { return (r < 'A' || r > 'Z') && (r < 'a' || r > 'z') })
	if i < 1 || i > 2 || len(id)-i > 3 || !isDigits(id[i:]) {
		return "", 0, false
	}
	n, err := strconv.Atoi(id[i:])
	return strings.ToUpper(id[:i]), n, err == nil
}
