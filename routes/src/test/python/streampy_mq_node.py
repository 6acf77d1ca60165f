#!/usr/bin/python3
"""A stand-in for stream-py's queue node (MQ_udp.py), written from its protocol with plain sockets, to hear
exactly what a client or worker sends.

usage: streampy_mq_node.py

Binds UDP 127.0.0.1 on a free port and prints "listening 127.0.0.1:PORT", then one line per datagram received,
the raw bytes as a Python byte literal, and answers as MQ_udp.py does: PUT:<message> queues the text after the
first ':' and replies "PUT <n> bytes", GET replies the oldest message or the empty one, SIZE the queue length.
Every message is framed L HH TTT (TTT UTF-8, HH its byte length in hex, L the length of HH in one hex digit).
Runs until killed.
"""
import collections
import socket
import sys


def encode(text):
    body = text.encode("utf-8")
    hh = format(len(body), "x")
    return format(len(hh), "x").encode("ascii") + hh.encode("ascii") + body


def decode(data):
    hh_len = int(data[0:1].decode("ascii"), 16)
    length = int(data[1:1 + hh_len].decode("ascii"), 16)
    body = data[1 + hh_len:]
    if len(body) != length:
        raise ValueError("framed length %d, got %d bytes" % (length, len(body)))
    return body.decode("utf-8")


def main():
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    print("listening 127.0.0.1:%d" % sock.getsockname()[1], flush=True)
    queue = collections.deque()
    while True:
        data, addr = sock.recvfrom(65535)
        print(repr(data), flush=True)
        try:
            text = decode(data)
        except ValueError:
            continue  # as the original: nothing is answered
        verb, _, message = text.partition(":")
        if verb == "PUT":
            queue.append(message)
            sock.sendto(encode("PUT %d bytes" % len(message)), addr)
        elif verb == "GET":
            sock.sendto(encode(queue.popleft() if queue else ""), addr)
        elif verb == "SIZE":
            sock.sendto(encode(str(len(queue))), addr)


if __name__ == "__main__":
    sys.exit(main())
