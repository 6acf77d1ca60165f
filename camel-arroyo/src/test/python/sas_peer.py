"""Python side of PythonInteropTest: an arroyosas-style detector and result listener.

Usage: sas_peer.py FRAMES_ADDR RESULTS_ADDR N HEIGHT WIDTH

Publishes a SAS run (start, N uint32 events, stop) as msgpack on an XPUB socket (a PUB that also sees
subscriptions, so it publishes once the subscriber's subscription has arrived: no slow-joiner loss, no sleeps),
then reads the results from a PULL socket until their stop, decodes them with plain msgpack (no numpy) and prints
one JSON summary line on stdout. Exit 3 when pyzmq or msgpack is missing.
"""
import json
import struct
import sys

try:
    import msgpack
    import zmq
except ImportError as e:
    print(json.dumps({"error": "missing module: %s" % e}))
    sys.exit(3)

MASKED = 0xFFFFFFFF
TIMEOUT_MS = 15000


def pixel(i, r, c, width):
    """Frame i's pixel (r, c): the same formula as PythonInteropTest.pixel."""
    if c == i % width and r % 2 == 0:
        return MASKED
    return (i * 31 + r * 7 + c * 3) % 1000


def main():
    frames_addr, results_addr = sys.argv[1], sys.argv[2]
    n, height, width = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    ctx = zmq.Context()
    pub = ctx.socket(zmq.XPUB)
    pub.setsockopt(zmq.SNDHWM, 10000)
    pub.setsockopt(zmq.LINGER, 5000)
    pub.connect(frames_addr)
    pull = ctx.socket(zmq.PULL)
    pull.connect(results_addr)

    if not pub.poll(TIMEOUT_MS):
        print(json.dumps({"error": "no subscription within %d ms" % TIMEOUT_MS}))
        return 2
    subscription = pub.recv()
    url = "http://tiled/python/run"
    pub.send(msgpack.packb({"msg_type": "start", "run_name": "python", "run_id": "run-1", "width": width,
                            "height": height, "data_type": "uint32", "tiled_url": url}, use_bin_type=True))
    for i in range(n):
        values = [pixel(i, r, c, width) for r in range(height) for c in range(width)]
        data = struct.pack("<%dI" % len(values), *values)
        pub.send(msgpack.packb({"msg_type": "event",
                                "image": {"array": {"data": data, "dtype": "uint32", "shape": [height, width]}},
                                "frame_number": i, "tiled_url": "%s/%d" % (url, i)}, use_bin_type=True))
    pub.send(msgpack.packb({"msg_type": "stop", "num_frames": n}, use_bin_type=True))

    kinds, frame_numbers, dtypes, shapes, tiled = [], [], set(), set(), []
    first_curve, stop = None, None
    while stop is None:
        if not pull.poll(TIMEOUT_MS):
            break
        msg = msgpack.unpackb(pull.recv(), raw=False)
        kind = msg.get("msg_type")
        kinds.append(kind)
        if kind == "stop":
            stop = msg
        elif kind == "event":
            arr = msg["curve"]["array"]
            dtypes.add(arr["dtype"])
            shapes.add(tuple(arr["shape"]))
            frame_numbers.append(msg["frame_number"])
            tiled.append(msg.get("curve_tiled_url"))
            curve = list(struct.unpack("<%df" % (len(arr["data"]) // 4), arr["data"]))
            if first_curve is None:
                first_curve = curve
    print(json.dumps({
        "subscription": subscription.hex(),
        "first_kind": kinds[0] if kinds else None,
        "last_kind": kinds[-1] if kinds else None,
        "events": kinds.count("event"),
        "frame_numbers": frame_numbers,
        "dtypes": sorted(dtypes),
        "shapes": sorted(list(s) for s in shapes),
        "first_curve": first_curve,
        "first_tiled_url": tiled[0] if tiled else None,
        "stop": stop,
    }))
    pub.close()
    pull.close()
    ctx.term()
    return 0


if __name__ == "__main__":
    sys.exit(main())
