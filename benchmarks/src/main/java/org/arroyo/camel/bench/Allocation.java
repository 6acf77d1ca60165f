package org.arroyo.camel.bench;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated so far by the threads of this JVM that are alive (HotSpot's per-thread counters). The difference
 * over a trial, per message, is what the source, the hop and the sink allocated for each: the source and sink are the
 * same for every variant, so ours minus raw is what the hop adds.
 */
public final class Allocation {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {
    }

    public static long allocatedBytes() {
        long sum = 0;
        for (long bytes : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            if (bytes > 0) { // -1: a thread that ended meanwhile
                sum += bytes;
            }
        }
        return sum;
    }
}
