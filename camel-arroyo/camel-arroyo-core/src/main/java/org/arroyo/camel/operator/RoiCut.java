package org.arroyo.camel.operator;

import org.arroyo.camel.message.NDArray;

/**
 * The SAS horizontal region-of-interest cut: for each column of a 2-D frame, the mean of the unmasked pixels in rows
 * {@code [rowStart, rowEnd)}. A pixel is masked when it is negative or at least {@code maskAbove} (detector gaps and
 * hot pixels: Pilatus marks gaps as -1, 0xFFFFFFFF when read as uint32). A column with no unmasked pixel gives NaN.
 */
public final class RoiCut {

    private RoiCut() {
    }

    /**
     * The cut of {@code frame}.
     *
     * @throws IllegalArgumentException when the frame is not 2-D or the rows are outside it
     */
    public static float[] compute(NDArray frame, int rowStart, int rowEnd, double maskAbove) {
        if (frame.ndim() != 2) {
            throw new IllegalArgumentException("ROI cut needs a 2-D frame, got shape "
                                               + java.util.Arrays.toString(frame.shape()));
        }
        int height = frame.dim(0);
        int width = frame.dim(1);
        if (rowStart < 0 || rowEnd > height || rowStart >= rowEnd) {
            throw new IllegalArgumentException("ROI rows [" + rowStart + ", " + rowEnd + ") are not inside a frame of "
                                               + height + " rows");
        }
        double[] sums = new double[width];
        int[] counts = new int[width];
        double[] row = new double[width];
        for (int r = rowStart; r < rowEnd; r++) {
            frame.readDoubles((long) r * width, row, 0, width);
            for (int c = 0; c < width; c++) {
                double v = row[c];
                if (v >= 0 && v < maskAbove) {
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
}
