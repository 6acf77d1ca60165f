package org.arroyo.camel.view;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;

/** Test frames whose every pixel is known: value(row, col) = row * 1000 + col, with an optional gap row. */
final class Frames {

    static final long GAP = 0xFFFFFFFFL;

    private Frames() {
    }

    static NDArray uint32(int rows, int cols, int gapRow) {
        ByteBuffer b = ByteBuffer.allocate(rows * cols * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                b.putInt((r * cols + c) * 4, (int) (r == gapRow ? GAP : r * 1000L + c));
            }
        }
        return NDArray.wrap(DType.UINT32, new int[] { rows, cols }, ByteOrder.LITTLE_ENDIAN, b);
    }

    /** A curve of {@code n} points rising to its peak at {@code peak}. */
    static NDArray curve(int n, int peak) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 100f - Math.abs(i - peak);
        }
        return NDArray.ofFloats(v);
    }

    /** A reduction result as RoiCutOperator makes it: curve, raw_frame and the tiled URLs. */
    static Event result(long frameNumber, NDArray frame, NDArray curve) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("frame_number", frameNumber);
        meta.put("curve_tiled_url", "curve");
        meta.put("raw_frame_tiled_url", "http://localhost/run/" + frameNumber);
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        arrays.put("curve", curve);
        arrays.put("raw_frame", frame);
        return Event.ofArrays(meta, arrays);
    }
}
