#!/usr/bin/env python3
"""Bytes a tafel screen writes while idle, and for one move down the case list.

Usage: scripts/idle_output.py target/release/tafel --date 2026-11-22
Starts the binary in a 160x40 pseudo-terminal (TAFEL_HOME in a temp dir), waits for the first
frame, counts the bytes written during 10 idle seconds, then sends one `j` and counts again.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import tempfile
import termios
import time


def main() -> None:
    argv = sys.argv[1:]
    if not argv:
        sys.exit(__doc__)
    home = tempfile.mkdtemp(prefix="tafel-idle-")
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["TAFEL_HOME"] = home
        os.environ["XDG_CONFIG_HOME"] = home
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))

    def drain(seconds: float) -> int:
        n, end = 0, time.time() + seconds
        while time.time() < end:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    n += len(os.read(fd, 65536))
                except OSError:
                    break
        return n

    first = drain(3)
    idle = drain(10)
    os.write(fd, b"j")
    move = drain(1)
    os.write(fd, b"q")
    drain(0.5)
    os.write(fd, b"j")
    drain(0.5)
    print(f"first frame {first} B; idle {idle} B in 10 s = {idle / 10:.0f} B/s; one move down {move} B")


if __name__ == "__main__":
    main()
