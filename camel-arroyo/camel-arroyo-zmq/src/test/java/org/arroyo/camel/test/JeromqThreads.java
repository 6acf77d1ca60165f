package org.arroyo.camel.test;

import java.util.List;

/** The live threads JeroMQ and our components start, to check that a stop left none behind. */
public final class JeromqThreads {

    private JeromqThreads() {
    }

    public static List<String> alive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("reaper-") || n.startsWith("iothread-") || n.contains("ArroyoZmq"))
                .sorted()
                .toList();
    }
}
