"""Python side of BlueskyPythonPeerTest: a RunEngine's documents, byte for byte as bluesky's 0MQ Publisher sends them.

Usage: bluesky_publisher.py json|msgpack ADDRESS EVENTS [PREFIX]

No bluesky package is installed, so this writes what bluesky.callbacks.zmq.Publisher.__call__ writes:
b" ".join([prefix, name.encode(), serializer(doc)]) as one frame on a PUB socket. JSON is json.dumps(doc).encode()
(NaN as Python writes it, arrays as nested lists); msgpack is msgpack.packb(doc) with arrays as msgpack-numpy encodes
them ({b"nd": True, b"type": dtype.str, b"kind": b"", b"shape": shape, b"data": bytes}), written here by hand since
numpy is not installed either. The socket is an XPUB (a PUB that also sees subscriptions) so it publishes once the
route's subscription has arrived: no slow-joiner loss, no sleeps.

The run: a start, a descriptor of stream 'primary' (det: number, motor: integer, img: 4 x 5 uint16, sample: string,
time: a data key named like the event's own field), EVENTS events, an event_page of 3 rows, a resource and a datum,
a stop; also one document of another prefix, which a receiver with a prefix skips. Prints one JSON line of what it sent.
Exit 3 when pyzmq or msgpack is missing.
"""
import json
import struct
import sys
import uuid

try:
    import msgpack
    import zmq
except ImportError as e:
    print(json.dumps({"error": "missing module: %s" % e}))
    sys.exit(3)

HEIGHT, WIDTH = 4, 5
TIMEOUT_MS = 15000


def pixel(seq, r, c):
    """The same formula as BlueskyPythonPeerTest.pixel."""
    return (seq * 100 + r * 10 + c) % 65536


def image(seq, form):
    rows = [[pixel(seq, r, c) for c in range(WIDTH)] for r in range(HEIGHT)]
    if form == "json":
        return rows
    data = struct.pack("<%dH" % (HEIGHT * WIDTH), *[v for row in rows for v in row])
    return {b"nd": True, b"type": "<u2", b"kind": b"", b"shape": (HEIGHT, WIDTH), b"data": data}


def serializer(form):
    if form == "json":
        return lambda doc: json.dumps(doc).encode()
    return msgpack.packb


def main():
    form, address, events = sys.argv[1], sys.argv[2], int(sys.argv[3])
    prefix = sys.argv[4].encode() if len(sys.argv) > 4 else b""
    serialize = serializer(form)
    t0 = 1700000000.0
    run = str(uuid.uuid4())
    descriptor = str(uuid.uuid4())
    docs = [("start", {"uid": run, "time": t0, "scan_id": 7, "plan_name": "count", "detectors": ["det", "img"],
                       "hints": {"dimensions": [[["time"], "primary"]]}})]
    docs.append(("descriptor", {
        "uid": descriptor, "run_start": run, "time": t0, "name": "primary",
        "data_keys": {
            "det": {"dtype": "number", "shape": [], "source": "SIM:det"},
            "motor": {"dtype": "integer", "shape": [], "source": "SIM:motor"},
            "img": {"dtype": "array", "shape": [HEIGHT, WIDTH], "dtype_numpy": "<u2", "source": "SIM:img"},
            "sample": {"dtype": "string", "shape": [], "source": "SIM:sample"},
            "time": {"dtype": "number", "shape": [], "source": "SIM:clock"},
        },
        "object_keys": {"det": ["det"], "img": ["img"]}}))
    uids = []
    for seq in range(1, events + 1):
        uid = str(uuid.uuid4())
        uids.append(uid)
        t = t0 + seq
        det = float("nan") if seq == 2 and form == "json" else seq * 1.5
        docs.append(("event", {"uid": uid, "time": t, "seq_num": seq, "descriptor": descriptor,
                               "data": {"det": det, "motor": seq, "img": image(seq, form), "sample": "s%d" % seq,
                                        "time": t - 0.5},
                               "timestamps": {"det": t, "motor": t, "img": t, "sample": t, "time": t}}))
    page = list(range(events + 1, events + 4))
    page_uids = [str(uuid.uuid4()) for _ in page]
    uids.extend(page_uids)
    docs.append(("event_page", {
        "uid": page_uids, "time": [t0 + s for s in page], "seq_num": page, "descriptor": descriptor,
        "data": {"det": [s * 1.5 for s in page], "motor": page, "img": [image(s, form) for s in page],
                 "sample": ["s%d" % s for s in page], "time": [t0 + s - 0.5 for s in page]},
        "timestamps": {k: [t0 + s for s in page] for k in ("det", "motor", "img", "sample", "time")}}))
    resource = str(uuid.uuid4())
    docs.append(("resource", {"uid": resource, "spec": "AD_HDF5", "root": "/data", "resource_path": "run.h5",
                              "resource_kwargs": {"frame_per_point": 1}, "path_semantics": "posix",
                              "run_start": run}))
    docs.append(("datum", {"datum_id": resource + "/0", "resource": resource, "datum_kwargs": {"point_number": 0}}))
    docs.append(("stop", {"uid": str(uuid.uuid4()), "run_start": run, "time": t0 + events + 10,
                          "exit_status": "success", "reason": "", "num_events": {"primary": events + 3}}))

    ctx = zmq.Context()
    sock = ctx.socket(zmq.XPUB)
    sock.setsockopt(zmq.LINGER, TIMEOUT_MS)
    sock.connect(address)
    poller = zmq.Poller()
    poller.register(sock, zmq.POLLIN)
    if not poller.poll(TIMEOUT_MS):
        print(json.dumps({"error": "no subscription within %d ms" % TIMEOUT_MS}))
        sys.exit(2)
    subscription = sock.recv()
    other = b"other"
    for i, (name, doc) in enumerate(docs):
        if i == 1 and prefix:
            # another Publisher's document on the same proxy: a receiver with a prefix skips it
            sock.send(b" ".join([other, b"start", serialize({"uid": "not-ours", "time": t0})]))
        sock.send(b" ".join([prefix, name.encode(), serialize(doc)]))
    sock.close()
    ctx.term()
    print(json.dumps({"subscription": subscription.hex(), "run": run, "descriptor": descriptor, "uids": uids,
                      "resource": resource, "documents": len(docs)}))


if __name__ == "__main__":
    main()
