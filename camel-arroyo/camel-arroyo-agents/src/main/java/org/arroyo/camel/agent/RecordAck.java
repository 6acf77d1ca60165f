package org.arroyo.camel.agent;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The acknowledgement of one source record (a Kafka offset, a stream entry): it fires once, when every message
 * derived from the record has been handled. A reference count: the record starts with one holder; a step that turns
 * one message into several {@link #retain retains} the extra ones, and each message that reaches the end of the chain
 * (sent, dropped on purpose, or dead-lettered) {@link #release releases} its hold. A message that fails without
 * being handled never releases, so its record is never acknowledged and is delivered again after a restart.
 */
public final class RecordAck {

    private final AtomicInteger holders = new AtomicInteger(1);
    private final Runnable onDone;

    /** @param onDone runs once, on the thread that releases the last hold */
    public RecordAck(Runnable onDone) {
        this.onDone = onDone;
    }

    /** Adds holders: the message was copied into {@code more} further messages. */
    public void retain(int more) {
        if (holders.getAndAdd(more) <= 0) {
            throw new IllegalStateException("retain after the acknowledgement fired");
        }
    }

    /** Drops one hold; the last one fires the acknowledgement. */
    public void release() {
        int left = holders.decrementAndGet();
        if (left == 0) {
            onDone.run();
        } else if (left < 0) {
            throw new IllegalStateException("released more often than held");
        }
    }

    /** Whether every hold has been released. */
    public boolean isDone() {
        return holders.get() <= 0;
    }
}
