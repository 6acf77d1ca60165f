"""Python side of PythonInteropTest: an arroyosas-style detector and result listener.

Usage: sas_peer.py FRAMES_ADDR RESULTS_ADDR N HEIGHT WIDTH

Publishes a SAS run (start, N uint32 events, stop) as msgpack on an XPUB socket (a PUB that also sees
subscriptions, so it publishes once the subscriber's subscription has arrived: no slow-joiner loss, no sleeps),
then reads the results from a PULL socket until their stop, decodes them with plain msgpack (no numpy), checks each
result event against the fields arroyosas's SAS1DReduction requires, and prints one JSON summary line on stdout.
Exit 3 when pyzmq or msgpack is missing.
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
# the fields of SAS1DReduction in arroyosas's src/arroyosas/schemas.py, all required; an array field is a
# SerializableNumpyArrayModel, {"array": {"data": bytes, "dtype": str, "shape": [..]}}
SAS1D_FIELDS = (("curve", "array"), ("curve_tiled_url", "str"), ("raw_frame", "array"), ("raw_frame_tiled_url", "str"))
ITEMSIZE = {"uint8": 1, "int8": 1, "uint16": 2, "int16": 2, "uint32": 4, "int32": 4, "float32": 4,
            "uint64": 8, "int64": 8, "float64": 8}


def pixel(i, r, c, width):
    """Frame i's pixel (r, c): the same formula as PythonInteropTest.pixel."""
    if c == i % width and r % 2 == 0:
        return MASKED
    return (i * 31 + r * 7 + c * 3) % 1000


def sas1d_problems(msg):
    """What would keep SAS1DReduction(**msg) from validating, as arroyosas's model and np.frombuffer read it."""
    problems = []
    for name, kind in SAS1D_FIELDS:
        value = msg.get(name)
        if kind == "str":
            if not isinstance(value, str):
                problems.append("%s is %r, not a str" % (name, type(value).__name__))
            continue
        arr = value.get("array") if isinstance(value, dict) else None
        if not (isinstance(arr, dict) and isinstance(arr.get("data"), bytes) and arr.get("dtype") in ITEMSIZE
                and isinstance(arr.get("shape"), list)):
            problems.append("%s is not {'array': {data, dtype, shape}}" % name)
            continue
        count = 1
        for d in arr["shape"]:
            count *= d
        if len(arr["data"]) != count * ITEMSIZE[arr["dtype"]]:
            problems.append("%s: %d bytes do not fill shape %s of %s" % (name, len(arr["data"]), arr["shape"],
                                                                        arr["dtype"]))
    return problems


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
    sent = []
    for i in range(n):
        values = [pixel(i, r, c, width) for r in range(height) for c in range(width)]
        data = struct.pack("<%dI" % len(values), *values)
        sent.append(data)
        pub.send(msgpack.packb({"msg_type": "event",
                                "image": {"array": {"data": data, "dtype": "uint32", "shape": [height, width]}},
                                "frame_number": i, "tiled_url": "%s/%d" % (url, i)}, use_bin_type=True))
    pub.send(msgpack.packb({"msg_type": "stop", "num_frames": n}, use_bin_type=True))

    kinds, frame_numbers, dtypes, shapes, curve_urls, raw_urls = [], [], set(), set(), [], []
    problems, raw_frames_match = [], 0
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
            curve_urls.append(msg.get("curve_tiled_url"))
            raw_urls.append(msg.get("raw_frame_tiled_url"))
            problems.extend("frame %s: %s" % (msg["frame_number"], p) for p in sas1d_problems(msg))
            raw = msg.get("raw_frame", {}).get("array", {})
            if raw.get("data") == sent[msg["frame_number"]] and raw.get("shape") == [height, width]:
                raw_frames_match += 1
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
        "first_curve_tiled_url": curve_urls[0] if curve_urls else None,
        "first_raw_frame_tiled_url": raw_urls[0] if raw_urls else None,
        "sas1d_problems": problems[:10],
        "raw_frames_match": raw_frames_match,
        "stop": stop,
    }))
    pub.close()
    pull.close()
    ctx.term()
    return 0


if __name__ == "__main__":
    sys.exit(main())
