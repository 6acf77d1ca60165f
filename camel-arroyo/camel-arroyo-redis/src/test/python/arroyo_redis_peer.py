#!/usr/bin/python3
"""A pub/sub peer in the arroyopy style (raw bytes on a channel), for the arroyo-redis tests.

    arroyo_redis_peer.py publish   PORT CHANNEL COUNT   wait for a subscriber, publish b"frame-<i>" COUNT times
    arroyo_redis_peer.py subscribe PORT CHANNEL COUNT   print READY, then each received message as hex, one a line

Needs Debian's python3-redis (run with /usr/bin/python3).
"""
import sys
import time

import redis


def main():
    verb, port, channel, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    r = redis.Redis(host="127.0.0.1", port=port)
    if verb == "publish":
        deadline = time.time() + 20
        while dict(r.pubsub_numsub(channel)).get(channel.encode(), 0) < 1:
            if time.time() > deadline:
                print("no subscriber on " + channel, file=sys.stderr)
                return 2
            time.sleep(0.05)
        for i in range(count):
            r.publish(channel, b"frame-%d" % i)
        print("PUBLISHED %d" % count, flush=True)
        return 0
    if verb == "subscribe":
        p = r.pubsub(ignore_subscribe_messages=True)
        p.subscribe(channel)
        # wait for the subscribe confirmation so the Java side may publish right after READY
        while p.get_message(timeout=1.0) is None and not p.subscribed:
            pass
        while dict(r.pubsub_numsub(channel)).get(channel.encode(), 0) < 1:
            time.sleep(0.02)
        print("READY", flush=True)
        got = 0
        deadline = time.time() + 30
        while got < count and time.time() < deadline:
            m = p.get_message(timeout=1.0)
            if m and m["type"] == "message":
                print(m["data"].hex(), flush=True)
                got += 1
        return 0 if got == count else 3
    print("unknown verb " + verb, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
