package org.arroyo.camel.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The records of one batch, in arrival order, built by {@link BatchStrategy}. Iterable, so a producer that sends
 * iterables element by element (camel-kafka, {@code arroyo-redis}) sends a dead-lettered batch record by record.
 */
public final class Batch implements Iterable<Object> {

    private final List<Object> records = new ArrayList<>();
    private final long startedNanos;

    Batch(long startedNanos) {
        this.startedNanos = startedNanos;
    }

    void add(Object record) {
        records.add(record);
    }

    /** The records, read-only. */
    public List<Object> records() {
        return Collections.unmodifiableList(records);
    }

    public int size() {
        return records.size();
    }

    /** When the first (oldest) record arrived, {@link System#nanoTime()}. */
    public long startedNanos() {
        return startedNanos;
    }

    @Override
    public Iterator<Object> iterator() {
        return records().iterator();
    }

    @Override
    public String toString() {
        return records.toString();
    }
}
