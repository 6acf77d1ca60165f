package org.arroyo.camel.agent.readings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.arroyo.camel.agent.Agent;
import org.arroyo.camel.agent.Sinks;

/**
 * Agent 2 of the sensor-readings job (routes/kafka-agents.yaml), a batching one: one summary per sensor of the batch,
 * {@code "s1 n=3 mean=2.000 max=3.000"}, in order of the sensors' first reading. A sensor whose maximum is above {@code
 * alertAbove} is also published to the named sink {@code alertSink} from the agent's code.
 */
public class SummarizeReadings implements Agent {

    private Sinks sinks;
    private String alertSink = "alerts";
    private double alertAbove = Double.POSITIVE_INFINITY;

    @Override
    public List<?> process(List<?> records) {
        Map<String, List<Double>> bySensor = new LinkedHashMap<>();
        for (Object r : records) {
            String[] parts = String.valueOf(r).split(",");
            bySensor.computeIfAbsent(parts[0], s -> new ArrayList<>()).add(Double.parseDouble(parts[1]));
        }
        List<String> summaries = new ArrayList<>();
        bySensor.forEach((sensor, values) -> {
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            summaries.add(String.format(Locale.ROOT, "%s n=%d mean=%.3f max=%.3f", sensor, values.size(), mean, max));
            if (max > alertAbove && sinks != null) {
                sinks.send(alertSink, String.format(Locale.ROOT, "ALERT %s max=%.3f", sensor, max));
            }
        });
        return summaries;
    }

    /** Where alerts go (optional: without sinks there are no alerts). */
    public void setSinks(Sinks sinks) {
        this.sinks = sinks;
    }

    /** The name of the sink alerts go to. Default {@code alerts}. */
    public void setAlertSink(String alertSink) {
        this.alertSink = alertSink;
    }

    /** A sensor whose maximum in a batch is above this raises an alert. Default: never. */
    public void setAlertAbove(double alertAbove) {
        this.alertAbove = alertAbove;
    }
}
