#!/usr/bin/python3
"""Writes src/test/resources/golden/python-float-repr.txt, read by PythonFloatsTest.

Each line is "<the double's 64 bits as 16 hex digits> <repr(float)>": what Python's json.dumps writes for that
float (json.dumps uses float.__repr__). The set covers every power of two (where the rounding interval is lopsided),
every power of ten, the edges of the double range, integers around 2**53, decimals Java 17's Double.toString prints
with too many digits, and random bit patterns and short decimals from a fixed seed.

Run with Debian's python3 (no modules needed):  /usr/bin/python3 make_float_repr_golden.py
"""
import math
import os
import random
import struct
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden",
                   "python-float-repr.txt")


def from_bits(bits):
    return struct.unpack("<d", struct.pack("<Q", bits))[0]


def bits_of(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def values():
    yield from (0.0, -0.0, 1.5, -1.5, 0.1, 0.2, 0.1 + 0.2, 1 / 3, math.pi, math.e, 85.5, 1e-7)
    yield from (sys.float_info.max, -sys.float_info.max, sys.float_info.min, 5e-324, -5e-324,
                sys.float_info.min - 5e-324, sys.float_info.epsilon)
    # Java 17 prints these with more digits than needed (JDK-4511638)
    yield from (2.82879384806159e17, 1.18575755e-316, 1e23, 2e23, 8.41e21, 9.9e-324, 4.611686018427388e18)
    for e in range(-1074, 1024):
        yield math.ldexp(1.0, e)
    for e in range(-323, 309):
        yield float("1e%d" % e)
    for k in range(-3, 4):
        yield float(2 ** 53 + k)
        yield float(10 ** 15 + k)
        yield float(10 ** 16 + k)
    rnd = random.Random(20240611)
    for _ in range(1500):
        x = from_bits(rnd.getrandbits(64))
        if math.isfinite(x):
            yield x
    for _ in range(500):
        yield float("%de%d" % (rnd.randrange(1, 10 ** rnd.randrange(1, 18)), rnd.randrange(-330, 300)))


def main():
    seen = set()
    with open(OUT, "w") as out:
        for x in values():
            if math.isinf(x) or bits_of(x) in seen:
                continue
            seen.add(bits_of(x))
            out.write("%016x %r\n" % (bits_of(x), x))
    print("wrote %d floats to %s" % (len(seen), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
