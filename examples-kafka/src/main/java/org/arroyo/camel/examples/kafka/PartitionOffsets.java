package org.arroyo.camel.examples.kafka;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The uncommitted records of one partition, by offset: which may be committed. Records finish out of order (a
 * batch completed by its deadline on one thread, the next by size on another; a fanned-out record waits for all its
 * parts), but committing offset N tells Kafka that everything below N is done, so only the contiguous finished
 * prefix is committable.
 *
 * @param <T> the handle that commits one record's offset
 */
final class PartitionOffsets<T> {

    private final TreeMap<Long, T> pending = new TreeMap<>();
    private final TreeMap<Long, T> finished = new TreeMap<>();
    private long highest = -1;

    /**
     * Tracks a record. Returns false when the offset is not beyond the highest tracked one: the partition was
     * rewound (redelivery after a rebalance or a reconnect), and the caller starts a fresh tracker.
     */
    synchronized boolean register(long offset, T handle) {
        if (offset <= highest) {
            return false;
        }
        highest = offset;
        pending.put(offset, handle);
        return true;
    }

    /**
     * The record at this offset is done. Returns the handle of the highest offset that may now be committed (every
     * tracked offset up to it is done), or null when nothing new may be; an offset this tracker does not know (a
     * stale one) changes nothing.
     */
    synchronized Map.Entry<Long, T> complete(long offset) {
        T handle = pending.remove(offset);
        if (handle == null) {
            return null;
        }
        finished.put(offset, handle);
        NavigableMap<Long, T> ready = pending.isEmpty() ? finished : finished.headMap(pending.firstKey(), false);
        if (ready.isEmpty()) {
            return null;
        }
        Map.Entry<Long, T> last = ready.lastEntry();
        ready.clear();
        return last;
    }

    /** Records tracked and not yet committable. */
    synchronized int size() {
        return pending.size() + finished.size();
    }
}
