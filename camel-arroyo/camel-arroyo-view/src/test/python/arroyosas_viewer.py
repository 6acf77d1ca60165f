"""A viewer of arroyosas's OneDWSPublisher WebSocket, decoding messages as arroyosas's React viewer does.

Usage: arroyosas_viewer.py PORT ROWS COLS

Connects to ws://127.0.0.1:PORT/other (must be closed at once) and ws://127.0.0.1:PORT/viz, then reads until a
Stop: text frames are JSON (a SASStart / SASStop model_dump), binary frames a msgpack map (pack_images). Each
result's images are checked against convert_to_uint8 of the frame and curve the Java test sent, recomputed here
from the frame number in raw_frame_tiled_url (numpy is not installed: the arithmetic runs in numpy's types, float64
for integer frames, float32 rounding after each step for float32 curves). Prints a JSON summary; exit 1 on a
protocol error.
"""
import asyncio
import json
import math
import struct
import sys

import msgpack
import websockets

RESULT_KEYS = ["raw_frame", "curve", "raw_frame_tiled_url", "curve_tiled_url", "width", "height", "data_type"]


def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def frame(n, rows, cols):
    """Same as ArroyosasViewerPythonTest.pixel(): uint32, row-major."""
    return [(r * 131 + c * 17 + n * 7919) % 5000 for r in range(rows) for c in range(cols)]


def curve(n, cols):
    """Same as ArroyosasViewerPythonTest.curve(): float32."""
    return [f32(((i * 37 + n * 11) % 101) / 7.0) for i in range(cols)]


def uint8_of_integers(values):
    lo, hi = min(values), max(values)
    span = float(hi - lo)
    top = math.log1p(1.0)
    out = bytearray()
    for v in values:
        x = (v - lo) / span if span else float("nan")
        out.append(0 if x != x else int((math.log1p(x) - 0.0) / (top - 0.0) * 255))
    return bytes(out)


def uint8_of_float32(values):
    lo, hi = min(values), max(values)
    span = f32(hi - lo)
    top = f32(math.log1p(f32((hi - lo) / span)))
    bottom = f32(math.log1p(0.0))
    out = bytearray()
    for v in values:
        stretched = f32(math.log1p(f32(f32(v - lo) / span)))
        out.append(int(f32(f32(f32(stretched - bottom) / f32(top - bottom)) * 255.0)))
    return bytes(out)


async def other_path(port):
    async with websockets.connect(f"ws://127.0.0.1:{port}/other") as ws:
        try:
            await asyncio.wait_for(ws.recv(), 5)
            return "received a message"
        except websockets.exceptions.ConnectionClosed as closed:
            return f"closed {closed.code}"


async def view(port, rows, cols):
    summary = {"order": [], "events": 0, "mismatches": [], "problems": []}
    async with websockets.connect(f"ws://127.0.0.1:{port}/viz", max_size=None) as ws:
        print("connected", file=sys.stderr, flush=True)
        while True:
            message = await asyncio.wait_for(ws.recv(), 30)
            if isinstance(message, str):
                decoded = json.loads(message)
                kind = decoded.get("msg_type")
                summary["order"].append(kind)
                summary[kind] = decoded
                summary[kind + "_text"] = message
                summary[kind + "_keys"] = list(decoded.keys())
                if kind == "stop":
                    break
                continue
            decoded = msgpack.unpackb(message, raw=False)
            summary["order"].append("event")
            summary["events"] += 1
            if list(decoded.keys()) != RESULT_KEYS:
                summary["problems"].append(f"keys {list(decoded.keys())}")
                continue
            n = int(decoded["raw_frame_tiled_url"].rsplit("/", 1)[1])
            if (decoded["width"], decoded["height"], decoded["data_type"]) != (rows, cols, "uint32"):
                summary["problems"].append(f"frame {n}: {decoded['width']} x {decoded['height']} {decoded['data_type']}")
            if not isinstance(decoded["raw_frame"], bytes) or not isinstance(decoded["curve"], bytes):
                summary["problems"].append(f"frame {n}: images are not bytes")
            if decoded["raw_frame"] != uint8_of_integers(frame(n, rows, cols)):
                summary["mismatches"].append(f"raw_frame {n}")
            if decoded["curve"] != uint8_of_float32(curve(n, cols)):
                summary["mismatches"].append(f"curve {n}")
            summary["last_curve_tiled_url"] = decoded["curve_tiled_url"]
    summary["other_path"] = await other_path(port)
    return summary


def main():
    port, rows, cols = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    summary = asyncio.run(view(port, rows, cols))
    print(json.dumps(summary))
    sys.exit(1 if summary["problems"] else 0)


if __name__ == "__main__":
    main()
