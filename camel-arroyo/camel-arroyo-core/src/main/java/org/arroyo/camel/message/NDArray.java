package org.arroyo.camel.message;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An n-dimensional array: a dtype, a shape (C order) and the element bytes, held as a read-only view of the buffer
 * it was decoded from (no copy). The byte order is the buffer's order; reads convert to Java numbers on the fly.
 * An array can also wrap a Java primitive array ({@link #wrapArray}, e.g. the short[] a pvAccess client decoded): reads
 * go to that array, and its little-endian bytes are made once, when {@link #data} is first asked for.
 */
public final class NDArray {

    private final DType dtype;
    private final int[] shape;
    private final long size;
    /** The wrapped primitive array (short[], int[], long[], float[] or double[]), or null for bytes. */
    private final Object values;
    /** The element bytes, or null for a wrapped primitive array. */
    private final ByteBuffer data;
    /** A wrapped primitive array's bytes, made on first use (racing threads make equal copies). */
    private volatile ByteBuffer made;

    private NDArray(DType dtype, int[] shape, ByteBuffer data) {
        this.dtype = dtype;
        this.shape = shape;
        this.size = data.remaining() / dtype.itemSize();
        this.values = null;
        this.data = data;
    }

    private NDArray(DType dtype, int[] shape, Object values, long size) {
        this.dtype = dtype;
        this.shape = shape;
        this.size = size;
        this.values = values;
        this.data = null;
    }

    /**
     * Wraps the remaining bytes of {@code data} (not copied) as an array of that dtype and shape.
     *
     * @throws IllegalArgumentException when the byte count is not {@code product(shape) x itemSize}, or a dimension
     *                                  is negative
     */
    public static NDArray wrap(DType dtype, int[] shape, ByteOrder order, ByteBuffer data) {
        int[] dims = shape.clone();
        long expected = byteCount(dtype, dims);
        if (data.remaining() != expected) {
            throw new IllegalArgumentException("array data is " + data.remaining() + " bytes but dtype " + dtype
                                               + " x shape " + Arrays.toString(dims) + " needs " + expected);
        }
        return new NDArray(dtype, dims, data.slice().asReadOnlyBuffer().order(order));
    }

    /**
     * Wraps a Java primitive array (not copied) as an array of that dtype and shape: short[] for int16, uint16 and
     * float16 (its bits), int[] for int32 and uint32, long[] for int64 and uint64, float[] for float32, double[] for
     * float64, byte[] for the one-byte types. Unsigned elements are the same bits as Java's signed ones. The caller
     * must not change the array afterwards.
     *
     * @throws IllegalArgumentException when the array's type does not hold that dtype, or its length is not the
     *                                  shape's element count
     */
    public static NDArray wrapArray(DType dtype, int[] shape, Object values) {
        int[] dims = shape.clone();
        byteCount(dtype, dims);
        if (values instanceof byte[] bytes && dtype.itemSize() == 1) {
            return wrap(dtype, dims, ByteOrder.LITTLE_ENDIAN, bytes);
        }
        boolean fits = switch (dtype) {
            case INT16, UINT16, FLOAT16 -> values instanceof short[];
            case INT32, UINT32 -> values instanceof int[];
            case INT64, UINT64 -> values instanceof long[];
            case FLOAT32 -> values instanceof float[];
            case FLOAT64 -> values instanceof double[];
            case BOOL, INT8, UINT8 -> false;
        };
        if (!fits) {
            throw new IllegalArgumentException("a " + (values == null ? "null" : values.getClass().getSimpleName())
                                               + " cannot hold " + dtype + " elements");
        }
        long length = java.lang.reflect.Array.getLength(values);
        if (length != elementCount(dims)) {
            throw new IllegalArgumentException("the array holds " + length + " elements but shape "
                                               + Arrays.toString(dims) + " needs " + elementCount(dims));
        }
        return new NDArray(dtype, dims, values, length);
    }

    private static long byteCount(DType dtype, int[] dims) {
        if (dtype == null) {
            throw new IllegalArgumentException("dtype is missing");
        }
        try {
            return Math.multiplyExact(elementCount(dims), (long) dtype.itemSize());
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " of " + dtype
                                               + " holds more than 2^63 - 1 bytes", overflow);
        }
    }

    /** Wraps a byte array (not copied). */
    public static NDArray wrap(DType dtype, int[] shape, ByteOrder order, byte[] data) {
        return wrap(dtype, shape, order, ByteBuffer.wrap(data));
    }

    /** A new little-endian float32 array holding a copy of {@code values}. */
    public static NDArray ofFloats(float[] values, int... shape) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return wrap(DType.FLOAT32, shape.length == 0 ? new int[] { values.length } : shape, ByteOrder.LITTLE_ENDIAN,
                buf);
    }

    /** A new little-endian float64 array holding a copy of {@code values}. */
    public static NDArray ofDoubles(double[] values, int... shape) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asDoubleBuffer().put(values);
        return wrap(DType.FLOAT64, shape.length == 0 ? new int[] { values.length } : shape, ByteOrder.LITTLE_ENDIAN,
                buf);
    }

    /** A new little-endian int32 or uint32 array holding a copy of {@code values}. */
    public static NDArray ofInts(DType dtype, int[] values, int... shape) {
        if (dtype.itemSize() != 4 || dtype.kind() == DType.Kind.FLOAT) {
            throw new IllegalArgumentException("ofInts takes int32 or uint32, not " + dtype);
        }
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asIntBuffer().put(values);
        return wrap(dtype, shape.length == 0 ? new int[] { values.length } : shape, ByteOrder.LITTLE_ENDIAN, buf);
    }

    /** The number of elements a shape holds; fails on a negative dimension or more than 2^31 - 1 bytes' worth. */
    public static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public DType dtype() {
        return dtype;
    }

    /** The shape, a copy. */
    public int[] shape() {
        return shape.clone();
    }

    public int ndim() {
        return shape.length;
    }

    /** The size of dimension {@code i}. */
    public int dim(int i) {
        return shape[i];
    }

    /** The element count. */
    public long size() {
        return size;
    }

    /** The byte count of the data. */
    public long byteSize() {
        return size * dtype.itemSize();
    }

    /** The byte order of {@link #data}: little-endian for a wrapped primitive array. */
    public ByteOrder order() {
        return data != null ? data.order() : ByteOrder.LITTLE_ENDIAN;
    }

    /**
     * A read-only view of the element bytes, in this array's byte order, positioned at the first byte. For a wrapped
     * primitive array the first call copies its elements into little-endian bytes, once.
     */
    public ByteBuffer data() {
        ByteBuffer bytes = bytes();
        return bytes.duplicate().order(bytes.order());
    }

    private ByteBuffer bytes() {
        if (data != null) {
            return data;
        }
        ByteBuffer bytes = made;
        if (bytes == null) {
            bytes = ByteBuffer.allocate(Math.toIntExact(byteSize())).order(ByteOrder.LITTLE_ENDIAN);
            if (values instanceof short[] a) {
                bytes.asShortBuffer().put(a);
            } else if (values instanceof int[] a) {
                bytes.asIntBuffer().put(a);
            } else if (values instanceof long[] a) {
                bytes.asLongBuffer().put(a);
            } else if (values instanceof float[] a) {
                bytes.asFloatBuffer().put(a);
            } else {
                bytes.asDoubleBuffer().put((double[]) values);
            }
            bytes = bytes.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
            made = bytes;
        }
        return bytes;
    }

    /** Element {@code index} (flat, C order) as a double; unsigned types read as their unsigned value. */
    public double getDouble(long index) {
        if (values != null) {
            return valueAsDouble(Math.toIntExact(index));
        }
        int at = Math.toIntExact(index * dtype.itemSize());
        return switch (dtype) {
            case BOOL, UINT8 -> data.get(at) & 0xFF;
            case INT8 -> data.get(at);
            case INT16 -> data.getShort(at);
            case UINT16 -> data.getShort(at) & 0xFFFF;
            case INT32 -> data.getInt(at);
            case UINT32 -> data.getInt(at) & 0xFFFFFFFFL;
            case INT64 -> data.getLong(at);
            case UINT64 -> unsignedToDouble(data.getLong(at));
            case FLOAT16 -> halfToFloat(data.getShort(at));
            case FLOAT32 -> data.getFloat(at);
            case FLOAT64 -> data.getDouble(at);
        };
    }

    /** Element {@code index} (flat, C order) as a float. */
    public float getFloat(long index) {
        return (float) getDouble(index);
    }

    /** Element {@code index} as a long; floats are truncated, uint64 above 2^63 wraps. */
    public long getLong(long index) {
        if (values != null) {
            int i = Math.toIntExact(index);
            return switch (dtype) {
                case INT64, UINT64 -> ((long[]) values)[i];
                case UINT32 -> ((int[]) values)[i] & 0xFFFFFFFFL;
                case INT32 -> ((int[]) values)[i];
                default -> (long) valueAsDouble(i);
            };
        }
        int at = Math.toIntExact(index * dtype.itemSize());
        return switch (dtype) {
            case INT64, UINT64 -> data.getLong(at);
            case UINT32 -> data.getInt(at) & 0xFFFFFFFFL;
            case INT32 -> data.getInt(at);
            default -> (long) getDouble(index);
        };
    }

    /** Element at (row, col) of a 2-D array as a double. */
    public double getDouble(int row, int col) {
        return getDouble((long) row * shape[shape.length - 1] + col);
    }

    /**
     * Reads {@code count} elements from flat index {@code from} into {@code dst} at {@code offset}, as doubles.
     * The fast path for reductions: one dtype dispatch per call, not per element.
     */
    public void readDoubles(long from, double[] dst, int offset, int count) {
        if (values != null) {
            readValues(Math.toIntExact(from), dst, offset, count);
            return;
        }
        int at = Math.toIntExact(from * dtype.itemSize());
        ByteBuffer b = data;
        switch (dtype) {
            case UINT32 -> {
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = b.getInt(at + 4 * i) & 0xFFFFFFFFL;
                }
            }
            case INT32 -> {
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = b.getInt(at + 4 * i);
                }
            }
            case UINT16 -> {
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = b.getShort(at + 2 * i) & 0xFFFF;
                }
            }
            case FLOAT32 -> {
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = b.getFloat(at + 4 * i);
                }
            }
            case FLOAT64 -> {
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = b.getDouble(at + 8 * i);
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = getDouble(from + i);
                }
            }
        }
    }

    private double valueAsDouble(int i) {
        return switch (dtype) {
            case INT16 -> ((short[]) values)[i];
            case UINT16 -> ((short[]) values)[i] & 0xFFFF;
            case FLOAT16 -> halfToFloat(((short[]) values)[i]);
            case INT32 -> ((int[]) values)[i];
            case UINT32 -> ((int[]) values)[i] & 0xFFFFFFFFL;
            case INT64 -> ((long[]) values)[i];
            case UINT64 -> unsignedToDouble(((long[]) values)[i]);
            case FLOAT32 -> ((float[]) values)[i];
            case FLOAT64 -> ((double[]) values)[i];
            case BOOL, INT8, UINT8 -> throw new IllegalStateException(dtype + " is held as bytes");
        };
    }

    private void readValues(int from, double[] dst, int offset, int count) {
        switch (dtype) {
            case UINT16 -> {
                short[] a = (short[]) values;
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = a[from + i] & 0xFFFF;
                }
            }
            case INT16 -> {
                short[] a = (short[]) values;
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = a[from + i];
                }
            }
            case INT32 -> {
                int[] a = (int[]) values;
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = a[from + i];
                }
            }
            case FLOAT32 -> {
                float[] a = (float[]) values;
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = a[from + i];
                }
            }
            case FLOAT64 -> System.arraycopy((double[]) values, from, dst, offset, count);
            default -> {
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = valueAsDouble(from + i);
                }
            }
        }
    }

    /** All elements as doubles (a copy). */
    public double[] toDoubleArray() {
        double[] out = new double[Math.toIntExact(size())];
        readDoubles(0, out, 0, out.length);
        return out;
    }

    /** All elements as floats (a copy). */
    public float[] toFloatArray() {
        float[] out = new float[Math.toIntExact(size())];
        for (int i = 0; i < out.length; i++) {
            out[i] = getFloat(i);
        }
        return out;
    }

    /** This array in the given byte order: itself when already so, else a converted copy. */
    public NDArray withOrder(ByteOrder target) {
        ByteBuffer data = bytes();
        if (data.order().equals(target) || dtype.itemSize() == 1) {
            return new NDArray(dtype, shape, data().order(target));
        }
        int n = Math.toIntExact(size());
        int w = dtype.itemSize();
        ByteBuffer out = ByteBuffer.allocate(data.remaining()).order(target);
        for (int i = 0; i < n; i++) {
            int at = i * w;
            switch (w) {
                case 2 -> out.putShort(at, data.getShort(at));
                case 4 -> out.putInt(at, data.getInt(at));
                default -> out.putLong(at, data.getLong(at));
            }
        }
        return new NDArray(dtype, shape, out.asReadOnlyBuffer().order(target));
    }

    private static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }

    // IEEE 754 binary16 -> float (Java 17 has no Float.float16ToFloat)
    static float halfToFloat(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h >>> 15) << 31;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NDArray other) || dtype != other.dtype || !Arrays.equals(shape, other.shape)) {
            return false;
        }
        NDArray same = other.withOrder(order());
        return bytes().equals(same.bytes());
    }

    @Override
    public int hashCode() {
        return 31 * dtype.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "NDArray[" + dtype + " " + Arrays.toString(shape) + " "
               + (order() == ByteOrder.LITTLE_ENDIAN ? "LE" : "BE") + "]";
    }
}
