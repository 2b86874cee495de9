package clipboard

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRoundTrip checks ReadAll and WriteAll against a clipboard command of our own on PATH,
// a file standing in for the clipboard: the commands are found when first needed, from the
// PATH of that moment.
func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "store")
	for name, script := range map[string]string{
		"xclip": "#!/bin/sh\ncase \"$1\" in -in) cat > " + store + ";; *) cat " + store + ";; esac\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("WAYLAND_DISPLAY", "")
	if err := WriteAll("copied text"); err != nil {
		t.Fatal(err)
	}
	got, err := ReadAll()
	if err != nil || got != "copied text" {
		t.Fatalf("ReadAll = %q, %v; want the copied text", got, err)
	}
}
