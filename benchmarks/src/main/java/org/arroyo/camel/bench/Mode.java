package org.arroyo.camel.bench;

import java.util.List;

/**
 * How long and how wide a run is: {@code full} for the numbers in BENCHMARKS.md, {@code quick} for a check under two
 * minutes, {@code smoke} for the unit test (seconds; numbers meaningless, only that every scenario yields a row).
 * {@code noisyRounds} is the number of rounds for the measurements that swing most from run to run on a shared
 * machine (latency percentiles, Redis), more than {@code rounds} so that their median holds.
 */
public record Mode(String name, List<Integer> relaySizes, int rounds, int noisyRounds, long warmupMillis,
                   long measureMillis, long latencyMillis, long fanoutMillis, int redisMessages,
                   int redisWarmupMessages, int jmhForks, int jmhIterations, long jmhIterationMillis,
                   long ceilingMillis, long deadlineSeconds) {

    static final int KIB = 1024;
    static final int MIB = 1024 * 1024;

    public static Mode full() {
        return new Mode("full", List.of(64, KIB, 64 * KIB, MIB, 4 * MIB, 16 * MIB), 5, 5, 1000, 2000, 3000, 2000, 50_000,
                50_000, 1, 5, 1000, 1000, 1800);
    }

    public static Mode quick() {
        return new Mode("quick", List.of(64, MIB, 4 * MIB), 2, 3, 300, 700, 1000, 800, 10_000, 50_000, 1, 2, 500,
                300, 240);
    }

    public static Mode smoke() {
        return new Mode("smoke", List.of(KIB), 1, 1, 100, 200, 300, 300, 1000, 1000, 0, 1, 100, 100, 120);
    }

    public static Mode named(String name) {
        return switch (name) {
            case "full" -> full();
            case "quick" -> quick();
            case "smoke" -> smoke();
            default -> throw new IllegalArgumentException("mode " + name + ": expected full, quick or smoke");
        };
    }

    /** Latency runs: (size, rate in Hz) at the fixed rates; the smoke mode offers far less. */
    public List<int[]> latencyPoints() {
        if (name.equals("smoke")) {
            return List.of(new int[] { KIB, 1000 });
        }
        return List.of(new int[] { KIB, 10_000 }, new int[] { MIB, 1000 });
    }
}
