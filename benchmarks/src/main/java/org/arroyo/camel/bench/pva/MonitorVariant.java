package org.arroyo.camel.bench.pva;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A monitor being measured: counts the frames of a round, first and last uniqueId and when they came. It is subscribed
 * only for its own rounds, so the other variant's client neither takes the IOC's sends nor the CPU while it runs.
 */
abstract class MonitorVariant implements AutoCloseable {

    private final AtomicLong received = new AtomicLong();
    private final AtomicInteger firstId = new AtomicInteger(-1);
    private final AtomicInteger lastId = new AtomicInteger(-1);
    private volatile long firstNanos;
    private volatile long lastNanos;
    /** Read from each frame so that its data is touched, as a route would. */
    volatile double sink;

    /** Older uniqueIds (the value a new subscription starts with) are not part of the round. */
    private volatile int roundStart;

    /** Subscribes and returns once the server has answered, so the round's first frame is not sent before it. */
    abstract void subscribe() throws Exception;

    /** Ends the subscription. */
    abstract void unsubscribe() throws Exception;

    void reset(int firstOfRound) {
        roundStart = firstOfRound;
        received.set(0);
        firstId.set(-1);
        lastId.set(-1);
    }

    /** Called on the monitor's thread for each frame. */
    void frame(int uniqueId, double pixel) {
        if (uniqueId < roundStart) {
            return;
        }
        long now = System.nanoTime();
        sink += pixel;
        if (firstId.compareAndSet(-1, uniqueId)) {
            firstNanos = now;
        }
        received.incrementAndGet();
        lastNanos = now;
        lastId.set(uniqueId);
    }

    long received() {
        return received.get();
    }

    int firstId() {
        return firstId.get();
    }

    int lastId() {
        return lastId.get();
    }

    long firstNanos() {
        return firstNanos;
    }

    long lastNanos() {
        return lastNanos;
    }
}
