package org.arroyo.camel.examples.kafka;

import org.arroyo.camel.test.kafka.KafkaTopics;
import org.arroyo.camel.test.kafka.KafkaBrokerExtension;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.aggregate.AggregateProcessor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.arroyo.camel.agent.Batch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kafka-agents.yaml against a real single-node Kafka (KRaft, in-process) and the Redis on 127.0.0.1:6379: the
 * chain parse -> summarize (batching) -> to JSON, its sinks, its dead letter topic, and at-least-once across a crash.
 * Every test has its own topics, group and Redis keys.
 */
class KafkaAgentsIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redis;

    private final List<CamelContext> contexts = new ArrayList<>();
    private KafkaTopics topics;
    private String id;
    private String input;
    private String results;
    private String dlt;
    private String group;

    @BeforeAll
    static void connectRedis() {
        redisClient = RedisClient.create("redis://127.0.0.1:6379");
        redis = redisClient.connect();
    }

    @AfterAll
    static void closeRedis() {
        redis.close();
        redisClient.shutdown();
    }

    @BeforeEach
    void topics() throws Exception {
        id = UUID.randomUUID().toString().substring(0, 8);
        input = "readings-" + id;
        results = "summaries-" + id;
        dlt = "readings-dlt-" + id;
        group = "agents-" + id;
        KAFKA.createTopics(input, results, dlt);
        topics = new KafkaTopics(KAFKA);
    }

    @AfterEach
    void stop() throws Exception {
        for (CamelContext c : contexts) {
            c.stop();
        }
        topics.close();
        redis.sync().del("arroyo-summaries-" + id, "arroyo-alerts-" + id);
    }

    private Map<String, String> props(int bufferSize, long timeout, boolean splitResults) {
        Map<String, String> p = new HashMap<>();
        p.put("kafka.brokers", KAFKA.bootstrapServers());
        p.put("agents.topic", input);
        p.put("agents.group", group);
        p.put("agents.results", results);
        p.put("agents.dlt", dlt);
        p.put("agents.redis.results", "arroyo-summaries-" + id);
        p.put("agents.alerts", "arroyo-alerts-" + id);
        p.put("agents.bufferSize", String.valueOf(bufferSize));
        p.put("agents.timeout", String.valueOf(timeout));
        p.put("agents.splitResults", String.valueOf(splitResults));
        p.put("agents.retries", "2");
        p.put("agents.retryDelay", "50");
        p.put("agents.sessionTimeoutMs", "3000");
        return p;
    }

    private CamelContext worker(Map<String, String> props) throws Exception {
        CamelContext context = AgentsWorker.start(props);
        contexts.add(context);
        return context;
    }

    @Test
    void aBatchCompletesAtBufferSizeAndItsResultsGoDownstreamOneByOne() throws Exception {
        worker(props(4, 60_000, true));
        topics.send(input, "s1,1", "s2,2", "s1,3", "s2,4", "s1,5", "s2,6", "s1,7", "s2,8");

        // sinks answer asynchronously: the second batch's results may overtake the first's
        assertEquals(Set.of(
                "{\"summary\":\"s1 n=2 mean=2.000 max=3.000\"}",
                "{\"summary\":\"s2 n=2 mean=3.000 max=4.000\"}",
                "{\"summary\":\"s1 n=2 mean=6.000 max=7.000\"}",
                "{\"summary\":\"s2 n=2 mean=7.000 max=8.000\"}"), Set.copyOf(topics.values(results, 4)));
        await().atMost(Duration.ofSeconds(20)).until(() -> topics.committed(group, input) == 8);
    }

    @Test
    void withoutSplitResultsABatchsResultsTravelAsOneMessage() throws Exception {
        worker(props(4, 60_000, false));
        topics.send(input, "s1,1", "s2,2", "s1,3", "s2,4");

        assertEquals(List.of("{\"summaries\":[\"s1 n=2 mean=2.000 max=3.000\",\"s2 n=2 mean=3.000 max=4.000\"]}"),
                topics.values(results, 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> topics.committed(group, input) == 4);
    }

    @Test
    void aBatchCompletesWhenItsOldestRecordIsTimeoutOldEvenWhileRecordsKeepComing() throws Exception {
        worker(props(1000, 1000, true));
        int sent = 15;
        for (int i = 1; i <= sent; i++) {
            topics.send(input, "s1," + i);
            Thread.sleep(200);   // a steady trickle: an idle timeout would never fire while it lasts
        }

        List<Integer> sizes = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            sizes.clear();
            for (ConsumerRecord<String, String> r : topics.read(results, 1)) {
                sizes.add(Integer.parseInt(r.value().replaceAll(".* n=(\\d+) .*", "$1")));
            }
            return sizes.stream().mapToInt(Integer::intValue).sum() == sent;
        });
        assertTrue(sizes.size() >= 2, "batches closed by their deadline while records kept coming: " + sizes);
        assertTrue(sizes.stream().allMatch(n -> n < sent), "no batch waited for the trickle to end: " + sizes);
    }

    @Test
    void aFailingAgentSendsItsInputToTheDeadLetterTopicAndTheWorkerGoesOn() throws Exception {
        worker(props(2, 60_000, true));
        topics.send(input, "s1,1", "garbage", "s1,3");

        ConsumerRecord<String, String> dead = topics.read(dlt, 1).get(0);
        assertEquals("garbage", dead.value());
        String error = new String(dead.headers().lastHeader("arroyo-error").value());
        assertEquals("IllegalArgumentException: not a reading 'sensor,value': garbage", error);
        assertEquals(List.of("{\"summary\":\"s1 n=2 mean=2.000 max=3.000\"}"), topics.values(results, 1));
        // the dead-lettered record counts as handled: the group commits past it
        await().atMost(Duration.ofSeconds(20)).until(() -> topics.committed(group, input) == 3);
    }

    @Test
    void aFailingBatchingAgentSendsItsBatchsRecordsToTheDeadLetterTopicOneByOne() throws Exception {
        // the alerts sink is a Redis key of the wrong type: the summarizer fails for a batch that raises an alert
        redis.sync().set("arroyo-alerts-" + id, "not a stream");
        worker(props(2, 60_000, true));
        topics.send(input, "s1,1", "s1,500", "s2,2", "s2,3");

        // batch 1 (s1,1 s1,500) raises an alert whose sink fails: after the retries its records are dead-lettered,
        // each as a record of its own
        List<ConsumerRecord<String, String>> dead = topics.read(dlt, 2);
        assertEquals(List.of("s1,1.000", "s1,500.000"), dead.stream().map(ConsumerRecord::value).toList());
        String error = new String(dead.get(0).headers().lastHeader("arroyo-error").value());
        assertTrue(error.contains("WRONGTYPE"), error);
        // batch 2 raises no alert and goes through; every offset is committed, the dead-lettered ones too
        assertEquals(List.of("{\"summary\":\"s2 n=2 mean=2.500 max=3.000\"}"), topics.values(results, 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> topics.committed(group, input) == 4);
    }

    @Test
    void resultsReachTheKafkaTopicTheRedisStreamAndTheNamedSink() throws Exception {
        Map<String, String> p = props(2, 60_000, true);
        p.put("agents.alertAbove", "50");
        worker(p);
        topics.send(input, "s1,10", "s1,90");

        String summary = "{\"summary\":\"s1 n=2 mean=50.000 max=90.000\"}";
        assertEquals(List.of(summary), topics.values(results, 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> redisValues("arroyo-summaries-" + id).size() == 1);
        assertEquals(List.of(summary), redisValues("arroyo-summaries-" + id));
        await().atMost(Duration.ofSeconds(10)).until(() -> redisValues("arroyo-alerts-" + id).size() == 1);
        assertEquals(List.of("ALERT s1 max=90.000"), redisValues("arroyo-alerts-" + id));
    }

    @Test
    void aPartialBatchIsFlushedAndCommittedOnShutdown() throws Exception {
        CamelContext context = worker(props(100, 600_000, true));
        topics.send(input, "s1,1", "s1,2", "s1,3");
        AggregateProcessor batches = context.getProcessor("summarize-batches", AggregateProcessor.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            var batch = batches.getAggregationRepository().get(context, "batch");
            return batch != null && batch.getMessage().getBody(Batch.class).size() == 3;
        });

        context.stop();

        assertEquals(List.of("{\"summary\":\"s1 n=3 mean=2.000 max=3.000\"}"), topics.values(results, 1));
        // Camel completes the batch while the consumer still polls, so its offsets are committed too
        await().atMost(Duration.ofSeconds(10)).until(() -> topics.committed(group, input) == 3);
    }

    @Test
    void aCrashMidBatchDeliversTheUncommittedRecordsAgainAndOnlyThose() throws Exception {
        Process crashing = startWorkerProcess(props(3, 600_000, true));
        try {
            topics.send(input, "s1,1", "s1,2", "s1,3", "s1,4", "s1,5");
            assertTrue(crashing.isAlive(), "the worker process runs (see target/crashing-worker.log)");
            assertEquals(List.of("{\"summary\":\"s1 n=3 mean=2.000 max=3.000\"}"), topics.values(results, 1));
            await().atMost(Duration.ofSeconds(20)).until(() -> topics.committed(group, input) == 3);
        } finally {
            crashing.destroyForcibly().waitFor(10, TimeUnit.SECONDS);   // kill -9: readings 4 and 5 were in a batch
        }

        worker(props(3, 1000, true));
        topics.send(input, "s1,6");

        await().atMost(Duration.ofSeconds(30)).until(() -> topics.committed(group, input) == 6);
        assertEquals(List.of(
                "{\"summary\":\"s1 n=3 mean=2.000 max=3.000\"}",
                "{\"summary\":\"s1 n=3 mean=5.000 max=6.000\"}"), topics.values(results, 2));
    }

    private List<String> redisValues(String key) {
        return redis.sync().xrange(key, Range.create("-", "+")).stream()
                .map(StreamMessage::getBody).map(b -> b.get("f0")).toList();
    }

    private static Process startWorkerProcess(Map<String, String> props) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), AgentsWorker.class.getName()));
        props.forEach((k, v) -> command.add(k + "=" + v));
        File log = Path.of("target", "crashing-worker.log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }
}
