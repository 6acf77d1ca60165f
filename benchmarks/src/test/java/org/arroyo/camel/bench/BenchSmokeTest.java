package org.arroyo.camel.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
        List<Row> rows = BenchMain.run(Mode.smoke(), Set.copyOf(BenchMain.SCENARIOS), json).rows();

        assertTrue(Files.size(json) > 0, "results.json written");
        for (Row row : rows) {
            assertFalse(row.isFailed(), () -> "failed: " + row);
        }
        for (String scenario : List.of("ceiling", "zmq relay (Java DSL)", "zmq relay (YAML)", "zmq relay (Camel floor)",
                "runner process relay", "runner process vs Python relay", "zmq relay + live view",
                "zmq relay latency (Java DSL)", "zmq PUB fan-out, 4 subs (1 slow)", "redis producer PUBLISH",
                "redis producer XADD", "redis stream group", "decode msgpack SAS", "decode msgpack-multipart",
                "ROI cut", "consumer exchange", "pva monitor")) {
            // (a spread of rounds is 0 with the smoke mode's single round; missed frames are 0 when none is missed)
            List<Row> mine = rows.stream().filter(r -> r.scenario().startsWith(scenario)
                                                       && !r.metric().contains(Alternation.SPREAD)
                                                       && !r.metric().startsWith("missed")).toList();
            assertFalse(mine.isEmpty(), () -> "no row for " + scenario + " in " + rows);
            for (Row r : mine) {
                assertTrue(r.ours() > 0, () -> "ours not positive: " + r);
                assertTrue(Double.isNaN(r.raw()) || r.raw() > 0, () -> "raw not positive: " + r);
            }
        }
    }
}
