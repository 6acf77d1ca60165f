#!/usr/bin/python3
"""Writes the msgpack golden frames the Java tests read (src/test/resources/golden/*.bin).

The frames are what arroyosas publishes: msgpack.packb(obj, use_bin_type=True) of a dict, with
arrays as {"array": {"data": <C-order little-endian bytes>, "dtype": str, "shape": [..]}}.
numpy is not needed: the bytes are built with struct, exactly as ndarray.tobytes() lays them out.

Run with Debian's python3-msgpack:  /usr/bin/python3 make_msgpack_golden.py
"""
import os
import struct

import msgpack

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden")


def array(fmt, values, dtype, shape):
    return {"array": {"data": struct.pack("<%d%s" % (len(values), fmt), *values),
                      "dtype": dtype, "shape": list(shape)}}


def frames():
    yield "msgpack-start", {
        "msg_type": "start", "run_name": "sample_A", "run_id": "3f2a-77",
        "width": 3, "height": 2, "data_type": "uint16",
        "tiled_url": "http://tiled:8000/api/v1/metadata/raw/sample_A"}
    # 2 x 3 uint16 image 1..6, and 300 to exercise values above one byte
    yield "msgpack-event", {
        "msg_type": "event", "image": array("H", [1, 2, 3, 4, 5, 300], "uint16", (2, 3)),
        "frame_number": 7, "tiled_url": "http://tiled:8000/api/v1/array/full/raw/sample_A/7"}
    # the same event with the image last: the key order our encoder writes, for a byte-for-byte check
    yield "msgpack-event-image-last", {
        "msg_type": "event", "frame_number": 7,
        "tiled_url": "http://tiled:8000/api/v1/array/full/raw/sample_A/7",
        "image": array("H", [1, 2, 3, 4, 5, 300], "uint16", (2, 3))}
    yield "msgpack-stop", {"msg_type": "stop", "num_frames": 42}
    # a 1D reduction result: no msg_type, two arrays
    yield "msgpack-result-event", {
        "curve": array("f", [0.5, 1.5, 2.25, -4.0], "float32", (4,)),
        "curve_tiled_url": "http://tiled:8000/api/v1/array/full/reduced/curve",
        "raw_frame": array("I", [10, 20, 70000, 4000000000], "uint32", (2, 2)),
        "raw_frame_tiled_url": "http://tiled:8000/api/v1/array/full/reduced/raw_frame"}
    yield "msgpack-result-stop", {"msg_type": "result_stop", "function": "reduce_1d"}


def multipart_frames():
    """The Timepix msgpack-multipart format: header map frames and a raw little-endian data frame."""
    yield "multipart-start", {
        "msg_type": "start", "scan_name": "scan_12", "tdc_frequency_hz": 1000.5, "n_bins": 100,
        "detector_size_x": 256, "detector_size_y": 256}
    yield "multipart-event-header", {
        "msg_type": "event", "shape": [2, 2, 3], "dtype": "uint32", "timestamp": 1718000000.25,
        "flush_number": 3, "cycles_in_flush": 10, "total_cycles": 30}
    yield "multipart-stop", {"msg_type": "stop", "total_cycles": 30}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, obj in frames():
        with open(os.path.join(OUT, name + ".bin"), "wb") as f:
            f.write(msgpack.packb(obj, use_bin_type=True))
        print(name, msgpack.version)
    for name, obj in multipart_frames():
        with open(os.path.join(OUT, name + ".bin"), "wb") as f:
            f.write(msgpack.packb(obj, use_bin_type=True))
    with open(os.path.join(OUT, "multipart-event-data.bin"), "wb") as f:
        f.write(struct.pack("<12I", *range(1, 13)))


if __name__ == "__main__":
    main()
