package org.arroyo.camel.routes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.arroyo.camel.runner.RunnerProcess;
import org.arroyo.camel.test.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.arroyo.camel.routes.Workers.DEDUP_GROUP;
import static org.arroyo.camel.routes.Workers.WORKERS_GROUP;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Chaos, bounded in count and time, on loopback: three workers and the dedup (runner processes) on a private Redis with
 * its append-only file synced at every write; for N cycles, once the results have moved on, a random worker is killed
 * with SIGKILL and started again under its name, and in the middle cycle Redis itself is killed and restarted. At the
 * end every entry has been processed (zero lost, before and after the dedup); duplicates are reported.
 * <p>
 * The short run is part of {@code ./mvnw verify}; the long one:
 * {@code ./mvnw -B verify -pl routes -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RedisChaosIT
 * -Dfailsafe.failIfNoSpecifiedTests=false -Darroyo.chaos.cycles=30 -Darroyo.chaos.entries=150000} (and {@code -Darroyo.chaos.seed=S} to repeat one).
 */
class RedisChaosIT {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension(true);

    private final int cycles = Integer.getInteger("arroyo.chaos.cycles", 4);
    private final int entries = Integer.getInteger("arroyo.chaos.entries", 12_000);
    private final long seed = Long.getLong("arroyo.chaos.seed", System.nanoTime());
    private final List<RunnerProcess> runners = new ArrayList<>();
    private WorkerStreams redis;

    @BeforeEach
    void connect() {
        redis = new WorkerStreams(REDIS.port());
    }

    @AfterEach
    void stopAll() throws Exception {
        for (RunnerProcess r : runners) {
            r.close();
        }
        redis.close();
    }

    @Test
    void killedWorkersAndARestartedRedisLoseNothing() throws Exception {
        String frames = "chaos:frames";
        String results = "chaos:results";
        String once = "chaos:results-once";
        redis.fill(frames, entries);
        long started = System.nanoTime();
        runners.add(Workers.dedup(REDIS.port(), results, once, "chaos:seen"));
        RunnerProcess[] workers = new RunnerProcess[3];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = worker(i);
        }
        Random random = new Random(seed);
        int kills = 0;
        for (int cycle = 0; cycle < cycles; cycle++) {
            long before = redis.length(results);
            long progress = entries / (cycles + 2);
            // a fault only once the pipeline has moved on since the last one
            await().atMost(Duration.ofSeconds(120)).until(() -> redis.length(results) >= before + progress);
            if (cycle == cycles / 2) {
                REDIS.restart();
            } else {
                int victim = random.nextInt(workers.length);
                workers[victim].kill9();
                workers[victim] = worker(victim);
                kills++;
            }
        }
        await().atMost(Duration.ofSeconds(180)).until(() -> redis.length(once) >= entries
                                                            && redis.pending(frames, WORKERS_GROUP) == 0
                                                            && redis.pending(results, DEDUP_GROUP) == 0);
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        Map<Long, Integer> processed = redis.frameCounts(results);
        Map<Long, Integer> passedOn = redis.frameCounts(once);
        Set<Long> lost = RedisWorkersIT.numbers(entries);
        lost.removeAll(processed.keySet());
        Set<Long> lostAfterDedup = RedisWorkersIT.numbers(entries);
        lostAfterDedup.removeAll(passedOn.keySet());
        long resultCount = redis.length(results);
        System.out.printf("redis chaos: seed %d, %d cycles (%d worker kills, 1 Redis restart) in %d s; %d entries, %d "
                          + "results (%d duplicates, %d lost); after the dedup %d (%d repeated, %d lost)%n", seed,
                cycles, kills, seconds, entries, resultCount, resultCount - processed.size(), lost.size(),
                redis.length(once), redis.length(once) - passedOn.size(), lostAfterDedup.size());

        assertEquals(Set.of(), lost, "every entry processed (seed " + seed + ")");
        assertEquals(Set.of(), lostAfterDedup, "every result passed on by the dedup (seed " + seed + ")");
    }

    private RunnerProcess worker(int i) throws Exception {
        RunnerProcess worker = Workers.worker("worker-" + (i + 1), REDIS.port(), "chaos:frames", "chaos:results");
        runners.add(worker);
        return worker;
    }
}
