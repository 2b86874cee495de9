package results

import "github.com/hsx-dev/hsx/probe"

// phaseText says in words where an exchange failed, to follow "failed ": "while connecting",
// "in the TLS handshake". An unknown phase is named as it is.
func phaseText(p probe.Phase) string {
	switch p {
	case probe.PhaseRequest:
		return "before sending: the request is not valid"
	case probe.PhaseDNS:
		return "looking up the host name (DNS)"
	case probe.PhaseConnect:
		return "while connecting"
	case probe.PhaseTLS:
		return "in the TLS handshake"
	case probe.PhaseWrite:
		return "while sending the request"
	case probe.PhaseStatus:
		return "waiting for the status line"
	case probe.PhaseHeader:
		return "reading the header section"
	case probe.PhaseBody:
		return "reading the body"
	case probe.PhaseRedirect:
		return "following redirects"
	case "":
		return ""
	}
	return "in the " + string(p) + " phase"
}
