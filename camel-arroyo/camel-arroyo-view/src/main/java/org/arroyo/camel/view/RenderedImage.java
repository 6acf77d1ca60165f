package org.arroyo.camel.view;

/**
 * One 2-D array as the page draws it: binned to at most the page's size (each pixel the mean of the unmasked
 * source pixels of its block, NaN when none is left), with the figures the page needs for its contrast.
 *
 * @param name         the array's name in the event
 * @param dtype        the source dtype
 * @param sourceHeight rows of the source frame
 * @param sourceWidth  columns of the source frame
 * @param binning      source pixels per image pixel, along each axis
 * @param height       rows of {@code pixels}
 * @param width        columns of {@code pixels}
 * @param pixels       the binned image, row by row
 * @param min          the smallest unmasked value (NaN when all are masked)
 * @param max          the largest unmasked value
 * @param low          the 0.5th percentile of the unmasked values: the auto contrast's black
 * @param high         the 99.5th percentile: the auto contrast's white
 * @param masked       binned pixels with no unmasked source pixel
 */
record RenderedImage(String name, String dtype, int sourceHeight, int sourceWidth, int binning, int height, int width,
                     float[] pixels, double min, double max, double low, double high, int masked) {
}
