package org.arroyo.camel.streampy;

import java.time.Duration;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A thread-safe latency timer: how many samples, their total, mean and maximum. Enough to read edge latency (time a
 * message waited in a queue node) and vertex latency (time in a worker's function) without a metrics library.
 */
public final class LatencyStats {

    private final LongAdder count = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);

    /** Records one sample; negative values (a clock step) count as 0. */
    public void record(long nanos) {
        long n = Math.max(0, nanos);
        count.increment();
        totalNanos.add(n);
        maxNanos.accumulate(n);
    }

    public long count() {
        return count.sum();
    }

    public Duration total() {
        return Duration.ofNanos(totalNanos.sum());
    }

    /** The mean sample, zero before the first. */
    public Duration mean() {
        long c = count.sum();
        return c == 0 ? Duration.ZERO : Duration.ofNanos(totalNanos.sum() / c);
    }

    public Duration max() {
        return Duration.ofNanos(maxNanos.get());
    }

    @Override
    public String toString() {
        return String.format("n=%d mean=%.3f ms max=%.3f ms", count(), mean().toNanos() / 1e6, max().toNanos() / 1e6);
    }
}
