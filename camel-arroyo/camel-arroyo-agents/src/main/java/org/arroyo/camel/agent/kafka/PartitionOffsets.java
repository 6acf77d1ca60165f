package org.arroyo.camel.agent.kafka;

import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The uncommitted records of one partition, by offset: which may be committed. Records finish out of order (a
 * batch completed by its deadline on the aggregator's thread, the next by size on the consumer's; a fanned-out record
 * waits for all its parts; sinks answer asynchronously), but committing offset N tells Kafka that everything below N
 * is done, so only the contiguous finished prefix is committable.
 */
final class PartitionOffsets {

    private final TreeSet<Long> pending = new TreeSet<>();
    private final TreeSet<Long> finished = new TreeSet<>();
    private long highest = -1;

    /**
     * Tracks a record. Returns false when the offset is not beyond the highest tracked one: the partition was
     * rewound (redelivery after a rebalance or a reconnect), and the caller starts a fresh tracker.
     */
    synchronized boolean register(long offset) {
        if (offset <= highest) {
            return false;
        }
        highest = offset;
        pending.add(offset);
        return true;
    }

    /**
     * The record at this offset is done. Returns the offset to commit now (one past the last record of the finished
     * prefix), or -1 when nothing new may be committed; an offset this tracker does not know changes nothing.
     */
    synchronized long complete(long offset) {
        if (!pending.remove(offset)) {
            return -1;
        }
        finished.add(offset);
        NavigableSet<Long> ready = pending.isEmpty() ? finished : finished.headSet(pending.first(), false);
        if (ready.isEmpty()) {
            return -1;
        }
        long last = ready.last();
        ready.clear();
        return last + 1;
    }

    /** Records tracked and not yet committable. */
    synchronized int size() {
        return pending.size() + finished.size();
    }
}
