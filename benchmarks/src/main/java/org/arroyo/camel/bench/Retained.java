package org.arroyo.camel.bench;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * What this JVM holds after a full GC: heap in use and direct buffers not yet freed. Taken before and after a
 * scenario's rounds, the two say whether the runs left anything behind.
 */
public final class Retained {

    private Retained() {
    }

    /** Heap bytes in use after a full GC. */
    public static long heapBytes() {
        collect();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Bytes of direct buffers still allocated after full GCs, once their cleaners have run (at most ~1 s). */
    public static long directBytes() throws InterruptedException {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            collect();
            long now = direct();
            if (now >= last) {
                return now;
            }
            last = now;
            Thread.sleep(100); // the cleaners free direct memory after the GC, on their own thread
        }
        return last;
    }

    private static long direct() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(p -> p.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    private static void collect() {
        System.gc();
        System.gc();
    }
}
