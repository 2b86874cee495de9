package lab

import (
	"encoding/base64"
	"net/http"
	"strings"
)

// ansiBody is a text that a terminal would obey rather than show: it clears the screen, sets the
// window title, writes to the clipboard (OSC 52), colors text and hides a link. A client that
// prints it raw hands the terminal to the server.
func ansiBody() string {
	const esc, bel, st = "\x1b", "\x07", "\x1b\\"
	clip := base64.StdEncoding.EncodeToString([]byte("echo the hsx lab wrote this to your clipboard"))
	var b strings.Builder
	b.WriteString("This body is plain text with terminal escape sequences in it.\n")
	b.WriteString(esc + "[2J" + esc + "[H")                    // clear the screen, cursor home
	b.WriteString(esc + "]0;hsx lab changed your title" + bel) // window title
	b.WriteString(esc + "]52;c;" + clip + bel)                 // clipboard write
	b.WriteString(esc + "[1;31mred and bold" + esc + "[0m, " + esc + "[42;30mblack on green" + esc + "[0m\n")
	b.WriteString(esc + "]8;;https://example.com/not-what-it-says" + st + "https://example.com/" + esc + "]8;;" + st + "\n")
	b.WriteString(esc + "[?25l" + "the cursor is hidden now" + esc + "[?25h\n")
	b.WriteString("If your screen was cleared or your clipboard changed, the client printed it raw.\n")
	return b.String()
}

// ansi serves ansiBody as text/plain.
func ansi(w http.ResponseWriter, _ *http.Request) { writeText(w, http.StatusOK, ansiBody()) }
