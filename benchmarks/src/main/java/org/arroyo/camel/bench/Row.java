package org.arroyo.camel.bench;

/**
 * One line of the results: a metric of a scenario at a size, measured for our component and for the raw-library
 * baseline in the same process. A failed measurement keeps its place with the reason in {@code metric} and NaN values.
 */
public record Row(String scenario, String size, String metric, double ours, double raw) {

    public static Row failed(String scenario, String size, String why) {
        return new Row(scenario, size, "FAILED: " + why, Double.NaN, Double.NaN);
    }

    /** ours / raw, NaN when there is no baseline. */
    public double ratio() {
        return raw > 0 && !Double.isNaN(ours) ? ours / raw : Double.NaN;
    }

    public boolean isFailed() {
        return metric.startsWith("FAILED");
    }
}
