package org.arroyo.camel.metrics;

/** A consumer or producer that counts what it moves, for monitoring. */
public interface ArroyoStatsSource {

    /** Whether the counters are of messages {@code received} (a consumer) or {@code sent} (a producer). */
    enum Direction {
        RECEIVED,
        SENT
    }

    ArroyoStats getArroyoStats();

    Direction getArroyoDirection();
}
