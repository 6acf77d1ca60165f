package org.arroyo.camel.pva;

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
 * Reading copies: core-pva's client hands arrays out only for the length of a monitor callback.
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

    /** The element count of a scalar array ({@link #dtypeOf} not null). */
    static int length(PVAData data) {
        if (data instanceof PVAByteArray a) {
            return a.get().length;
        } else if (data instanceof PVAShortArray a) {
            return a.get().length;
        } else if (data instanceof PVAIntArray a) {
            return a.get().length;
        } else if (data instanceof PVALongArray a) {
            return a.get().length;
        } else if (data instanceof PVAFloatArray a) {
            return a.get().length;
        } else if (data instanceof PVADoubleArray a) {
            return a.get().length;
        } else if (data instanceof PVABoolArray a) {
            return a.get().length;
        }
        throw new IllegalArgumentException("not a scalar array: " + data.getType());
    }

    /** A little-endian copy of a scalar array's elements ({@link #dtypeOf} not null), one bulk copy per array. */
    static ByteBuffer copyOf(PVAData data) {
        ByteBuffer out;
        if (data instanceof PVAByteArray a) {
            out = ByteBuffer.allocate(a.get().length).put(a.get());
        } else if (data instanceof PVAShortArray a) {
            out = allocate(a.get().length, 2);
            out.asShortBuffer().put(a.get());
        } else if (data instanceof PVAIntArray a) {
            out = allocate(a.get().length, 4);
            out.asIntBuffer().put(a.get());
        } else if (data instanceof PVALongArray a) {
            out = allocate(a.get().length, 8);
            out.asLongBuffer().put(a.get());
        } else if (data instanceof PVAFloatArray a) {
            out = allocate(a.get().length, 4);
            out.asFloatBuffer().put(a.get());
        } else if (data instanceof PVADoubleArray a) {
            out = allocate(a.get().length, 8);
            out.asDoubleBuffer().put(a.get());
        } else if (data instanceof PVABoolArray a) {
            boolean[] values = a.get();
            out = ByteBuffer.allocate(values.length);
            for (boolean v : values) {
                out.put((byte) (v ? 1 : 0));
            }
        } else {
            throw new IllegalArgumentException("not a scalar array: " + data.getType());
        }
        return out.clear().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer allocate(int elements, int itemSize) {
        return ByteBuffer.allocate(Math.multiplyExact(elements, itemSize)).order(ByteOrder.LITTLE_ENDIAN);
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
