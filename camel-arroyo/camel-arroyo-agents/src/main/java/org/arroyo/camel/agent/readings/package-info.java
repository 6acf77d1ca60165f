/**
 * The reference agents of the sensor-readings job ({@code routes/kafka-agents.yaml}, run by the {@code arroyo}
 * runner): {@link org.arroyo.camel.agent.readings.ParseReading} ("s1,21.5" -> "s1,21.500"),
 * {@link org.arroyo.camel.agent.readings.SummarizeReadings} (a batch -> one summary per sensor, alerts to a named
 * sink) and {@link org.arroyo.camel.agent.readings.ToJson}. Here, not in an example, so that the runner jar bundles
 * them; a template for agents of your own.
 */
package org.arroyo.camel.agent.readings;
