package org.arroyo.camel.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the variants of one measurement round-robin (raw, ours, raw, ours...) so slow drifts of a shared machine hit
 * all of them, and keeps the median of each metric per variant, and beside it, as "METRIC spread %", how far its
 * rounds ranged: (max - min) / median, so a row says whether one run can be trusted.
 */
public final class Alternation {

    @FunctionalInterface
    public interface Trial {
        /** One measurement of a variant: metric name to value. */
        Map<String, Double> run(String variant) throws Exception;
    }

    private Alternation() {
    }

    public static Map<String, Map<String, Double>> run(List<String> variants, int rounds, Trial trial) throws Exception {
        Map<String, Map<String, List<Double>>> all = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            // rotate the start so no variant always runs first after the previous size's teardown
            for (int i = 0; i < variants.size(); i++) {
                String variant = variants.get((i + r) % variants.size());
                Map<String, Double> m = trial.run(variant);
                Map<String, List<Double>> perMetric = all.computeIfAbsent(variant, v -> new LinkedHashMap<>());
                m.forEach((k, v) -> perMetric.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            }
        }
        Map<String, Map<String, Double>> medians = new LinkedHashMap<>();
        for (String variant : variants) {
            Map<String, Double> med = new LinkedHashMap<>();
            all.getOrDefault(variant, Map.of()).forEach((k, v) -> {
                med.put(k, median(v));
                med.put(k + SPREAD, spreadPercent(v));
            });
            medians.put(variant, med);
        }
        return medians;
    }

    /** The suffix of the spread entries. */
    public static final String SPREAD = " spread %";

    /** (max - min) / median of the rounds, in percent; 0 for a single round. */
    public static double spreadPercent(List<Double> values) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        double median = median(values);
        return median > 0 ? 100 * (max - min) / median : Double.NaN;
    }

    public static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
