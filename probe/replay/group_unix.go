//go:build unix

package replay

import (
	"os/exec"
	"syscall"
)

// ownGroup puts the process of cmd in a process group of its own and makes cancellation kill
// the whole group, so that no process a client started outlives the run.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
