#!/usr/bin/env python3
"""first_frame.py measures how long a terminal program takes from its start to its first
complete frame on a pseudo-terminal.

    first_frame.py [--runs N] [--cols C] [--rows R] [--timeout S] [--reference CMD] MARKER -- COMMAND [ARG...]

The program runs on a fresh pseudo-terminal of the given size (default 120x40), TERM set to
xterm-256color. The time is taken from just before the process is started to the moment the
text MARKER appears in its output (control sequences removed). The program is then sent
SIGTERM. With --runs N it is measured N times; the median, minimum and maximum are printed in
milliseconds as one line of JSON. With --reference, the command CMD (split at spaces), which
must print MARKER too, is measured the same way in turns with the program, first one and then
the other leading each round, and its figures are printed under "reference".
"""
import argparse
import fcntl
import json
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import termios
import time

# CSI, OSC (ended by BEL or ST), and other two-byte escape sequences.
CONTROL = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|[\x00-\x08\x0e-\x1f]")


def answer_queries(fd, chunk):
    """Answers the terminal queries a TUI may wait for, as a real terminal would."""
    if b"\x1b[6n" in chunk:  # cursor position report
        os.write(fd, b"\x1b[1;1R")
    if b"\x1b]11;?" in chunk:  # background color
        os.write(fd, b"\x1b]11;rgb:0000/0000/0000\x1b\\")
    if b"\x1b[c" in chunk or b"\x1b[0c" in chunk:  # primary device attributes
        os.write(fd, b"\x1b[?62;22c")


def once(argv, marker, cols, rows, timeout):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        # The size is set here, before the program starts, so that it never reads a 0x0 terminal.
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.environ["TERM"] = "xterm-256color"
        os.environ.pop("NO_COLOR", None)
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    seen = b""
    elapsed = None
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            answer_queries(fd, chunk)
            seen += chunk
            if marker in CONTROL.sub(b"", seen):
                elapsed = (time.perf_counter() - start) * 1000
                break
    finally:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.time() + 2
        while time.time() < deadline:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            try:
                os.read(fd, 65536)  # keep draining so that the program can exit
            except OSError:
                pass
            time.sleep(0.01)
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)
    if elapsed is None:
        tail = CONTROL.sub(b"", seen)[-400:].decode("utf-8", "replace")
        sys.exit(f"first_frame.py: {marker.decode()!r} did not appear within {timeout}s; output ended with {tail!r}")
    return elapsed


def main():
    ap = argparse.ArgumentParser(description="time to the first complete frame of a TUI")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--cols", type=int, default=120)
    ap.add_argument("--rows", type=int, default=40)
    ap.add_argument("--timeout", type=float, default=10)
    ap.add_argument("--reference", default="")
    ap.add_argument("marker")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not cmd:
        ap.error("no command")
    ref = args.reference.split()
    marker = args.marker.encode()
    times, ref_times = [], []
    for i in range(args.runs):
        order = [(cmd, times), (ref, ref_times)] if i % 2 == 0 else [(ref, ref_times), (cmd, times)]
        for argv, out in order:
            if argv:
                out.append(once(argv, marker, args.cols, args.rows, args.timeout))
    result = summary(times)
    if ref_times:
        result["reference"] = summary(ref_times)
    print(json.dumps(result))


def summary(times):
    return {"runs": len(times), "median_ms": round(statistics.median(times), 2),
            "min_ms": round(min(times), 2), "max_ms": round(max(times), 2)}


if __name__ == "__main__":
    main()
