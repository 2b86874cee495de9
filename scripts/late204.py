#!/usr/bin/env python3
"""late204.py serves a correct 204 head followed by stray bytes written late, for bench.sh.

    late204.py PORT LOG

A request for /N (N a number of milliseconds; any query is ignored) gets "HTTP/1.1 204 No
Content" with a short header section in one write, then, N ms later, the five bytes "stray" in a
second write, on a connection that stays open for another second (or until the client closes
it). After the second write, it appends to the file LOG one line: the request target and how
many milliseconds after the head the stray bytes actually went out, which on a loaded machine
can be later than asked. Each connection is served in its own thread. It stops on SIGTERM.
"""
import socket
import sys
import threading
import time

LOCK = threading.Lock()
LOG = sys.argv[2] if len(sys.argv) > 2 else "/dev/null"
HEAD = b"HTTP/1.1 204 No Content\r\nServer: late204\r\nContent-Type: text/plain\r\n\r\n"


def serve(conn):
    with conn:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(4096)
            if not chunk:
                return
            data += chunk
        target = data.split(b" ", 2)[1].decode("latin-1")
        try:
            delay = float(target.split("?")[0].strip("/")) / 1000
        except ValueError:
            delay = 0
        conn.sendall(HEAD)
        head_at = time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        try:
            conn.sendall(b"stray")
        finally:
            with LOCK, open(LOG, "a") as f:
                f.write("%s %.2f\n" % (target, (time.perf_counter() - head_at) * 1000))
        conn.settimeout(1)
        try:
            conn.recv(1)
        except OSError:
            pass


def main():
    ln = socket.socket()
    ln.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ln.bind(("127.0.0.1", int(sys.argv[1])))
    ln.listen(64)
    while True:
        conn, _ = ln.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
