package org.arroyo.camel.view;

/**
 * One 1-D array as the page plots it: the values themselves, or for a long array the largest of each run of
 * {@code step} values (so peaks survive), NaN where no finite value was.
 *
 * @param name         the array's name in the event
 * @param dtype        the source dtype
 * @param sourceLength elements of the source array
 * @param step         source elements per plotted point
 * @param values       the plotted points
 */
record RenderedCurve(String name, String dtype, int sourceLength, int step, float[] values) {
}
