package content

import "strings"

// classNames returns the five classes of status codes (RFC 9110 §15).
func classNames() [5]string {
	return [5]string{
		"1xx Informational",
		"2xx Successful",
		"3xx Redirection",
		"4xx Client Error",
		"5xx Server Error",
	}
}

// Classes returns the names of the five classes of status codes, in order:
// "1xx Informational", "2xx Successful", "3xx Redirection",
// "4xx Client Error", "5xx Server Error".
func Classes() []string {
	names := classNames()
	return names[:]
}

// Group is one class of status codes with its documents.
type Group struct {
	Class string // "2xx"
	Title string // "2xx Successful"
	Docs  []*Doc // the class's documents, ascending by code
}

// ByClass returns the status code documents grouped by class, in class
// order. Every class is present, even one without documents.
func ByClass() []Group {
	names := classNames()
	groups := make([]Group, len(names))
	for i, title := range names {
		groups[i] = Group{Class: title[:3], Title: title}
	}
	for _, d := range All() {
		if d.Code == 0 {
			continue
		}
		i := d.Code/100 - 1
		groups[i].Docs = append(groups[i].Docs, d)
	}
	return groups
}

// Class returns the group for a class name such as "2xx" (any case) or a
// single digit "2".
func Class(name string) (Group, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	if len(name) == 1 {
		name += "xx"
	}
	for _, g := range ByClass() {
		if g.Class == name {
			return g, true
		}
	}
	return Group{}, false
}
