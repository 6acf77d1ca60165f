package org.arroyo.camel.pva;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import net.jpountz.lz4.LZ4Factory;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.pva.peer.NdPluginPvaFrames;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * lz4 and bslz4 as areaDetector's NDPluginCodec writes them, against lz4-java's compressor (another implementation)
 * and this test's own per-bit bitshuffle; corrupt input fails with a message, never out of bounds.
 */
class CodecsTest {

    private final Random random = new Random(7);

    @Test
    void lz4BlocksDecompress() {
        for (int size : new int[] { 0, 1, 15, 16, 300, 65_536, 1_000_003 }) {
            byte[] plain = pattern(size);
            byte[] compressed = LZ4Factory.safeInstance().fastCompressor().compress(plain);
            ByteBuffer out = NdCodecs.decompress("lz4", ByteBuffer.wrap(compressed), DType.UINT8, size);
            assertArrayEquals(plain, out.array(), "size " + size);
        }
    }

    @Test
    void bitshuffleLz4DecompressesEveryElementSizeAndLeftover() {
        for (DType dtype : new DType[] { DType.UINT8, DType.UINT16, DType.UINT32, DType.FLOAT64 }) {
            // full blocks, a last partial block, and count % 8 elements stored plainly
            for (int count : new int[] { 0, 7, 8, 129, 4096, 4096 * 3 + 77, 100_003 }) {
                byte[] plain = pattern(count * dtype.itemSize());
                byte[] compressed = bitshuffleLz4(plain, count, dtype.itemSize());
                ByteBuffer out = NdCodecs.decompress("bslz4", ByteBuffer.wrap(compressed), dtype, count);
                assertArrayEquals(plain, out.array(), dtype + " x " + count);
            }
        }
    }

    @Test
    void theDefaultBlockSizeIsBitshufflesOwn() {
        assertEquals(8192, BitshuffleLz4.defaultBlockSize(1));
        assertEquals(4096, BitshuffleLz4.defaultBlockSize(2));
        assertEquals(2048, BitshuffleLz4.defaultBlockSize(4));
        assertEquals(1024, BitshuffleLz4.defaultBlockSize(8));
    }

    @Test
    void corruptInputFailsWithAMessage() {
        byte[] plain = pattern(10_000);
        byte[] good = LZ4Factory.safeInstance().fastCompressor().compress(plain);
        for (int cut : new int[] { 1, good.length / 2, good.length - 1 }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NdCodecs.decompress("lz4",
                    ByteBuffer.wrap(Arrays.copyOf(good, cut)), DType.UINT8, 10_000));
            assertTrue(e.getMessage().startsWith("corrupt LZ4 block"), e.getMessage());
        }
        for (int trial = 0; trial < 2000; trial++) {
            byte[] noise = new byte[1 + random.nextInt(200)];
            random.nextBytes(noise);
            try {
                NdCodecs.decompress(trial % 2 == 0 ? "lz4" : "bslz4", ByteBuffer.wrap(noise), DType.UINT16, 300);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains("corrupt"), expected.getMessage());
            }
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> NdCodecs.decompress("blosc", ByteBuffer.allocate(4), DType.UINT8, 4));
        assertEquals("codec 'blosc' is not supported (supported: lz4, bslz4)", unknown.getMessage());
    }

    private byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            // compressible, with noise
            b[i] = (byte) (i % 97 < 50 ? i / 31 : random.nextInt(4));
        }
        return b;
    }

    private static byte[] bitshuffleLz4(byte[] plain, int n, int itemSize) {
        return NdPluginPvaFrames.bitshuffleLz4(plain, n, itemSize);
    }
}
