package replay

import "testing"

func TestJudge(t *testing.T) {
	broken := mustPlan(t, brokenNoContent, "GET")
	fine := Outcome{Status: 204}
	next := Outcome{Status: 200, BodyBytes: 3, Connection: "reused"}
	tests := []struct {
		name string
		ds   []DeliveryResult
		ok   bool
		note string
	}{
		{"both fine", []DeliveryResult{
			{Delivery: Together, First: fine, Next: next},
			{Delivery: Late, First: fine, Next: next}},
			true, "the 204 arrived as sent and the next request worked"},
		{"late next fails", []DeliveryResult{
			{Delivery: Together, First: fine, Next: Outcome{Status: 200, BodyBytes: 3, Connection: "new"}, Warnings: []string{"Unsolicited response"}},
			{Delivery: Late, First: fine, Next: Outcome{Error: `malformed HTTP version "{}HTTP/1.1"`, Connection: "reused"}}},
			false, `late: the 204 arrived, then the next request on the connection failed: malformed HTTP version "{}HTTP/1.1"; together: worked, with a warning`},
		{"first fails", []DeliveryResult{
			{Delivery: Together, First: Outcome{Error: "HPE_INVALID_CONSTANT"}, Next: next},
			{Delivery: Late, First: Outcome{Error: "HPE_INVALID_CONSTANT"}, Next: next}},
			false, "the request failed: HPE_INVALID_CONSTANT"},
		{"a body the framing does not have", []DeliveryResult{
			{Delivery: Together, First: Outcome{Status: 204, BodyBytes: 17}, Next: next}},
			false, "the 204 arrived with 17 bytes of body instead of 0 bytes"},
		{"another status", []DeliveryResult{
			{Delivery: Together, First: Outcome{Status: 200, BodyBytes: 3}, Next: next}},
			false, "the application got a 200 instead of the 204"},
		{"body fails", []DeliveryResult{
			{Delivery: Together, First: Outcome{Status: 204, Error: "unexpected EOF"}, Next: next}},
			false, "the 204 arrived, then reading its body failed: unexpected EOF"},
		{"next gets something else", []DeliveryResult{
			{Delivery: Together, First: fine, Next: Outcome{Status: 204, Connection: "new"}}},
			false, "the 204 arrived, then the next request got a 204 instead of a 200"},
		{"held bytes never sent", []DeliveryResult{
			{Delivery: Late, First: fine, Next: Outcome{Status: 200, BodyBytes: 3, Connection: "new"}}},
			true, "the 204 arrived as sent and the next request worked, on a new connection, so the held-back bytes never reached the client"},
		{"all fine, one warned", []DeliveryResult{
			{Delivery: Together, First: fine, Next: next, Warnings: []string{"Excess found"}},
			{Delivery: Late, First: fine, Next: next}},
			true, "together: the 204 arrived as sent and the next request worked; the client warned: Excess found; late: the 204 arrived as sent and the next request worked"},
		{"nothing", nil, false, "the client reported nothing"},
	}
	for _, tt := range tests {
		ok, note := judge(broken, tt.ds)
		if ok != tt.ok || note != tt.note {
			t.Errorf("%s: %v %q\nwant %v %q", tt.name, ok, note, tt.ok, tt.note)
		}
	}
}
