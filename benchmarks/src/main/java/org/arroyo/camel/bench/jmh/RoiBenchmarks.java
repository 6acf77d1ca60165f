package org.arroyo.camel.bench.jmh;

import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.concurrent.TimeUnit;

import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.operator.RoiCut;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The SAS ROI cut (10 middle rows of a 1679 x 1475 uint32 frame) through {@link RoiCut} on an {@link NDArray} view,
 * against a hand-written loop over an {@link IntBuffer} view of the same bytes as the raw baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RoiBenchmarks {

    static final int BAND = 10;

    NDArray frame;
    IntBuffer pixels;
    int rowStart;

    @Setup(Level.Trial)
    public void setUp() {
        frame = Frames.sasArray();
        pixels = frame.data().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        rowStart = Frames.SAS_ROWS / 2 - BAND / 2;
    }

    @Benchmark
    public float[] roiCutOurs() {
        return RoiCut.compute(frame, rowStart, rowStart + BAND, 4294967295.0);
    }

    @Benchmark
    public float[] roiCutRaw() {
        int width = Frames.SAS_COLS;
        double[] sums = new double[width];
        int[] counts = new int[width];
        for (int r = rowStart; r < rowStart + BAND; r++) {
            int base = r * width;
            for (int c = 0; c < width; c++) {
                long v = pixels.get(base + c) & 0xFFFFFFFFL;
                if (v < 4294967295L) {
                    sums[c] += v;
                    counts[c]++;
                }
            }
        }
        float[] curve = new float[width];
        for (int c = 0; c < width; c++) {
            curve[c] = counts[c] == 0 ? Float.NaN : (float) (sums[c] / counts[c]);
        }
        return curve;
    }

    /** The bytes the cut reads, for MB/s. */
    static long bandBytes() {
        return (long) BAND * Frames.SAS_COLS * 4;
    }
}
