package org.arroyo.camel.view;

import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.NDArray;

/**
 * arroyosas's {@code convert_to_uint8} (src/arroyosas/websockets.py), computed as numpy computes it: the array
 * normalised to [0, 1] ({@code (a - a.min()) / (a.max() - a.min())}), log-stretched with {@code log1p}, normalised
 * again and cast to uint8, in numpy's types: integer arrays are subtracted in their own width and divided in
 * float64, float32 arrays stay float32 throughout, float64 stay float64. A NaN anywhere, or a constant array, gives
 * all zeros, as numpy's NaN-propagating min/max and its cast do on x86-64.
 * <p>
 * Since the smallest element normalises to exactly 0 and the largest to exactly 1, the stretched range is
 * [log1p(0), log1p(1)] without a pass to find it. float16 is computed in float32 (numpy would round each step to
 * half precision); uint64 values above 2^63 are not supported.
 */
final class ArroyosasImages {

    private ArroyosasImages() {
    }

    static byte[] toUint8(NDArray a) {
        if (a.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("a bool array cannot be sent: numpy cannot subtract booleans, so "
                                               + "arroyosas's convert_to_uint8 fails on it too");
        }
        int n = Math.toIntExact(a.size());
        byte[] out = new byte[n];
        if (n == 0) {
            return out;
        }
        switch (a.dtype().kind()) {
            case FLOAT -> {
                if (a.dtype() == DType.FLOAT64) {
                    float64(a, out);
                } else {
                    float32(a, out);
                }
            }
            default -> integer(a, out);
        }
        return out;
    }

    private static void integer(NDArray a, byte[] out) {
        DType t = a.dtype();
        boolean unsigned = t.kind() == DType.Kind.UNSIGNED;
        long min = a.getLong(0);
        long max = min;
        for (int i = 1; i < out.length; i++) {
            long v = a.getLong(i);
            if (unsigned ? Long.compareUnsigned(v, min) < 0 : v < min) {
                min = v;
            }
            if (unsigned ? Long.compareUnsigned(v, max) > 0 : v > max) {
                max = v;
            }
        }
        // numpy subtracts in the array's own width (a signed range wider than the type wraps there too)
        double range = asDouble(wrap(max - min, t), unsigned);
        double top = Math.log1p(1.0);
        for (int i = 0; i < out.length; i++) {
            double normalized = asDouble(wrap(a.getLong(i) - min, t), unsigned) / range;
            out[i] = (byte) (int) (((Math.log1p(normalized) - 0.0) / (top - 0.0)) * 255);
        }
    }

    private static void float64(NDArray a, byte[] out) {
        double min = a.getDouble(0);
        double max = min;
        for (int i = 1; i < out.length; i++) {
            double v = a.getDouble(i);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double range = max - min;
        double top = Math.log1p((max - min) / range);
        double bottom = Math.log1p(0.0 / range);
        for (int i = 0; i < out.length; i++) {
            double l = Math.log1p((a.getDouble(i) - min) / range);
            out[i] = (byte) (int) (((l - bottom) / (top - bottom)) * 255);
        }
    }

    private static void float32(NDArray a, byte[] out) {
        float min = a.getFloat(0);
        float max = min;
        for (int i = 1; i < out.length; i++) {
            float v = a.getFloat(i);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float range = max - min;
        float top = (float) Math.log1p((max - min) / range);
        float bottom = (float) Math.log1p(0f / range);
        for (int i = 0; i < out.length; i++) {
            float l = (float) Math.log1p((a.getFloat(i) - min) / range);
            out[i] = (byte) (int) (((l - bottom) / (top - bottom)) * 255f);
        }
    }

    private static long wrap(long v, DType t) {
        return switch (t) {
            case INT8 -> (byte) v;
            case INT16 -> (short) v;
            case INT32 -> (int) v;
            case UINT8 -> v & 0xFF;
            case UINT16 -> v & 0xFFFF;
            case UINT32 -> v & 0xFFFFFFFFL;
            default -> v;
        };
    }

    private static double asDouble(long v, boolean unsigned) {
        return unsigned && v < 0 ? (double) (v >>> 1) * 2.0 + (v & 1) : v;
    }
}
