package org.arroyo.camel.bluesky;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.NDArray;

/**
 * Which event data values are arrays, and the arrays they are. A msgpack-numpy array is one whatever the descriptor
 * says (a view of its bytes, in its own dtype and shape). A bin value of a data key the descriptor calls an array is
 * shaped by the descriptor's shape and {@code dtype_numpy} (a view). A list of numbers of such a data key (JSON's
 * form of an array) becomes an array of the descriptor's {@code dtype_numpy}, else int64 or float64 as its numbers
 * are, shaped as the lists nest (or as the descriptor says, when it is flat): a copy, as text must be parsed. Every
 * other value is metadata.
 */
final class EventArrays {

    private EventArrays() {
    }

    /** The array a data value is, or null when it is metadata. */
    static NDArray toArray(String codec, String key, Object value, DataKey dataKey) {
        if (value instanceof NDArray array) {
            return array;
        }
        if (value instanceof Map<?, ?> map && NumpyValues.isArray(map)) {
            return NumpyValues.array(codec, key, map);
        }
        if (dataKey == null || !dataKey.isArray() || dataKey.external() != null) {
            return null;
        }
        if (value instanceof ByteBuffer || value instanceof byte[]) {
            int[] shape = dataKey.knownShape();
            if (shape == null || dataKey.dtypeNumpy() == null) {
                throw new CodecException(codec + " codec: array '" + key + "' comes as plain bytes, but its data"
                                         + " key gives no full shape and dtype_numpy to read them by");
            }
            return NumpyValues.wrap(codec, key, NumpyValues.dtype(codec, key, dataKey.dtypeNumpy()), shape,
                    NumpyValues.order(dataKey.dtypeNumpy()), value);
        }
        if (value instanceof List<?> list) {
            return fromLists(codec, key, list, dataKey);
        }
        return null;
    }

    /** Row {@code i} of an event_page column: the list's element, or a view of the stacked array's i-th slice. */
    static Object row(String codec, String key, Object column, int i, int rows) {
        if (column instanceof List<?> list) {
            if (list.size() != rows) {
                throw new CodecException(codec + " codec: event_page column '" + key + "' has " + list.size()
                                         + " rows, the page has " + rows);
            }
            return list.get(i);
        }
        if (column instanceof Map<?, ?> map && NumpyValues.isArray(map)) {
            NDArray stacked = NumpyValues.array(codec, key, map);
            if (stacked.ndim() == 0 || stacked.dim(0) != rows) {
                throw new CodecException(codec + " codec: event_page column '" + key + "' is an array of shape "
                                         + java.util.Arrays.toString(stacked.shape()) + ", the page has " + rows
                                         + " rows");
            }
            int[] shape = java.util.Arrays.copyOfRange(stacked.shape(), 1, stacked.ndim());
            long rowBytes = stacked.byteSize() / Math.max(1, rows);
            ByteBuffer data = stacked.data();
            data.position((int) (i * rowBytes)).limit((int) ((i + 1) * rowBytes));
            return NDArray.wrap(stacked.dtype(), shape, stacked.order(), data);
        }
        throw new CodecException(codec + " codec: event_page column '" + key + "' is not a list of rows");
    }

    // JSON's form: nested lists of numbers (or booleans); anything else in them keeps the value as metadata
    private static NDArray fromLists(String codec, String key, List<?> list, DataKey dataKey) {
        List<Integer> dims = new ArrayList<>();
        Object at = list;
        while (at instanceof List<?> level) {
            dims.add(level.size());
            at = level.isEmpty() ? null : level.get(0);
        }
        List<Object> leaves = new ArrayList<>();
        if (!flatten(list, dims, 0, leaves)) {
            return null;
        }
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        int[] described = dataKey.knownShape();
        if (shape.length == 1 && described != null && elements(described) == leaves.size()) {
            shape = described;
        }
        DType dtype = dataKey.dtypeNumpy() != null ? NumpyValues.dtype(codec, key, dataKey.dtypeNumpy())
                : inferred(leaves);
        return write(codec, key, dtype, shape, leaves);
    }

    // -1 when a descriptor's shape holds more elements than a long counts
    private static long elements(int[] shape) {
        try {
            return NDArray.elementCount(shape);
        } catch (ArithmeticException tooMany) {
            return -1;
        }
    }

    // false when the lists are not rectangular or hold something other than numbers and booleans
    private static boolean flatten(List<?> list, List<Integer> dims, int depth, List<Object> leaves) {
        if (depth >= dims.size() || list.size() != dims.get(depth)) {
            return false;
        }
        boolean last = depth == dims.size() - 1;
        for (Object v : list) {
            if (last) {
                if (!(v instanceof Number || v instanceof Boolean)) {
                    return false;
                }
                leaves.add(v);
            } else if (!(v instanceof List<?> inner) || !flatten(inner, dims, depth + 1, leaves)) {
                return false;
            }
        }
        return true;
    }

    private static DType inferred(List<Object> leaves) {
        boolean allBool = !leaves.isEmpty();
        for (Object v : leaves) {
            if (v instanceof Double || v instanceof Float) {
                return DType.FLOAT64;
            }
            allBool &= v instanceof Boolean;
        }
        return allBool ? DType.BOOL : DType.INT64;
    }

    private static NDArray write(String codec, String key, DType dtype, int[] shape, List<Object> leaves) {
        ByteBuffer out = ByteBuffer.allocate(Math.multiplyExact(leaves.size(), dtype.itemSize()))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (Object v : leaves) {
            double d = v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).doubleValue();
            long l = v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).longValue();
            switch (dtype) {
                case BOOL, INT8, UINT8 -> out.put((byte) l);
                case INT16, UINT16 -> out.putShort((short) l);
                case INT32, UINT32 -> out.putInt((int) l);
                case INT64, UINT64 -> out.putLong(v instanceof BigInteger big ? big.longValue() : l);
                case FLOAT32 -> out.putFloat((float) d);
                case FLOAT64 -> out.putDouble(d);
                case FLOAT16 -> throw new CodecException(codec + " codec: array '" + key
                                                         + "': float16 arrays from lists are not supported");
            }
        }
        out.flip();
        return NDArray.wrap(dtype, shape, ByteOrder.LITTLE_ENDIAN, out);
    }

    /** An array as nested lists, JSON's form (ints as Long, float32 as Float, float64 as Double). */
    static Object toLists(NDArray array) {
        return level(array, array.shape(), 0, new long[] { 0 });
    }

    private static Object level(NDArray array, int[] shape, int depth, long[] index) {
        if (depth == shape.length) {
            return element(array, index[0]++);
        }
        List<Object> out = new ArrayList<>(shape[depth]);
        for (int i = 0; i < shape[depth]; i++) {
            out.add(level(array, shape, depth + 1, index));
        }
        return out;
    }

    private static Object element(NDArray array, long i) {
        return switch (array.dtype()) {
            case BOOL -> array.getLong(i) != 0;
            case FLOAT16, FLOAT32 -> array.getFloat(i);
            case FLOAT64 -> array.getDouble(i);
            case UINT64 -> array.getLong(i) < 0 ? new BigInteger(Long.toUnsignedString(array.getLong(i)))
                    : (Object) array.getLong(i);
            default -> array.getLong(i);
        };
    }
}
