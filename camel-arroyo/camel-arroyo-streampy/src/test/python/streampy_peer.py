#!/usr/bin/python3
"""Speaks stream-py's UDP message-queue protocol byte for byte to a node, with plain sockets.

usage: streampy_peer.py HOST:PORT

Sends fixed datagrams (framed here as L HH TTT, independently of the Java code) and prints one line per
exchange: the request and the raw reply bytes, both as Python byte literals, then "OK" if every reply
matched what stream-py's own node answers.
"""
import socket
import sys


def frame(text):
    body = text.encode("utf-8")
    hh = format(len(body), "x")
    return format(len(hh), "x").encode("ascii") + hh.encode("ascii") + body


def main():
    host, port = sys.argv[1].rsplit(":", 1)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(2.0)
    # what stream-py's MQ_udp.py answers, request by request
    script = [
        (b"14SIZE", b"110"),
        (b"13GET", b"10"),
        (frame("PUT:Hello World"), b"1cPUT 11 bytes"),
        (frame("PUT:" + "abcdefghijklmnopqrstuvwxyz"), b"1cPUT 26 bytes"),
        (b"14SIZE", b"112"),
        (b"13GET", b"1bHello World"),
        (b"13GET", b"21aabcdefghijklmnopqrstuvwxyz"),
        (b"13GET", b"10"),
        (b"14SIZE", b"110"),
    ]
    ok = True
    for request, expected in script:
        sock.sendto(request, (host, int(port)))
        reply, _ = sock.recvfrom(65535)
        print(repr(request), repr(reply))
        ok = ok and reply == expected
    # ours answers what stream-py dropped
    sock.sendto(b"13FOO", (host, int(port)))
    reply, _ = sock.recvfrom(65535)
    print(repr(b"13FOO"), repr(reply))
    print("OK" if ok else "MISMATCH")


if __name__ == "__main__":
    main()
