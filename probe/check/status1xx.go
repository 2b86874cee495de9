package check

import "github.com/hsx-dev/hsx/probe"

// upgradeMissing (S5): a 101 names the protocol it switches to, and a 426 the one the client must
// switch to, in Upgrade.
func upgradeMissing(ex *probe.Exchange) []note {
	r := ex.Response
	c := r.Status.Code
	if (c != 101 && c != 426) || len(members(r, "Upgrade")) > 0 {
		return nil
	}
	return []note{newNote(final(ex).whole(), "%d response without an Upgrade field naming a protocol", c)}
}
