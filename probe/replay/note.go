package replay

import (
	"slices"
	"strconv"
	"strings"
)

// judge decides whether a client got the response as it was sent and the next request
// worked in every delivery, and says in one line what happened.
func judge(p plan, ds []DeliveryResult) (bool, string) {
	ok, note := judgeAll(p, ds)
	if cut := p.note(); cut != "" && !strings.Contains(note, cut) {
		note += " (" + cut + ")"
	}
	return ok, note
}

func judgeAll(p plan, ds []DeliveryResult) (bool, string) {
	if len(ds) == 0 {
		return false, "the client reported nothing"
	}
	ok := true
	phrases := make([]string, len(ds))
	good := make([]bool, len(ds))
	for i, d := range ds {
		good[i], phrases[i] = judgeDelivery(p, d)
		ok = ok && good[i]
	}
	if !slices.ContainsFunc(phrases, func(s string) bool { return s != phrases[0] }) {
		return ok, phrases[0]
	}
	// The deliveries differ: when some went wrong, those first, each named, then the others in
	// short; when all worked, each in full.
	var bad, fine []string
	for i, d := range ds {
		switch {
		case !good[i] || ok:
			bad = append(bad, string(d.Delivery)+": "+phrases[i])
		case len(d.Warnings) > 0:
			fine = append(fine, string(d.Delivery)+": worked, with a warning")
		default:
			fine = append(fine, string(d.Delivery)+": worked")
		}
	}
	return ok, strings.Join(append(bad, fine...), "; ")
}

// judgeDelivery judges one delivery.
func judgeDelivery(p plan, d DeliveryResult) (bool, string) {
	code := "the " + strconv.Itoa(p.status)
	if problem := firstProblem(p, d.First); problem != "" {
		return false, problem
	}
	if problem := nextProblem(p, d.Next); problem != "" {
		return false, code + " arrived, then " + problem
	}
	phrase := code + " arrived as sent and the next request worked"
	switch {
	case d.Next.Connection == "new" && d.Delivery == Late && p.end < len(p.wire) && !p.closeAfter:
		phrase += ", on a new connection, so the held-back bytes never reached the client"
	case d.Next.Connection == "new" && !p.closeAfter:
		phrase += ", on a new connection"
	}
	if len(d.Warnings) > 0 {
		phrase += "; the client warned: " + d.Warnings[0]
	}
	return true, phrase
}

// firstProblem says how what the application got from the replayed response differs from
// what was sent; it is empty when it does not.
func firstProblem(p plan, f Outcome) string {
	code := "the " + strconv.Itoa(p.status)
	switch {
	case f.Error != "" && p.note() != "":
		return p.note() + "; so the client reported: " + f.Error
	case f.Error != "" && f.Status != 0:
		return code + " arrived, then reading its body failed: " + f.Error
	case f.Error != "":
		return "the request failed: " + f.Error
	case f.Status != p.status:
		return "the application got a " + strconv.Itoa(f.Status) + " instead of " + code
	case p.body >= 0 && f.BodyBytes != p.body:
		return code + " arrived with " + bytesText(f.BodyBytes) + " of body instead of " + bytesText(p.body)
	}
	return ""
}

// nextProblem says what went wrong with the second request; it is empty when it got the
// replay server's 200.
func nextProblem(p plan, n Outcome) string {
	next := "the next request"
	if n.Connection == "reused" {
		next += " on the connection"
	}
	want := int64(len(nextBody))
	if p.head {
		want = 0
	}
	switch {
	case n.Error != "":
		return next + " failed: " + n.Error
	case n.Status != 200:
		return next + " got a " + strconv.Itoa(n.Status) + " instead of a 200"
	case n.BodyBytes != want:
		return next + " got " + bytesText(n.BodyBytes) + " of body instead of " + bytesText(want)
	}
	return ""
}

func bytesText(n int64) string {
	if n == 1 {
		return "1 byte"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
