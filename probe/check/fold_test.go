package check

import (
	"testing"
)

// TestASCIIFold: the rules fold case the way the parser does, ASCII letters only, so that a
// name with "ſ" (U+017F) or "K" (U+212A) in it is not taken for the ASCII name it resembles.
func TestASCIIFold(t *testing.T) {
	const longS, kelvin = "\u017f", "\u212a"
	cases := []ruleCase{
		{id: "F14", name: "a chunked with a Kelvin sign is another coding",
			stream: "HTTP/1.1 200 OK\r\n" + date + "\r\nContent-Type: text/plain\r\nTransfer-Encoding: chun" + kelvin + "ed\r\n\r\nhello",
			want:   fires(Warning, atHeader(2, "Transfer-Encoding"))},
		{id: "F14", name: "chunked in capitals is chunked",
			stream: "HTTP/1.1 200 OK\r\n" + date + "\r\nContent-Type: text/plain\r\nTransfer-Encoding: CHUNKED\r\n\r\n5\r\nhello\r\n0\r\n\r\n"},
		{id: "S34", name: "a look-alike of Transfer-Encoding on a 2xx to CONNECT", method: "CONNECT",
			stream: "HTTP/1.1 200 OK\r\n" + date + "\r\nTran" + longS + "fer-Encoding: chunked\r\n\r\n"},
		{id: "S34", name: "Transfer-Encoding on a 2xx to CONNECT in lower case", method: "CONNECT",
			stream: "HTTP/1.1 200 OK\r\n" + date + "\r\ntransfer-encoding: chunked\r\n\r\n",
			want:   fires(Error, atHeader(1, "transfer-encoding"))},
		{id: "F20", name: "a trailer that only looks like the declared one",
			stream: "HTTP/1.1 200 OK\r\n" + date + "\r\nContent-Type: text/plain\r\nTrailer: Expires\r\nTransfer-Encoding: chunked\r\n\r\n" +
				"5\r\nhello\r\n0\r\nExpire" + longS + ": 0\r\n\r\n",
			want: fires(Info, Location{Where: AtTrailer, Index: 0, Name: "Expire" + longS})},
		{id: "S25", name: "a look-alike of If-Unmodified-Since is no precondition",
			stream: "HTTP/1.1 412 Precondition Failed\r\n" + date + "\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello",
			setup:  withRequestHeader("If-Unmodified-"+longS+"ince", testDate),
			want:   fires(Info, atStatus())},
	}
	for _, tc := range cases {
		t.Run(tc.id+"/"+tc.name, func(t *testing.T) { runRuleCase(t, tc) })
	}
}

// TestMediaTypeFold: the media type is lowered for ASCII letters only.
func TestMediaTypeFold(t *testing.T) {
	tests := []struct{ value, want string }{
		{"Text/Plain; charset=utf-8", "text/plain"},
		{"text/mar\u212adown", "text/mar\u212adown"}, // strings.ToLower would make it text/markdown
		{"TEXT/MAR\u212aDOWN", "text/mar\u212adown"},
	}
	for _, tt := range tests {
		ex := parse(t, "HTTP/1.1 200 OK\r\nContent-Type: "+tt.value+"\r\nContent-Length: 0\r\n\r\n", "GET")
		if got, _, _ := mediaType(ex.Response); got != tt.want {
			t.Errorf("mediaType(%q) = %q, want %q", tt.value, got, tt.want)
		}
	}
}
