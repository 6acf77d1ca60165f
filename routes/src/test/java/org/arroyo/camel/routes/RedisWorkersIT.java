package org.arroyo.camel.routes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.arroyo.camel.runner.RunnerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.arroyo.camel.routes.Workers.DEDUP_GROUP;
import static org.arroyo.camel.routes.Workers.WORKERS_GROUP;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workers of one Redis stream consumer group, each a runner process of its own ({@code redis-stream-worker.yaml} with an
 * operator that holds its thread about 2 ms a message), against the Redis on 127.0.0.1:6379: three workers reach at
 * least 2.5x one worker's throughput; one is killed with SIGKILL in the middle and the others claim its pending entries,
 * so every entry is processed (duplicates counted, none lost), and {@code redis-stream-dedup.yaml} behind them passes
 * each result on exactly once.
 */
class RedisWorkersIT {

    private static final int PORT = 6379;
    private static final int SOLO_ENTRIES = 3_000;
    private static final int ENTRIES = 30_000;

    private final String base = "arroyo-workers-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<RunnerProcess> runners = new ArrayList<>();
    private final WorkerStreams redis = new WorkerStreams(PORT);

    @BeforeAll
    static void redisIsRunning() {
        Services.require("Redis", PORT, "redis-server --daemonize yes --port 6379 --save ''");
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (RunnerProcess r : runners) {
            r.close();
        }
        redis.deleteAll(base);
        redis.close();
    }

    @Test
    void threeWorkersShareAStreamSurviveAKilledOneAndTheDedupPassesEachResultOnce() throws Exception {
        // one worker alone: the baseline
        String soloFrames = base + ":solo-frames";
        String soloResults = base + ":solo-results";
        redis.fill(soloFrames, SOLO_ENTRIES);
        RunnerProcess solo = started(Workers.worker("solo", PORT, soloFrames, soloResults));
        awaitLength(soloResults, SOLO_ENTRIES, solo);
        solo.close();
        // from the 500th result on: the worker's JVM is warm
        double oneWorker = WorkerStreams.rate(redis.ids(soloResults), 500, SOLO_ENTRIES - 1);

        // three workers; the dedup reads their results once they are all written, so that it does not take the
        // workers' CPU while their throughput is measured (2 cores here)
        String frames = base + ":frames";
        String results = base + ":results";
        String once = base + ":results-once";
        redis.fill(frames, ENTRIES);
        List<RunnerProcess> workers = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            workers.add(started(Workers.worker("worker-" + i, PORT, frames, results)));
        }
        // the window starts once all three read and are past their start-up (2,000 results on)
        await().atMost(Duration.ofSeconds(120)).until(() -> redis.consumers(frames, WORKERS_GROUP).size() == 3);
        long allReading = redis.length(results);
        awaitLength(results, allReading + 2_000, workers.toArray(RunnerProcess[]::new));
        long windowStart = redis.length(results);
        awaitLength(results, windowStart + 7_500, workers.toArray(RunnerProcess[]::new));
        long windowEnd = redis.length(results) - 1;

        String killed = "worker-2";
        workers.get(1).kill9();
        long pendingOfKilled = redis.consumers(frames, WORKERS_GROUP).getOrDefault(killed, 0L);
        assertTrue(pendingOfKilled > 0, "the killed worker held entries it had not acknowledged");

        await().atMost(Duration.ofSeconds(120)).until(() -> redis.pending(frames, WORKERS_GROUP) == 0
                                                            && redis.consumers(frames, WORKERS_GROUP).values()
                                                                    .stream().allMatch(p -> p == 0)
                                                            && redis.length(results) >= ENTRIES);
        started(Workers.dedup(PORT, results, once, base + ":seen"));
        await().atMost(Duration.ofSeconds(120)).until(() -> redis.length(once) >= ENTRIES
                                                            && redis.pending(results, DEDUP_GROUP) == 0);
        // nothing more comes: the dedup held back every repeated result
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> redis.length(once) == ENTRIES);

        List<String> ids = redis.ids(results);
        double threeWorkers = WorkerStreams.rate(ids, (int) windowStart, (int) windowEnd);
        Map<Long, Integer> processed = redis.frameCounts(results);
        Set<Long> lost = numbers(ENTRIES);
        lost.removeAll(processed.keySet());
        Map<Long, Integer> passedOn = redis.frameCounts(once);
        System.out.printf("redis workers: one worker %.0f msgs/s, three %.0f msgs/s (%.2fx); %s killed with %d "
                          + "entries pending; %d results for %d entries (%d duplicates, %d lost); after the dedup %d "
                          + "(%d repeated)%n", oneWorker, threeWorkers, threeWorkers / oneWorker, killed,
                pendingOfKilled, ids.size(), ENTRIES, ids.size() - processed.size(), lost.size(),
                redis.length(once), passedOn.values().stream().filter(c -> c > 1).count());

        assertEquals(Set.of(), lost, "every entry processed");
        assertEquals(numbers(ENTRIES), passedOn.keySet());
        assertEquals(ENTRIES, redis.length(once), "each result passed on once");
        assertTrue(threeWorkers >= 2.5 * oneWorker,
                String.format("three workers %.0f msgs/s, one %.0f msgs/s", threeWorkers, oneWorker));
    }

    private RunnerProcess started(RunnerProcess runner) {
        runners.add(runner);
        return runner;
    }

    private void awaitLength(String stream, long n, RunnerProcess... processes) {
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> redis.length(stream) >= n);
        } catch (RuntimeException e) {
            StringBuilder logs = new StringBuilder();
            for (RunnerProcess p : processes) {
                logs.append('\n').append(p.describe()).append(":\n").append(p.output());
            }
            throw new AssertionError(stream + " holds " + redis.length(stream) + " of " + n + logs, e);
        }
    }

    static Set<Long> numbers(int n) {
        Set<Long> all = new HashSet<>();
        for (long i = 0; i < n; i++) {
            all.add(i);
        }
        return all;
    }
}
