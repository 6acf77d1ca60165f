package org.arroyo.camel.pva;

import java.nio.ByteBuffer;

/**
 * Decompresses one LZ4 block (the raw block format, no frame header), as LZ4_compress_default writes it:
 * areaDetector's NDPluginCodec "lz4" and each block of "bslz4". Every length and offset is checked against both
 * buffers, so corrupt input fails with an {@link IllegalArgumentException}, never reads or writes out of bounds.
 */
final class Lz4Block {

    private static final int MIN_MATCH = 4;

    private Lz4Block() {
    }

    /**
     * Decompresses {@code length} bytes of {@code src} from {@code from} into {@code dst} from {@code to}, which
     * must come out exactly {@code expected} bytes long.
     */
    static void decompress(ByteBuffer src, int from, int length, byte[] dst, int to, int expected) {
        int in = from;
        int end = from + length;
        int out = to;
        int outEnd = to + expected;
        if (length == 0 && expected == 0) {
            return;
        }
        while (true) {
            if (in >= end) {
                throw corrupt("input ends before a token", in - from);
            }
            int token = src.get(in++) & 0xFF;
            int literals = token >>> 4;
            if (literals == 15) {
                int extra;
                do {
                    if (in >= end) {
                        throw corrupt("input ends inside a literal length", in - from);
                    }
                    extra = src.get(in++) & 0xFF;
                    literals += extra;
                } while (extra == 255);
            }
            if (literals > end - in || literals > outEnd - out) {
                throw corrupt(literals + " literals overrun the " + (end - in < literals ? "input" : "output"),
                        in - from);
            }
            src.get(in, dst, out, literals);
            in += literals;
            out += literals;
            if (in == end) {
                // the last sequence has literals only
                if (out != outEnd) {
                    throw corrupt("decompressed to " + (out - to) + " bytes, expected " + expected, in - from);
                }
                return;
            }
            if (end - in < 2) {
                throw corrupt("input ends inside a match offset", in - from);
            }
            int offset = (src.get(in) & 0xFF) | (src.get(in + 1) & 0xFF) << 8;
            in += 2;
            if (offset == 0 || offset > out - to) {
                throw corrupt("match offset " + offset + " points before the output", in - from);
            }
            int match = token & 0x0F;
            if (match == 15) {
                int extra;
                do {
                    if (in >= end) {
                        throw corrupt("input ends inside a match length", in - from);
                    }
                    extra = src.get(in++) & 0xFF;
                    match += extra;
                } while (extra == 255);
            }
            match += MIN_MATCH;
            if (match > outEnd - out) {
                throw corrupt("a match of " + match + " bytes overruns the output", in - from);
            }
            int source = out - offset;
            if (offset >= match) {
                System.arraycopy(dst, source, dst, out, match);
            } else {
                // overlapping: the match repeats the last offset bytes
                for (int i = 0; i < match; i++) {
                    dst[out + i] = dst[source + i];
                }
            }
            out += match;
        }
    }

    private static IllegalArgumentException corrupt(String what, int at) {
        return new IllegalArgumentException("corrupt LZ4 block: " + what + " (at byte " + at + ")");
    }
}
