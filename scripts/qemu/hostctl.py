#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Carry requests of a test guest to the QEMU monitor.

scripts/vm starts this next to an s390x guest that has the virtio-serial
port "org.secex.host".  A test in the guest writes one command per line
to that port and reads one reply line: "ok <monitor output>" or
"error <reason>".  Only the commands below are carried; they are what a
test may ask of the machine it runs on.

Usage: hostctl.py CONTROL_SOCKET MONITOR_SOCKET
"""
import socket
import sys
import time

# Guest request -> (HMP command, text its success output contains)
COMMANDS = {
    "cpacf-new-wrapping-key": ("cpacf-new-wrapping-key",
                               "CPACF wrapping key replaced"),
}
PROMPT = b"(qemu) "


def connect(path, timeout=60.0):
    deadline = time.monotonic() + timeout
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(path)
            return sock
        except OSError:
            sock.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def read_until(sock, marker):
    data = b""
    while not data.endswith(marker):
        chunk = sock.recv(4096)
        if not chunk:
            raise EOFError("monitor closed")
        data += chunk
    return data


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    mon = connect(sys.argv[2])
    read_until(mon, PROMPT)
    ctl = connect(sys.argv[1])
    buf = b""
    while True:
        chunk = ctl.recv(4096)
        if not chunk:
            return
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            request = line.decode(errors="replace").strip()
            if not request:
                continue
            if request not in COMMANDS:
                reply = "error unknown request '%s'" % request
            else:
                hmp, success = COMMANDS[request]
                mon.sendall(hmp.encode() + b"\n")
                out = read_until(mon, PROMPT).decode(errors="replace")
                lines = [l.strip() for l in out.splitlines()
                         if success in l]
                reply = ("ok " + lines[-1]) if lines else \
                    "error monitor said: " + " ".join(out.split())
            print("secex-hostctl: %s -> %s" % (request, reply),
                  file=sys.stderr)
            ctl.sendall(reply.encode() + b"\n")


if __name__ == "__main__":
    try:
        main()
    except (EOFError, ConnectionError, OSError):
        pass
