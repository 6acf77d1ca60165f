/**
 * Agents: a worker's chain of processing steps (Simple-Stream-Processor / Faust style) built from Camel routes.
 * <p>
 * An {@link org.arroyo.camel.agent.Agent} turns one record, or a {@link org.arroyo.camel.agent.Batch} of records,
 * into results; {@link org.arroyo.camel.agent.AgentStep} runs it in a route; {@link org.arroyo.camel.agent.BatchStrategy}
 * builds batches with Camel's aggregator (complete at N records or when the oldest record is {@code timeout} old);
 * {@link org.arroyo.camel.agent.Sinks} lets agent code publish to named endpoints. {@link org.arroyo.camel.agent.RecordAck}s
 * travel with the messages so that a source (a Kafka record, a stream entry) is acknowledged only once everything
 * derived from it has been handled. Nothing here depends on a particular broker.
 */
package org.arroyo.camel.agent;
