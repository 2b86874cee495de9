package curl

import "fmt"

// output handles -o FILE: where the response body goes. The caller writes it there.
func (p *parser) output(flag, v string) error {
	if v == "" {
		return fmt.Errorf("%s needs a file name (or - for standard output)", flag)
	}
	p.cmd.Output = v
	return nil
}
