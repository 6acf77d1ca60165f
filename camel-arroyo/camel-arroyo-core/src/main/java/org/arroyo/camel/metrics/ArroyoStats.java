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
    public void countMessage(long size) {
        messages.increment();
        bytes.add(size);
    }

    /** {@code count} messages of {@code size} payload bytes in all moved. */
    public void countMessages(long count, long size) {
        messages.add(count);
        bytes.add(size);
    }

    /** One message failed: a codec rejected it, or its send failed. */
    public void countError() {
        errors.increment();
    }

    /** One message dropped by policy. */
    public void countDropped() {
        dropped.increment();
    }

    /** {@code count} messages dropped or skipped (e.g. frames a server skipped, told by a gap in frame numbers). */
    public void countDropped(long count) {
        dropped.add(count);
    }

    /** Messages moved so far. */
    public long messages() {
        return messages.sum();
    }

    /** Payload bytes moved so far. */
    public long bytes() {
        return bytes.sum();
    }

    /** Messages failed so far. */
    public long errors() {
        return errors.sum();
    }

    /** Messages dropped so far. */
    public long dropped() {
        return dropped.sum();
    }
}
