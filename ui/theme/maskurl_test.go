package theme

import "testing"

func TestMaskURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://user:hunter2@127.0.0.1:8204/401", "http://user:" + MaskGlyphs + "@127.0.0.1:8204/401"},
		{"https://a:b@c@h.test/x?y=1", "https://a:" + MaskGlyphs + "@h.test/x?y=1"},
		{"http://user@h.test/", "http://user@h.test/"},
		{"http://user:@h.test/", "http://user:@h.test/"},
		{"http://h.test/path@x:y", "http://h.test/path@x:y"},
		{"http://h.test:8080/?u=a:b@c", "http://h.test:8080/?u=a:b@c"},
		{"not a url", "not a url"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := MaskURL(tt.in); got != tt.want {
			t.Errorf("MaskURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
