package org.arroyo.camel.bluesky;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.NDArray;

/**
 * msgpack-numpy's encoding of numpy values, which bluesky-kafka (and msgpack serializers given
 * {@code msgpack_numpy}) write: an array is the map {@code {b"nd": True, b"type": "<u2", b"kind": b"", b"shape":
 * [..], b"data": bin}}, C order, {@code type} numpy's array-protocol string ({@code dtype.str}); a scalar is
 * {@code {b"nd": False, b"type": "<f8", b"data": bin}}; a complex number {@code {b"complex": True, b"data": "(1+2j)"}}.
 * Arrays are read as views of the bin value.
 */
final class NumpyValues {

    private static final byte[] EMPTY = new byte[0];

    private NumpyValues() {
    }

    static boolean isArray(Map<?, ?> map) {
        return Boolean.TRUE.equals(DocumentValues.field(map, "nd"));
    }

    static boolean isScalar(Map<?, ?> map) {
        return Boolean.FALSE.equals(DocumentValues.field(map, "nd")) && DocumentValues.field(map, "type") != null;
    }

    static boolean isComplex(Map<?, ?> map) {
        return Boolean.TRUE.equals(DocumentValues.field(map, "complex"));
    }

    /** The array a msgpack-numpy map holds, a view of its data. */
    static NDArray array(String codec, String key, Map<?, ?> map) {
        if ("V".equals(DocumentValues.text(DocumentValues.field(map, "kind")))) {
            throw new CodecException(codec + " codec: array '" + key + "' has a structured numpy dtype, which"
                                     + " Arroyo arrays do not carry");
        }
        String type = DocumentValues.text(DocumentValues.field(map, "type"));
        DType dtype = dtype(codec, key, type);
        Object shape = DocumentValues.field(map, "shape");
        if (!(shape instanceof List<?> dims)) {
            throw new CodecException(codec + " codec: array '" + key + "' has no shape list");
        }
        int[] shapeArray = new int[dims.size()];
        for (int i = 0; i < shapeArray.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new CodecException(codec + " codec: array '" + key + "' has shape " + dims
                                         + "; dimensions must be integers from 0 to " + Integer.MAX_VALUE);
            }
            shapeArray[i] = (int) (long) d;
        }
        return wrap(codec, key, dtype, shapeArray, order(type), DocumentValues.field(map, "data"));
    }

    /** Bytes as an array of the given description, a view; fails naming the key when the length does not fit. */
    static NDArray wrap(String codec, String key, DType dtype, int[] shape, ByteOrder order, Object data) {
        ByteBuffer bytes = data instanceof ByteBuffer b ? b : data instanceof byte[] a ? ByteBuffer.wrap(a) : null;
        if (bytes == null) {
            throw new CodecException(codec + " codec: array '" + key + "' has "
                                     + (data == null ? "no data" : "data that is not binary (" + data.getClass()
                                             .getSimpleName() + ")"));
        }
        try {
            return NDArray.wrap(dtype, shape, order, bytes);
        } catch (IllegalArgumentException e) {
            throw new CodecException(codec + " codec: array '" + key + "': " + e.getMessage(), e);
        }
    }

    /** The number a msgpack-numpy scalar holds: Long (BigInteger above 2^63 - 1), Double or Boolean. */
    static Object scalar(String codec, Map<?, ?> map) {
        String type = DocumentValues.text(DocumentValues.field(map, "type"));
        DType dtype = dtype(codec, "(a scalar)", type);
        NDArray one = wrap(codec, "(a scalar)", dtype, new int[0], order(type), DocumentValues.field(map, "data"));
        return switch (dtype.kind()) {
            case BOOL -> one.getLong(0) != 0;
            case FLOAT -> one.getDouble(0);
            case SIGNED -> one.getLong(0);
            case UNSIGNED -> dtype == DType.UINT64 && one.getLong(0) < 0
                    ? new BigInteger(Long.toUnsignedString(one.getLong(0))) : (Object) one.getLong(0);
        };
    }

    static DType dtype(String codec, String key, String type) {
        try {
            return DType.fromName(type);
        } catch (IllegalArgumentException e) {
            throw new CodecException(codec + " codec: array '" + key + "': " + e.getMessage(), e);
        }
    }

    /** The byte order a numpy type string names; '|' (one byte) and '=' (native, little-endian here) read as LE. */
    static ByteOrder order(String type) {
        return type != null && type.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** numpy's {@code dtype.str} of an array: {@code "<u2"}, {@code "|u1"}, {@code ">f8"}, {@code "|b1"}. */
    static String typeString(NDArray array) {
        DType dtype = array.dtype();
        char kind = switch (dtype.kind()) {
            case BOOL -> 'b';
            case SIGNED -> 'i';
            case UNSIGNED -> 'u';
            case FLOAT -> 'f';
        };
        char order = dtype.itemSize() == 1 ? '|' : array.order() == ByteOrder.BIG_ENDIAN ? '>' : '<';
        return "" + order + kind + dtype.itemSize();
    }

    /** The msgpack-numpy map of an array: bin keys, its bytes as they are (a view, in its own byte order). */
    static Map<Object, Object> encode(NDArray array) {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(bytes("nd"), Boolean.TRUE);
        map.put(bytes("type"), typeString(array));
        map.put(bytes("kind"), EMPTY);
        List<Long> shape = new ArrayList<>(array.ndim());
        for (int d : array.shape()) {
            shape.add((long) d);
        }
        map.put(bytes("shape"), shape);
        map.put(bytes("data"), array.data());
        return map;
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.US_ASCII);
    }
}
