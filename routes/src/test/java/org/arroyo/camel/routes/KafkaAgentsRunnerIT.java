package org.arroyo.camel.routes;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.arroyo.camel.runner.RunnerProcess;
import org.arroyo.camel.test.kafka.KafkaBrokerExtension;
import org.arroyo.camel.test.kafka.KafkaTopics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * routes/kafka-agents.yaml (Simple-Stream-Processor's worker) run by the runner jar alone against a real Kafka (the
 * in-process KRaft broker, its bootstrap passed with --prop) and the Redis on 127.0.0.1:6379: readings go through
 * parse -> summarize (batches of 4) -> to JSON into the results topic and the Redis stream, an alert reaches the
 * named sink, a bad reading reaches the dead letter topic with its error, and every offset is committed.
 */
class KafkaAgentsRunnerIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @BeforeAll
    static void redisIsRunning() {
        Services.require("Redis", 6379, "redis-server --daemonize yes");
    }

    @Test
    void theRunnerJarRunsTheAgentChainIntoKafkaRedisAndTheDeadLetterTopic() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String input = "readings-" + id;
        String results = "summaries-" + id;
        String dlt = "readings-dlt-" + id;
        String group = "agents-" + id;
        String redisResults = "arroyo-summaries-" + id;
        String redisAlerts = "arroyo-alerts-" + id;
        KAFKA.createTopics(input, results, dlt);
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (KafkaTopics topics = new KafkaTopics(KAFKA);
             StatefulRedisConnection<String, String> redis = client.connect();
             RunnerProcess runner = RunnerProcess.start("run", "kafka-agents.yaml",
                     "--prop", "kafka.brokers=" + KAFKA.bootstrapServers(),
                     "--prop", "agents.topic=" + input, "--prop", "agents.group=" + group,
                     "--prop", "agents.results=" + results, "--prop", "agents.dlt=" + dlt,
                     "--prop", "agents.redis.results=" + redisResults, "--prop", "agents.alerts=" + redisAlerts,
                     "--prop", "agents.bufferSize=4", "--prop", "agents.timeout=60000",
                     "--prop", "agents.alertAbove=50", "--prop", "agents.retries=2",
                     "--prop", "agents.retryDelay=50", "--prop", "camel.management.enabled=false")) {
            try {
                // the consumer starts from the earliest offset: the records may go in before it has joined
                topics.send(input, "s1,1", "s2,2", "garbage", "s1,3", "s2,4", "s1,10", "s1,90", "s2,5", "s2,6");

                Set<String> summaries = Set.of(
                        "{\"summary\":\"s1 n=2 mean=2.000 max=3.000\"}",
                        "{\"summary\":\"s2 n=2 mean=3.000 max=4.000\"}",
                        "{\"summary\":\"s1 n=2 mean=50.000 max=90.000\"}",
                        "{\"summary\":\"s2 n=2 mean=5.500 max=6.000\"}");
                // the sinks answer asynchronously: batches' results may overtake each other
                assertEquals(summaries, Set.copyOf(topics.values(results, 4)));
                await().atMost(Duration.ofSeconds(30)).until(() -> values(redis, redisResults).size() == 4);
                assertEquals(summaries, Set.copyOf(values(redis, redisResults)));
                await().atMost(Duration.ofSeconds(30)).until(() -> values(redis, redisAlerts).size() == 1);
                assertEquals(List.of("ALERT s1 max=90.000"), values(redis, redisAlerts));

                ConsumerRecord<String, String> dead = topics.read(dlt, 1).get(0);
                assertEquals("garbage", dead.value());
                assertEquals("IllegalArgumentException: not a reading 'sensor,value': garbage",
                        new String(dead.headers().lastHeader("arroyo-error").value()));
                // at-least-once bookkeeping: the group commits past every record, the dead-lettered one too
                await().atMost(Duration.ofSeconds(30)).until(() -> topics.committed(group, input) == 9);
                assertEquals(4, topics.read(results, 4).size(), "no summary twice");
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\nrunner output:\n" + runner.output(), e);
            } finally {
                redis.sync().del(redisResults, redisAlerts);
            }
            int exit = runner.stop(Duration.ofSeconds(30));
            assertTrue(exit == 0 || exit == 143, "a graceful stop on SIGTERM, exit " + exit + "\n" + runner.output());
        } finally {
            client.shutdown();
        }
    }

    private static List<String> values(StatefulRedisConnection<String, String> redis, String key) {
        return redis.sync().xrange(key, Range.create("-", "+")).stream()
                .map(StreamMessage::getBody).map(b -> b.get("f0")).toList();
    }
}
