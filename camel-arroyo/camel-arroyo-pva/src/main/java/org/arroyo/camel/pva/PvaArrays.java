package org.arroyo.camel.pva;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.NDArray;
import org.epics.pva.data.PVABoolArray;
import org.epics.pva.data.PVAByteArray;
import org.epics.pva.data.PVAData;
import org.epics.pva.data.PVADoubleArray;
import org.epics.pva.data.PVAFloatArray;
import org.epics.pva.data.PVAIntArray;
import org.epics.pva.data.PVALongArray;
import org.epics.pva.data.PVAShortArray;

/**
 * Between core-pva's scalar arrays (Java primitive arrays, already in Java's byte order) and little-endian bytes.
 * Reading keeps core-pva's arrays (it decodes each update into new ones): a frame's NDArray reads them in place.
 */
final class PvaArrays {

    private PvaArrays() {
    }

    /** The dtype of a core-pva scalar array, or null when {@code data} is none (a string array, a structure). */
    static DType dtypeOf(PVAData data) {
        if (data instanceof PVAByteArray a) {
            return a.isUnsigned() ? DType.UINT8 : DType.INT8;
        } else if (data instanceof PVAShortArray a) {
            return a.isUnsigned() ? DType.UINT16 : DType.INT16;
        } else if (data instanceof PVAIntArray a) {
            return a.isUnsigned() ? DType.UINT32 : DType.INT32;
        } else if (data instanceof PVALongArray a) {
            return a.isUnsigned() ? DType.UINT64 : DType.INT64;
        } else if (data instanceof PVAFloatArray) {
            return DType.FLOAT32;
        } else if (data instanceof PVADoubleArray) {
            return DType.FLOAT64;
        } else if (data instanceof PVABoolArray) {
            return DType.BOOL;
        }
        return null;
    }

    /**
     * The primitive array core-pva decoded a scalar array's elements into ({@link #dtypeOf} not null). core-pva 5.0.5
     * decodes every update into a new array and never writes into one it has handed out (CorePvaArraysTest), so the
     * array may be kept after the monitor callback: the receive thread hands it on without copying it.
     */
    static Object elements(PVAData data) {
        if (data instanceof PVAByteArray a) {
            return a.get();
        } else if (data instanceof PVAShortArray a) {
            return a.get();
        } else if (data instanceof PVAIntArray a) {
            return a.get();
        } else if (data instanceof PVALongArray a) {
            return a.get();
        } else if (data instanceof PVAFloatArray a) {
            return a.get();
        } else if (data instanceof PVADoubleArray a) {
            return a.get();
        } else if (data instanceof PVABoolArray a) {
            return a.get();
        }
        throw new IllegalArgumentException("not a scalar array: " + data.getType());
    }

    /** The element count of a scalar array ({@link #dtypeOf} not null). */
    static int length(PVAData data) {
        return Array.getLength(elements(data));
    }

    /**
     * The bytes of a one-byte array from {@link #elements} (a compressed frame, a bool array): a byte[] wrapped as it
     * is, booleans as 0 and 1. Wider arrays become bytes through {@link NDArray#wrapArray}.
     */
    static ByteBuffer bytes(Object elements) {
        if (elements instanceof byte[] a) {
            return ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN);
        }
        if (!(elements instanceof boolean[] a)) {
            throw new IllegalArgumentException("not a one-byte array: " + elements.getClass().getSimpleName());
        }
        ByteBuffer out = ByteBuffer.allocate(a.length).order(ByteOrder.LITTLE_ENDIAN);
        for (boolean v : a) {
            out.put((byte) (v ? 1 : 0));
        }
        return out.clear();
    }

    /** An NDArray over the elements as core-pva decoded them ({@link #elements}), read in place: no copy. */
    static NDArray ndArray(DType dtype, int[] shape, Object elements) {
        return elements instanceof boolean[] ? NDArray.wrap(dtype, shape, ByteOrder.LITTLE_ENDIAN, bytes(elements))
                : NDArray.wrapArray(dtype, shape, elements);
    }

    /** The Java primitive array core-pva serves for this array's elements (a copy in Java's byte order). */
    static Object primitiveArray(NDArray array) {
        ByteBuffer data = array.data();
        int n = Math.toIntExact(array.size());
        return switch (array.dtype()) {
            case BOOL -> {
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    out[i] = data.get(i) != 0;
                }
                yield out;
            }
            case INT8, UINT8 -> {
                byte[] out = new byte[n];
                data.get(out);
                yield out;
            }
            case INT16, UINT16 -> {
                short[] out = new short[n];
                data.asShortBuffer().get(out);
                yield out;
            }
            case INT32, UINT32 -> {
                int[] out = new int[n];
                data.asIntBuffer().get(out);
                yield out;
            }
            case INT64, UINT64 -> {
                long[] out = new long[n];
                data.asLongBuffer().get(out);
                yield out;
            }
            case FLOAT32 -> {
                float[] out = new float[n];
                data.asFloatBuffer().get(out);
                yield out;
            }
            case FLOAT64 -> {
                double[] out = new double[n];
                data.asDoubleBuffer().get(out);
                yield out;
            }
            case FLOAT16 -> throw new IllegalArgumentException(
                    "float16 has no pvAccess type; convert the array to float32 first");
        };
    }

    /** The NTNDArray value union member for a dtype, e.g. ushortValue. */
    static String unionMember(DType dtype) {
        return switch (dtype) {
            case BOOL -> "booleanValue";
            case INT8 -> "byteValue";
            case UINT8 -> "ubyteValue";
            case INT16 -> "shortValue";
            case UINT16 -> "ushortValue";
            case INT32 -> "intValue";
            case UINT32 -> "uintValue";
            case INT64 -> "longValue";
            case UINT64 -> "ulongValue";
            case FLOAT32 -> "floatValue";
            case FLOAT64 -> "doubleValue";
            case FLOAT16 -> throw new IllegalArgumentException(
                    "float16 has no pvAccess type; convert the array to float32 first");
        };
    }

    /** pvData's ScalarType code of a dtype, as NDPluginCodec keeps the uncompressed type in codec.parameters. */
    static int scalarTypeCode(DType dtype) {
        return switch (dtype) {
            case BOOL -> 0;
            case INT8 -> 1;
            case INT16 -> 2;
            case INT32 -> 3;
            case INT64 -> 4;
            case UINT8 -> 5;
            case UINT16 -> 6;
            case UINT32 -> 7;
            case UINT64 -> 8;
            case FLOAT32 -> 9;
            case FLOAT64 -> 10;
            case FLOAT16 -> throw new IllegalArgumentException("float16 has no pvAccess type");
        };
    }

    /** The dtype of a pvData ScalarType code, or null for a code that names no numeric type. */
    static DType fromScalarTypeCode(int code) {
        return switch (code) {
            case 0 -> DType.BOOL;
            case 1 -> DType.INT8;
            case 2 -> DType.INT16;
            case 3 -> DType.INT32;
            case 4 -> DType.INT64;
            case 5 -> DType.UINT8;
            case 6 -> DType.UINT16;
            case 7 -> DType.UINT32;
            case 8 -> DType.UINT64;
            case 9 -> DType.FLOAT32;
            case 10 -> DType.FLOAT64;
            default -> null;
        };
    }
}
