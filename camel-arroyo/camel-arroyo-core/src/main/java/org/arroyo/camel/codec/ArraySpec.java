package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.NDArray;

/**
 * The dtype, shape and byte order that describe an array's bytes on the wire, checked once so every codec reports
 * a bad description the same way.
 *
 * @param name  the array's name, for messages
 * @param dtype the element type
 * @param shape the dimensions, C order
 * @param order the byte order of the elements
 */
record ArraySpec(String name, DType dtype, int[] shape, ByteOrder order) {

    /**
     * Reads a numpy dtype name and a shape list as msgpack or JSON decode them.
     *
     * @param defaultOrder the order the format uses; a {@code '>'} or {@code '<'} mark in the dtype name wins
     * @throws CodecException naming the array and what is wrong with its dtype or shape
     */
    static ArraySpec parse(String codec, String name, Object dtype, Object shape, ByteOrder defaultOrder) {
        if (!(dtype instanceof String dtypeName)) {
            throw new CodecException(codec + " codec: array '" + name + "' has "
                                     + (dtype == null ? "no dtype" : "a dtype that is not a string: " + dtype));
        }
        DType type;
        try {
            type = DType.fromName(dtypeName);
        } catch (IllegalArgumentException e) {
            throw new CodecException(codec + " codec: array '" + name + "': " + e.getMessage(), e);
        }
        ByteOrder order = dtypeName.startsWith(">") ? ByteOrder.BIG_ENDIAN
                : dtypeName.startsWith("<") ? ByteOrder.LITTLE_ENDIAN : defaultOrder;
        return new ArraySpec(name, type, parseShape(codec, name, shape), order);
    }

    private static int[] parseShape(String codec, String name, Object shape) {
        if (!(shape instanceof List<?> dims)) {
            throw new CodecException(codec + " codec: array '" + name + "' has "
                                     + (shape == null ? "no shape" : "a shape that is not a list: " + shape));
        }
        int[] out = new int[dims.size()];
        for (int i = 0; i < out.length; i++) {
            Object d = dims.get(i);
            if (!(d instanceof Number n) || n instanceof Double || n instanceof Float
                || n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE) {
                throw new CodecException(codec + " codec: array '" + name + "' has shape " + dims
                                         + "; dimensions must be integers from 0 to " + Integer.MAX_VALUE);
            }
            out[i] = n.intValue();
        }
        return out;
    }

    /** The byte count the data must have, or -1 when it exceeds what one buffer holds. */
    long expectedBytes() {
        try {
            long bytes = Math.multiplyExact(NDArray.elementCount(shape), (long) dtype.itemSize());
            return bytes > Integer.MAX_VALUE ? -1 : bytes;
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /**
     * Checks the declared size against a limit, before anything waits for or wraps data of that size.
     *
     * @return this spec
     * @throws CodecException e.g. "msgpack codec: array 'image' declares uint8 x [65536, 65536] = 4294967296 bytes,
     *                        above the limit of 1073741824 bytes (maxArrayBytes)"
     */
    ArraySpec checkSize(String codec, long maxBytes) {
        long bytes = expectedBytes();
        if (bytes < 0 || bytes > maxBytes) {
            throw new CodecException(codec + " codec: array '" + name + "' declares " + describe() + " = "
                                     + (bytes < 0 ? "more than " + Integer.MAX_VALUE : bytes) + " bytes, above the"
                                     + " limit of " + Math.min(maxBytes, Integer.MAX_VALUE)
                                     + " bytes (maxArrayBytes)");
        }
        return this;
    }

    /**
     * Wraps the data (no copy) after checking its length.
     *
     * @throws CodecException e.g. "msgpack codec: array 'image' has 1000 bytes but uint32 x [10, 30] needs 1200"
     */
    NDArray wrap(String codec, Object data) {
        if (!(data instanceof ByteBuffer bytes)) {
            throw new CodecException(codec + " codec: array '" + name + "' has "
                                     + (data == null ? "no data" : "data that is not binary ("
                                                                   + data.getClass().getSimpleName() + ")"));
        }
        long expected = expectedBytes();
        if (bytes.remaining() != expected) {
            throw new CodecException(codec + " codec: array '" + name + "' has " + bytes.remaining() + " bytes but "
                                     + describe() + " needs "
                                     + (expected < 0 ? "more than " + Integer.MAX_VALUE : expected));
        }
        return NDArray.wrap(dtype, shape, order, bytes);
    }

    /** E.g. {@code uint32 x [10, 30]}. */
    String describe() {
        return dtype + " x " + Arrays.toString(shape);
    }

    /**
     * The ARRAY map a field holds, either as {@code {"array": ARRAY}} or as the bare ARRAY (keys exactly
     * {@code data}, {@code dtype}, {@code shape}); {@code null} when the value is ordinary metadata.
     */
    static Map<?, ?> arrayMapOf(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        if (map.size() == 1 && map.get("array") instanceof Map<?, ?> inner) {
            return inner;
        }
        boolean bare = map.size() == 3 && map.containsKey("data") && map.containsKey("dtype")
                       && map.containsKey("shape");
        return bare ? map : null;
    }
}
