"""Python side of BlueskyWireInteropTest: bluesky's own parsing of our bytes, and bluesky-kafka's record values.

Usage:
  bluesky_wire.py read zmq-json|zmq-msgpack|kafka   < hex lines (one frame or record value each)
  bluesky_wire.py write-kafka                        > hex lines

read: parses each frame as bluesky does, RemoteDispatcher's `prefix, name, doc = message.split(b" ", 2)` then
json.loads / msgpack.unpackb, or BlueskyConsumer's `name, doc = msgpack.loads(value)`, and prints one JSON line:
a list of [name, summary] (an event's summary: its data keys, seq_num, and for msgpack-numpy arrays
{b"nd", b"type", b"shape", byte count, first uint16}).
write-kafka: prints the values bluesky-kafka's Publisher writes for a start, a descriptor, one event with a 2 x 3
uint16 image (msgpack-numpy's map, by hand: numpy is not installed) and a stop: msgpack.dumps((name, doc)).
Exit 3 when msgpack is missing.
"""
import json
import struct
import sys

try:
    import msgpack
except ImportError as e:
    print(json.dumps({"error": "missing module: %s" % e}))
    sys.exit(3)


def summary(name, doc):
    if name not in ("event", "descriptor"):
        return {k: doc[k] for k in ("uid", "run_start", "exit_status", "num_events", "run_name") if k in doc}
    if name == "descriptor":
        return {"name": doc.get("name"), "data_keys": doc["data_keys"]}
    out = {"seq_num": doc["seq_num"], "keys": sorted(doc["data"]), "timestamps": sorted(doc["timestamps"])}
    for key, value in doc["data"].items():
        if isinstance(value, dict) and b"nd" in value:
            data = value[b"data"]
            out[key] = {"nd": value[b"nd"], "type": value[b"type"], "kind": value[b"kind"].decode(),
                        "shape": list(value[b"shape"]), "bytes": len(data), "first": struct.unpack("<H", data[:2])[0]}
        elif isinstance(value, list):
            out[key] = {"lists": value}
        else:
            out[key] = value
    return out


def read(form):
    docs = []
    for line in sys.stdin:
        frame = bytes.fromhex(line.strip())
        if form == "kafka":
            name, doc = msgpack.loads(frame)
        else:
            prefix, name, doc = frame.split(b" ", 2)
            name = name.decode()
            doc = json.loads(doc) if form == "zmq-json" else msgpack.unpackb(doc)
        docs.append([name, summary(name, doc)])
    print(json.dumps(docs))


def write_kafka():
    image = struct.pack("<6H", 1, 2, 3, 4, 5, 6)
    values = [
        ("start", {"uid": "run-1", "time": 1.0, "scan_id": 1, "run_name": "kafka"}),
        ("descriptor", {"uid": "desc-1", "run_start": "run-1", "time": 1.0, "name": "primary",
                        "data_keys": {"img": {"dtype": "array", "shape": [2, 3], "dtype_numpy": "<u2",
                                              "source": "SIM:img"},
                                      "x": {"dtype": "number", "shape": [], "source": "SIM:x"}}}),
        ("event", {"uid": "ev-1", "time": 2.0, "seq_num": 1, "descriptor": "desc-1",
                   "data": {"img": {b"nd": True, b"type": "<u2", b"kind": b"", b"shape": (2, 3), b"data": image},
                            "x": {b"nd": False, b"type": "<f8", b"data": struct.pack("<d", 0.75)}},
                   "timestamps": {"img": 2.0, "x": 2.0}}),
        ("stop", {"uid": "stop-1", "run_start": "run-1", "time": 3.0, "exit_status": "success",
                  "num_events": {"primary": 1}}),
    ]
    for value in values:
        print(msgpack.dumps(value).hex())


if __name__ == "__main__":
    if sys.argv[1] == "read":
        read(sys.argv[2])
    else:
        write_kafka()
