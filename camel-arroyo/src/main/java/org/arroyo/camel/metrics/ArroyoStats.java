package org.arroyo.camel.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one consumer or producer: messages and payload bytes moved, messages that failed (a codec rejected
 * them, a send failed) and messages dropped by policy (a full high-water mark, a slow pub/sub listener). Cheap to
 * update from a hot loop; read by health checks, the runner's progress log and the Prometheus binding.
 */
public final class ArroyoStats {

    private final LongAdder messages = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    /** One message of {@code size} payload bytes moved. */
    public void message(long size) {
        messages.increment();
        bytes.add(size);
    }

    /** {@code count} messages of {@code size} payload bytes in all moved. */
    public void messages(long count, long size) {
        messages.add(count);
        bytes.add(size);
    }

    public void error() {
        errors.increment();
    }

    public void dropped() {
        dropped.increment();
    }

    public long messages() {
        return messages.sum();
    }

    public long bytes() {
        return bytes.sum();
    }

    public long errors() {
        return errors.sum();
    }

    public long droppedCount() {
        return dropped.sum();
    }
}
