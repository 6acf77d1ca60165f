package org.arroyo.camel.bench.pva;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A monitor being measured: counts the frames of a round, first and last uniqueId and when they came. */
abstract class MonitorVariant implements AutoCloseable {

    private final AtomicLong received = new AtomicLong();
    private final AtomicInteger firstId = new AtomicInteger(-1);
    private final AtomicInteger lastId = new AtomicInteger(-1);
    private volatile long firstNanos;
    private volatile long lastNanos;
    /** Read from each frame so that its data is touched, as a route would. */
    volatile double sink;

    void reset() {
        received.set(0);
        firstId.set(-1);
        lastId.set(-1);
    }

    /** Called on the monitor's thread for each frame. */
    void frame(int uniqueId, double pixel) {
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
