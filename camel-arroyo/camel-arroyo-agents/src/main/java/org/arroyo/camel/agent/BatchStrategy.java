package org.arroyo.camel.agent;

import java.util.concurrent.TimeUnit;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Builds a {@link Batch} with Camel's {@code aggregate}: the aggregated body is the batch, and its {@link RecordAck}s are
 * the acks of all its records. Camel's {@code completionTimeout} restarts with every record (an idle timeout), which
 * never fires on a steady trickle; a batch here has a deadline instead: {@link #remainingMillis} used as the
 * aggregate's {@code completionTimeoutExpression} completes the batch when its oldest record is {@code timeout} ms
 * old. With {@code completionSize} (the buffer size) a batch completes at N records or at its deadline, whichever
 * comes first; {@code forceCompletionOnStop} flushes a partial batch on shutdown.
 * <pre>
 * - aggregate:
 *     correlationExpression: { constant: "batch" }
 *     aggregationStrategy: batchOf10
 *     completionSize: 10
 *     completionTimeoutExpression: { method: { ref: batchOf10, method: remainingMillis } }
 *     completionTimeoutCheckerInterval: 100
 *     forceCompletionOnStop: true
 * </pre>
 */
public class BatchStrategy implements AggregationStrategy {

    /** Exchange property: when the batch an exchange joined was started, in {@link System#nanoTime()}. */
    public static final String BATCH_STARTED = "ArroyoBatchStarted";

    private long timeout = 1000;

    @Override
    public Exchange aggregate(Exchange batchExchange, Exchange record) {
        Object body = record.getMessage().getBody();
        if (batchExchange == null) {
            // the first record's exchange becomes the batch's exchange and keeps its acks
            Batch batch = new Batch(System.nanoTime());
            batch.add(body);
            record.getMessage().setBody(batch);
            record.setProperty(BATCH_STARTED, batch.startedNanos());
            return record;
        }
        Batch batch = batchExchange.getMessage().getBody(Batch.class);
        batch.add(body);
        ExchangeAcks.add(batchExchange, ExchangeAcks.of(record));
        // the aggregator evaluates the timeout expression on the incoming exchange: tell it the batch's age
        record.setProperty(BATCH_STARTED, batch.startedNanos());
        return batchExchange;
    }

    /**
     * Milliseconds until the deadline of the batch this exchange joined (at least 1: an overdue batch completes at
     * the next check), or 0 when {@code timeout} is 0 (no deadline).
     */
    public long remainingMillis(Exchange exchange) {
        Long started = exchange.getProperty(BATCH_STARTED, Long.class);
        if (timeout <= 0 || started == null) {
            return 0;
        }
        long age = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return Math.max(1, timeout - age);
    }

    public long getTimeout() {
        return timeout;
    }

    /** Milliseconds a batch may wait for more records, counted from its oldest record; 0: no deadline. Default 1000. */
    public void setTimeout(long timeout) {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout must be >= 0 ms, was " + timeout);
        }
        this.timeout = timeout;
    }
}
