package org.arroyo.camel.routes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.arroyo.camel.runner.RunnerProcess;
import org.arroyo.camel.test.kafka.KafkaBrokerExtension;
import org.arroyo.camel.test.kafka.KafkaTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NanoStream's DAG (routes/nanostream-dag.yaml) with its Kafka leg on, run by the runner jar alone (its bundled
 * camel-kafka) against the in-process KRaft broker: 50 files in, 50 upper-cased files out and 50 Kafka records holding
 * exactly the files' upper-cased contents, each once.
 */
class NanoStreamRunnerIT {

    private static final int FILES = 50;

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void theRunnerJarSendsEveryFileToKafkaOnce() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path out = dir.resolve("out");
        String topic = "nanostream-runner-" + System.nanoTime();
        KAFKA.createTopics(topic);
        try (KafkaTopics topics = new KafkaTopics(KAFKA);
             RunnerProcess runner = RunnerProcess.start("run", "nanostream-dag.yaml",
                     "--prop", "nanostream.in=" + in, "--prop", "nanostream.out=" + out,
                     "--prop", "nanostream.kafka.enabled=true", "--prop", "nanostream.kafka.topic=" + topic,
                     "--prop", "nanostream.kafka.brokers=" + KAFKA.bootstrapServers(),
                     "--prop", "camel.management.enabled=false")) {
            try {
                Set<String> expected = new HashSet<>();
                for (int i = 0; i < FILES; i++) {
                    String text = "reading number " + i;
                    expected.add(text.toUpperCase());
                    // written aside and moved in whole, as the route asks of producers
                    Path part = in.resolve("f" + i + ".tmp");
                    Files.writeString(part, text);
                    Files.move(part, in.resolve("f" + i + ".txt"), StandardCopyOption.ATOMIC_MOVE);
                }
                await().atMost(90, TimeUnit.SECONDS).until(() -> count(out) == FILES);
                assertEquals(expected, new HashSet<>(topics.values(topic, FILES)), "every file's upper-cased contents");
                // nothing arrives twice: let the watcher poll a few more times, then count again
                await().pollDelay(1500, TimeUnit.MILLISECONDS).atMost(3, TimeUnit.SECONDS).until(() -> true);
                assertEquals(FILES, topics.read(topic, FILES).size(), "each file produced exactly one record");
                assertEquals(FILES, count(out));
                for (int i = 0; i < FILES; i++) {
                    assertEquals(("reading number " + i).toUpperCase(),
                            Files.readString(out.resolve("f" + i + ".txt"), StandardCharsets.UTF_8));
                }
                assertTrue(runner.output().contains("wrote: "), "the printer heard from the writer\n"
                                                                + runner.output());
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\nrunner output:\n" + runner.output(), e);
            }
            int exit = runner.stop(Duration.ofSeconds(30));
            assertTrue(exit == 0 || exit == 143, "a graceful stop on SIGTERM, exit " + exit + "\n" + runner.output());
        }
    }

    private static long count(Path out) throws Exception {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.toString().endsWith(".txt")).count();
        }
    }
}
