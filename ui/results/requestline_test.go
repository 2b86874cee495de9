package results

import (
	"net/url"
	"strings"
	"testing"

	"github.com/hsx-dev/hsx/probe"
)

func TestHeadersShowTheRequestLineAsSent(t *testing.T) {
	m := newDone(t, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", nil, 80, 30, TabHeaders)
	ex := parse(t, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", "GET")
	u, err := url.Parse("http://h.test/x?q=a b")
	if err != nil {
		t.Fatal(err)
	}
	ex.Request = probe.Sent{Method: "GET", URL: u, Header: []probe.Field{{Name: "Host", Value: "h.test", Line: -1}},
		Bytes: []byte("GET /x?q=a%20b HTTP/1.0\r\nHost: h.test\r\n\r\n")}
	m.SetResult(2, []*probe.Exchange{ex}, nil, nil)
	text := plain(m)
	if !strings.Contains(text, "GET /x?q=a%20b HTTP/1.0") || strings.Contains(text, "q=a b") {
		t.Errorf("request line not as sent:\n%s", text)
	}
}
