package org.arroyo.camel.routes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.runner.RunnerProcess;

/** The workers tests' runner processes: a worker of redis-stream-worker.yaml, the dedup of redis-stream-dedup.yaml. */
final class Workers {

    /** The group of the workers (the worker route's default) and of the dedup (the dedup route's default). */
    static final String WORKERS_GROUP = "reducers";
    static final String DEDUP_GROUP = "dedup";

    private static final String OPERATOR = "src/test/resources/workers/two-millisecond-operator.yaml";

    private Workers() {
    }

    /** A worker named name, with an operator of about 2 ms a message; others claim its entries 2 s after it died. */
    static RunnerProcess worker(String name, int redisPort, String frames, String results) throws IOException {
        return run(List.of("redis-stream-worker.yaml", OPERATOR), Map.of(
                "arroyo.redis.port", Integer.toString(redisPort), "arroyo.stream", frames, "arroyo.results", results,
                "arroyo.worker", name, "arroyo.claimIdle", "2000",
                "arroyo.worker.operator", "direct:two-millisecond-operator"));
    }

    /** The dedup behind the workers: results in, each passed on once to output; what it saw under seenPrefix. */
    static RunnerProcess dedup(int redisPort, String results, String output, String seenPrefix) throws IOException {
        return run(List.of("redis-stream-dedup.yaml"), Map.of(
                "arroyo.redis.port", Integer.toString(redisPort), "arroyo.results", results, "arroyo.output", output,
                "arroyo.dedup.prefix", seenPrefix));
    }

    private static RunnerProcess run(List<String> files, Map<String, String> props) throws IOException {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(files);
        // several runners on one machine: no management server on the shared port
        args.addAll(List.of("--prop", "camel.management.enabled=false"));
        props.forEach((k, v) -> args.addAll(List.of("--prop", k + "=" + v)));
        return RunnerProcess.start(args.toArray(String[]::new));
    }
}
