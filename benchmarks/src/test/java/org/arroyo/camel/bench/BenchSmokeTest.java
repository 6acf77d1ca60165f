package org.arroyo.camel.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite in its smoke mode (a few hundred milliseconds per measurement, JMH in-process): every scenario yields
 * rows with positive numbers and the JSON is written. Says nothing about speed; it keeps the harness from rotting.
 */
class BenchSmokeTest {

    @Test
    void everyScenarioProducesPositiveRows(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("results.json");
        // every scenario but pva: in one run out of three or so the arroyo-pva route of the pva scenario gets no frame
        // at all from core-pva's server (issue 12, open; ArroyoPvaConsumerIT and PvaRoiCutIT cover the consumer)
        Set<String> scenarios = new HashSet<>(BenchMain.SCENARIOS);
        scenarios.remove("pva");
        List<Row> rows = BenchMain.run(Mode.smoke(), scenarios, json).rows();

        assertTrue(Files.size(json) > 0, "results.json written");
        for (Row row : rows) {
            assertFalse(row.isFailed(), () -> "failed: " + row);
        }
        for (String scenario : List.of("ceiling", "zmq relay (Java DSL)", "zmq relay (YAML)", "zmq relay (Camel floor)",
                "runner process relay", "runner process vs Python relay", "zmq relay + live view",
                "zmq relay latency (Java DSL)", "zmq PUB fan-out, 4 subs (1 slow)", "redis producer PUBLISH",
                "redis producer XADD", "redis stream group", "decode msgpack SAS", "decode msgpack-multipart",
                "ROI cut", "consumer exchange")) {
            // (a spread of rounds is 0 with the smoke mode's single round)
            List<Row> mine = rows.stream().filter(r -> r.scenario().startsWith(scenario)
                                                       && !r.metric().contains(Alternation.SPREAD)).toList();
            assertFalse(mine.isEmpty(), () -> "no row for " + scenario + " in " + rows);
            for (Row r : mine) {
                assertTrue(r.ours() > 0, () -> "ours not positive: " + r);
                assertTrue(Double.isNaN(r.raw()) || r.raw() > 0, () -> "raw not positive: " + r);
            }
        }
    }
}
