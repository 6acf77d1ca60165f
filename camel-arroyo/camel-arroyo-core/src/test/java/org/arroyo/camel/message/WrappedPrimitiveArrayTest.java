package org.arroyo.camel.message;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.MsgpackCodec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NDArray.wrapArray: a Java primitive array read in place, equal in every way to the same elements held as
 * little-endian bytes, which it makes once, only when asked.
 */
class WrappedPrimitiveArrayTest {

    /** Each dtype wrapped as a primitive array, beside the same elements as little-endian bytes. */
    private static List<NDArray[]> pairs() {
        ByteBuffer s = le(6).putShort((short) -2).putShort((short) 7).putShort((short) 0x3C00).flip();
        ByteBuffer i = le(12).putInt(-2).putInt(7).putInt(Integer.MIN_VALUE).flip();
        ByteBuffer l = le(24).putLong(-2).putLong(7).putLong(Long.MIN_VALUE).flip();
        ByteBuffer f = le(12).putFloat(-2.5f).putFloat(7).putFloat(Float.MAX_VALUE).flip();
        ByteBuffer d = le(24).putDouble(-2.5).putDouble(7).putDouble(Double.MIN_VALUE).flip();
        short[] shorts = { -2, 7, 0x3C00 };
        int[] ints = { -2, 7, Integer.MIN_VALUE };
        long[] longs = { -2, 7, Long.MIN_VALUE };
        int[] shape = { 3 };
        return List.of(
                pair(NDArray.wrapArray(DType.INT16, shape, shorts), NDArray.wrap(DType.INT16, shape, LE, s)),
                pair(NDArray.wrapArray(DType.UINT16, shape, shorts), NDArray.wrap(DType.UINT16, shape, LE, s)),
                pair(NDArray.wrapArray(DType.FLOAT16, shape, shorts), NDArray.wrap(DType.FLOAT16, shape, LE, s)),
                pair(NDArray.wrapArray(DType.INT32, shape, ints), NDArray.wrap(DType.INT32, shape, LE, i)),
                pair(NDArray.wrapArray(DType.UINT32, shape, ints), NDArray.wrap(DType.UINT32, shape, LE, i)),
                pair(NDArray.wrapArray(DType.INT64, shape, longs), NDArray.wrap(DType.INT64, shape, LE, l)),
                pair(NDArray.wrapArray(DType.UINT64, shape, longs), NDArray.wrap(DType.UINT64, shape, LE, l)),
                pair(NDArray.wrapArray(DType.FLOAT32, shape, new float[] { -2.5f, 7, Float.MAX_VALUE }),
                        NDArray.wrap(DType.FLOAT32, shape, LE, f)),
                pair(NDArray.wrapArray(DType.FLOAT64, shape, new double[] { -2.5, 7, Double.MIN_VALUE }),
                        NDArray.wrap(DType.FLOAT64, shape, LE, d)));
    }

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    @Test
    void readsEveryDtypeAsTheSameElementsInBytesDo() {
        for (NDArray[] pair : pairs()) {
            NDArray wrapped = pair[0];
            NDArray bytes = pair[1];
            String what = bytes.dtype().toString();
            assertEquals(bytes.size(), wrapped.size(), what);
            assertEquals(bytes.byteSize(), wrapped.byteSize(), what);
            assertEquals(LE, wrapped.order(), what);
            for (int k = 0; k < 3; k++) {
                assertEquals(bytes.getDouble(k), wrapped.getDouble(k), what + " [" + k + "]");
                assertEquals(bytes.getLong(k), wrapped.getLong(k), what + " [" + k + "]");
            }
            double[] some = new double[2];
            wrapped.readDoubles(1, some, 0, 2);
            assertArrayEquals(new double[] { bytes.getDouble(1), bytes.getDouble(2) }, some, what);
            assertArrayEquals(bytes.toDoubleArray(), wrapped.toDoubleArray(), what);
            assertEquals(bytes.data(), wrapped.data(), what + ": little-endian bytes");
            assertTrue(wrapped.data().isReadOnly(), what);
            assertEquals(bytes, wrapped, what);
            assertEquals(wrapped, bytes, what);
            assertEquals(bytes.withOrder(ByteOrder.BIG_ENDIAN).data(), wrapped.withOrder(ByteOrder.BIG_ENDIAN).data(),
                    what + ": big-endian bytes");
        }
    }

    @Test
    void readsInPlaceAndMakesItsBytesOnce() {
        short[] pixels = { 1, 2, 3, 4, 5, 6 };
        NDArray image = NDArray.wrapArray(DType.UINT16, new int[] { 2, 3 }, pixels);
        assertEquals(6.0, image.getDouble(1, 2));
        pixels[5] = 60; // not copied: a read sees the array as it is now (callers promise not to change it)
        assertEquals(60.0, image.getDouble(1, 2));

        assertEquals(60, image.data().getShort(10));
        pixels[5] = 61;
        assertEquals(60, image.data().getShort(10), "the bytes are made once, on the first data()");
    }

    @Test
    void encodesToTheSameBytesAsAnArrayHeldAsBytes() {
        NDArray[] pair = pairs().get(1);
        MsgpackCodec codec = new MsgpackCodec();
        List<ByteBuffer> fromWrapped = codec.encode(Event.ofArray(Map.of("frame_number", 3), "image", pair[0]));
        List<ByteBuffer> fromBytes = codec.encode(Event.ofArray(Map.of("frame_number", 3), "image", pair[1]));
        assertEquals(fromBytes, fromWrapped);
    }

    @Test
    void refusesAnArrayThatCannotHoldTheDtypeOrTheShape() {
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> NDArray.wrapArray(DType.FLOAT32, new int[] { 2 }, new int[2]));
        assertEquals("a int[] cannot hold float32 elements", type.getMessage());
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> NDArray.wrapArray(DType.UINT16, new int[] { 2, 2 }, new short[3]));
        assertEquals("the array holds 3 elements but shape [2, 2] needs 4", length.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NDArray.wrapArray(DType.INT16, new int[] { 1 }, null));
        // the one-byte types are bytes already: wrapped as they are
        NDArray u8 = NDArray.wrapArray(DType.UINT8, new int[] { 2 }, new byte[] { (byte) 255, 1 });
        assertEquals(255.0, u8.getDouble(0));
    }

    private static NDArray[] pair(NDArray wrapped, NDArray bytes) {
        return new NDArray[] { wrapped, bytes };
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(LE);
    }
}
