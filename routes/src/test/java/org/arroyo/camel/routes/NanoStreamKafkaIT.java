package org.arroyo.camel.routes;

import org.arroyo.camel.test.kafka.KafkaTopics;
import org.arroyo.camel.test.kafka.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * NanoStream's DAG (routes/nanostream-dag.yaml) with its Kafka leg switched on, against a real broker: 100 files in,
 * 100 transformed files out and 100 Kafka records, every one exactly once.
 */
class NanoStreamKafkaIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void hundredFilesGiveHundredFilesAndHundredRecords() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path out = dir.resolve("out");
        String topic = "nanostream-" + System.nanoTime();
        Properties props = new Properties();
        props.put("nanostream.in", in.toString());
        props.put("nanostream.out", out.toString());
        props.put("nanostream.kafka.enabled", "true");
        props.put("nanostream.kafka.topic", topic);
        props.put("nanostream.kafka.brokers", KAFKA.bootstrapServers());
        try (CamelContext context = new DefaultCamelContext(); KafkaTopics topics = new KafkaTopics(KAFKA)) {
            context.getPropertiesComponent().setOverrideProperties(props);
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context,
                    "file:" + Path.of("../routes/nanostream-dag.yaml").toAbsolutePath()));
            context.start();

            Set<String> expected = new HashSet<>();
            for (int i = 0; i < 100; i++) {
                String text = "reading number " + i;
                expected.add(text.toUpperCase());
                // written aside and moved in whole, as the route asks of producers
                Path part = in.resolve("f" + i + ".tmp");
                Files.writeString(part, text);
                Files.move(part, in.resolve("f" + i + ".txt"), StandardCopyOption.ATOMIC_MOVE);
            }
            await().atMost(60, TimeUnit.SECONDS).until(() -> count(out) == 100);
            List<String> records = topics.values(topic, 100);
            assertEquals(expected, new HashSet<>(records), "every file's upper-cased contents");
            // nothing arrives twice: let the watcher poll a few more times, then count again
            await().pollDelay(1500, TimeUnit.MILLISECONDS).atMost(3, TimeUnit.SECONDS).until(() -> true);
            assertEquals(100, topics.read(topic, 100).size(), "each file produced exactly one record");
            assertEquals(100, count(out));
            for (int i = 0; i < 100; i++) {
                assertEquals(("reading number " + i).toUpperCase(),
                        Files.readString(out.resolve("f" + i + ".txt"), StandardCharsets.UTF_8));
            }
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
