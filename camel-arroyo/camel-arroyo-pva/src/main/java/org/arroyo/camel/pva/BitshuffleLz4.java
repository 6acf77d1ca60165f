package org.arroyo.camel.pva;

import java.nio.ByteBuffer;

/**
 * Decompresses bitshuffle + LZ4 as bshuf_compress_lz4 writes it with its default block size (areaDetector's
 * NDPluginCodec "bslz4"; the Eiger's and Dectris' HDF5 filter 32008 put a 12-byte header in front, which this format
 * has not): blocks of elements, each a 4-byte big-endian compressed size and an LZ4 block holding the block's
 * bit-transposed elements, then the last {@code count % 8} elements as plain bytes.
 */
final class BitshuffleLz4 {

    private static final int TARGET_BLOCK_BYTES = 8192;
    private static final int BLOCK_MULTIPLE = 8;
    private static final int MIN_BLOCK = 128;

    private BitshuffleLz4() {
    }

    /** bshuf_default_block_size: elements per block, a multiple of 8 (4096 for 2-byte elements). */
    static int defaultBlockSize(int itemSize) {
        int block = TARGET_BLOCK_BYTES / itemSize;
        block = block / BLOCK_MULTIPLE * BLOCK_MULTIPLE;
        return Math.max(block, MIN_BLOCK);
    }

    /**
     * Decompresses {@code src}'s remaining bytes into a new array of {@code count} elements of {@code itemSize}
     * bytes each (in the byte order they were compressed in).
     */
    static byte[] decompress(ByteBuffer src, long count, int itemSize) {
        long total = count * itemSize;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(count + " elements of " + itemSize + " bytes do not fit one array");
        }
        byte[] out = new byte[(int) total];
        byte[] shuffled = new byte[defaultBlockSize(itemSize) * itemSize];
        int in = src.position();
        int end = src.limit();
        int blockSize = defaultBlockSize(itemSize);
        int done = 0;
        int elements = (int) count;
        while (elements - done >= BLOCK_MULTIPLE) {
            int n = Math.min(blockSize, (elements - done) / BLOCK_MULTIPLE * BLOCK_MULTIPLE);
            if (end - in < 4) {
                throw new IllegalArgumentException("corrupt bslz4 data: input ends before the block of element "
                                                   + done + " (" + (in - src.position()) + " bytes read)");
            }
            int compressed = (src.get(in) & 0xFF) << 24 | (src.get(in + 1) & 0xFF) << 16 | (src.get(in + 2) & 0xFF) << 8
                             | src.get(in + 3) & 0xFF;
            in += 4;
            if (compressed < 0 || compressed > end - in) {
                throw new IllegalArgumentException("corrupt bslz4 data: block of element " + done + " claims "
                                                   + compressed + " bytes, " + (end - in) + " left");
            }
            Lz4Block.decompress(src, in, compressed, shuffled, 0, n * itemSize);
            in += compressed;
            unshuffle(shuffled, n, itemSize, out, done * itemSize);
            done += n;
        }
        int rest = (elements - done) * itemSize;
        if (end - in != rest) {
            throw new IllegalArgumentException("corrupt bslz4 data: " + (end - in) + " bytes after the last block, "
                                               + "expected " + rest);
        }
        src.get(in, out, done * itemSize, rest);
        return out;
    }

    /**
     * Undoes bitshuffle's transpose of one block of {@code n} elements (n a multiple of 8): bit b of element e sits
     * at bit position b * n + e of the block, least significant bit first. Eight bit planes of eight elements are one
     * 8 x 8 bit matrix, transposed in a long.
     */
    static void unshuffle(byte[] block, int n, int itemSize, byte[] out, int at) {
        int planeBytes = n / 8;
        for (int byteOfElement = 0; byteOfElement < itemSize; byteOfElement++) {
            int planes = byteOfElement * 8 * planeBytes;
            for (int group = 0; group < planeBytes; group++) {
                long x = 0;
                for (int bit = 0; bit < 8; bit++) {
                    x |= (block[planes + bit * planeBytes + group] & 0xFFL) << (8 * bit);
                }
                x = transpose8x8(x);
                int element = group * 8;
                for (int m = 0; m < 8; m++) {
                    out[at + (element + m) * itemSize + byteOfElement] = (byte) (x >>> (8 * m));
                }
            }
        }
    }

    /** Transposes the 8 x 8 bit matrix held in a long (byte i is row i, bit j of it column j). */
    static long transpose8x8(long x) {
        long t = (x ^ (x >>> 7)) & 0x00AA00AA00AA00AAL;
        x = x ^ t ^ (t << 7);
        t = (x ^ (x >>> 14)) & 0x0000CCCC0000CCCCL;
        x = x ^ t ^ (t << 14);
        t = (x ^ (x >>> 28)) & 0x00000000F0F0F0F0L;
        return x ^ t ^ (t << 28);
    }
}
