package org.arroyo.camel.agent.readings;

import java.util.List;
import java.util.Locale;

import org.arroyo.camel.agent.Agent;

/**
 * Agent 1 of the sensor-readings job (routes/kafka-agents.yaml): parses a reading {@code "sensor,value"} into its
 * normal form ({@code "s1,21.500"}); a record that is not a reading fails, and goes through retries to the dead letter
 * topic.
 */
public class ParseReading implements Agent {

    @Override
    public List<?> process(List<?> records) {
        return records.stream().map(r -> parse(String.valueOf(r))).toList();
    }

    static String parse(String record) {
        String[] parts = record.split(",");
        if (parts.length != 2 || parts[0].isBlank()) {
            throw new IllegalArgumentException("not a reading 'sensor,value': " + record);
        }
        try {
            return parts[0].trim() + "," + String.format(Locale.ROOT, "%.3f", Double.parseDouble(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a reading 'sensor,value': " + record, e);
        }
    }
}
