package org.arroyo.camel.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;

/**
 * Reduces an event's arrays to what a screen shows: 2-D (and the first plane of higher) arrays to binned images of
 * at most {@code maxSize} pixels a side, 1-D arrays (and arrays of a single row) to curves of at most
 * {@link #MAX_CURVE_POINTS} points. Runs on the view's own thread, never on a route's.
 */
final class FrameRenderer {

    static final int MAX_CURVE_POINTS = 4096;
    private static final int PERCENTILE_SAMPLES = 16384;

    private FrameRenderer() {
    }

    /** The event's arrays as images and curves, in the event's order. */
    static Rendered render(Event event, int maxSize) {
        List<RenderedImage> images = new ArrayList<>();
        List<RenderedCurve> curves = new ArrayList<>();
        for (Map.Entry<String, NDArray> e : event.getArrays().entrySet()) {
            NDArray a = e.getValue();
            if (a.ndim() == 0 || a.size() == 0) {
                continue;
            }
            int last = a.dim(a.ndim() - 1);
            if (a.ndim() == 1 || a.size() == last) {
                curves.add(curve(e.getKey(), a));
            } else {
                images.add(image(e.getKey(), a, maxSize));
            }
        }
        return new Rendered(images, curves);
    }

    /** The images and curves of one event. */
    record Rendered(List<RenderedImage> images, List<RenderedCurve> curves) {
        boolean isEmpty() {
            return images.isEmpty() && curves.isEmpty();
        }
    }

    /** The first plane of an array of 2 or more dimensions, binned to at most {@code maxSize} pixels a side. */
    static RenderedImage image(String name, NDArray a, int maxSize) {
        int rows = a.dim(a.ndim() - 2);
        int cols = a.dim(a.ndim() - 1);
        int binning = Math.max(1, (Math.max(rows, cols) + maxSize - 1) / maxSize);
        int height = (rows + binning - 1) / binning;
        int width = (cols + binning - 1) / binning;
        PixelMask mask = PixelMask.of(a.dtype());
        double[] sums = new double[width];
        int[] counts = new int[width];
        double[] row = new double[cols];
        int[] binOf = new int[cols];
        for (int c = 0; c < cols; c++) {
            binOf[c] = c / binning;
        }
        float[] pixels = new float[height * width];
        int masked = 0;
        for (int y = 0; y < height; y++) {
            Arrays.fill(sums, 0);
            Arrays.fill(counts, 0);
            int last = Math.min(rows, (y + 1) * binning);
            for (int r = y * binning; r < last; r++) {
                a.readDoubles((long) r * cols, row, 0, cols);
                for (int c = 0; c < cols; c++) {
                    double v = row[c];
                    if (!mask.masked(v)) {
                        sums[binOf[c]] += v;
                        counts[binOf[c]]++;
                    }
                }
            }
            for (int x = 0; x < width; x++) {
                boolean none = counts[x] == 0;
                masked += none ? 1 : 0;
                pixels[y * width + x] = none ? Float.NaN : (float) (sums[x] / counts[x]);
            }
        }
        double[] range = percentiles(pixels, 0.005, 0.995);
        return new RenderedImage(name, a.dtype().numpyName(), rows, cols, binning, height, width, pixels, range[0],
                range[3], range[1], range[2], masked);
    }

    /** A 1-D array (or a single row) as at most {@link #MAX_CURVE_POINTS} points. */
    static RenderedCurve curve(String name, NDArray a) {
        int n = Math.toIntExact(a.size());
        int step = Math.max(1, (n + MAX_CURVE_POINTS - 1) / MAX_CURVE_POINTS);
        int points = (n + step - 1) / step;
        double[] source = new double[n];
        a.readDoubles(0, source, 0, n);
        float[] values = new float[points];
        for (int p = 0; p < points; p++) {
            double best = Double.NaN;
            for (int i = p * step; i < Math.min(n, (p + 1) * step); i++) {
                double v = source[i];
                if (Double.isFinite(v) && !(v <= best)) {
                    best = v;
                }
            }
            values[p] = (float) best;
        }
        return new RenderedCurve(name, a.dtype().numpyName(), n, step, values);
    }

    /**
     * {min, low, high, max} of the finite values: low and high are the given quantiles of an even sample of them,
     * all NaN when there is none.
     */
    static double[] percentiles(float[] values, double lowQuantile, double highQuantile) {
        int finite = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            if (!Float.isNaN(v)) {
                finite++;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (finite == 0) {
            return new double[] { Double.NaN, Double.NaN, Double.NaN, Double.NaN };
        }
        int stride = Math.max(1, finite / PERCENTILE_SAMPLES);
        float[] sample = new float[(finite + stride - 1) / stride];
        int seen = 0;
        int taken = 0;
        for (float v : values) {
            if (!Float.isNaN(v)) {
                if (seen % stride == 0 && taken < sample.length) {
                    sample[taken++] = v;
                }
                seen++;
            }
        }
        Arrays.sort(sample, 0, taken);
        double low = sample[(int) Math.floor(lowQuantile * (taken - 1))];
        double high = sample[(int) Math.ceil(highQuantile * (taken - 1))];
        return new double[] { min, low, high, max };
    }
}
