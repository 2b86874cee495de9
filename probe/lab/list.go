package lab

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// WriteList writes the scenario table as aligned text: path (prefixed with baseURL when it is
// not empty), method, status code, rules and description, one scenario a line. A scenario
// meant to be sent with request fields ends its line with them, as curl's -H flags.
func WriteList(w io.Writer, baseURL string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PATH\tMETHOD\tCODE\tRULES\tDESCRIPTION")
	for _, s := range Scenarios() {
		fmt.Fprintf(tw, "%s%s\t%s\t%s\t%s\t%s%s\n", baseURL, s.Path, s.methods(), code(s.Code), s.rules(), s.Description, s.flags())
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("lab: write list: %w", err)
	}
	return nil
}

// flags returns the scenario's Headers as curl's -H flags, after a separator; "" when it has
// none.
func (s Scenario) flags() string {
	if len(s.Headers) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("; send with")
	for _, h := range s.Headers {
		b.WriteString(" -H '" + h + "'")
	}
	return b.String()
}

// code formats a status code for the list; "-" for none (or, for /h2/no-status, none sent).
func code(c int) string {
	if c <= 0 {
		return "-"
	}
	return strconv.Itoa(c)
}
