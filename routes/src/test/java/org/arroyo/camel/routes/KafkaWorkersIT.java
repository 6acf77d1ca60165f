package org.arroyo.camel.routes;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.runner.RunnerProcess;
import org.arroyo.camel.test.kafka.KafkaBrokerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workers of one Kafka consumer group ({@code kafka-worker.yaml}, each a runner process, an operator of about 2 ms a
 * record) on a topic of six partitions of the in-process KRaft broker: one worker is killed with SIGKILL in the middle
 * of its batch, the group rebalances its partitions to the other two, which process again what it had not committed:
 * every record reaches the results topic (duplicates counted, none lost).
 */
class KafkaWorkersIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final int RECORDS = 30_000;
    private static final String OPERATOR = "src/test/resources/workers/two-millisecond-operator.yaml";

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String frames = "frames-" + id;
    private final String results = "results-" + id;
    private final List<RunnerProcess> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() throws Exception {
        for (RunnerProcess w : workers) {
            w.close();
        }
    }

    @Test
    void aWorkerKilledMidBatchLosesNothingTheGroupRebalances() throws Exception {
        try (Admin admin = KAFKA.admin()) {
            admin.createTopics(List.of(new NewTopic(frames, 6, (short) 1), new NewTopic(results, 1, (short) 1)))
                    .all().get();
        }
        produce();
        for (int i = 1; i <= 3; i++) {
            workers.add(RunnerProcess.start("run", "kafka-worker.yaml", OPERATOR,
                    "--prop", "camel.management.enabled=false",
                    "--prop", "arroyo.kafka.brokers=" + KAFKA.bootstrapServers(),
                    "--prop", "arroyo.kafka.topic=" + frames, "--prop", "arroyo.kafka.results=" + results,
                    "--prop", "arroyo.group=workers-" + id, "--prop", "arroyo.kafka.sessionTimeoutMs=6000",
                    "--prop", "arroyo.worker.operator=direct:two-millisecond-operator"));
        }
        try (KafkaConsumer<byte[], byte[]> reader = reader()) {
            List<Long> numbers = new ArrayList<>();
            long[] firstAndLast = new long[2];
            readUntil(reader, numbers, firstAndLast, RECORDS / 3);
            workers.get(1).kill9();
            long killedAt = numbers.size();
            readUntil(reader, numbers, firstAndLast, RECORDS);
            // what the killed worker had not committed comes again after the rebalance: wait until the group is done
            await().atMost(Duration.ofSeconds(120)).until(() -> lag() == 0);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(20))
                    .until(() -> poll(reader, numbers, firstAndLast) == 0);

            Map<Long, Integer> counts = new HashMap<>();
            numbers.forEach(n -> counts.merge(n, 1, Integer::sum));
            Set<Long> lost = RedisWorkersIT.numbers(RECORDS);
            lost.removeAll(counts.keySet());
            double rate = numbers.size() * 1000.0 / Math.max(1, firstAndLast[1] - firstAndLast[0]);
            System.out.printf("kafka workers: 3 workers, 6 partitions, %d records; worker-2 killed after %d results; "
                              + "%d results (%d duplicates, %d lost), %.0f results/s over the whole run%n", RECORDS,
                    killedAt, numbers.size(), numbers.size() - counts.size(), lost.size(), rate);
            assertEquals(Set.of(), lost, "every record processed\n" + workers.get(0).output());
            assertTrue(workers.get(0).isAlive() && workers.get(2).isAlive(), "the others went on");
        } catch (AssertionError | RuntimeException e) {
            StringBuilder logs = new StringBuilder();
            for (RunnerProcess w : workers) {
                logs.append('\n').append(w.describe()).append(":\n").append(w.output());
            }
            throw new AssertionError(e.getMessage() + logs, e);
        }
    }

    /** The records, keyed by frame number so they spread over the partitions, msgpack as the workers read them. */
    private void produce() throws Exception {
        MsgpackCodec codec = new MsgpackCodec();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (long n = 0; n < RECORDS; n++) {
                ByteBuffer frame = codec.encode(Event.ofMetadata(Map.of("frame_number", n, "detector", "sim"))).get(0);
                byte[] bytes = new byte[frame.remaining()];
                frame.get(bytes);
                sent.add(producer.send(new ProducerRecord<>(frames, Long.toString(n), bytes)));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private KafkaConsumer<byte[], byte[]> reader() {
        KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        TopicPartition tp = new TopicPartition(results, 0);
        reader.assign(List.of(tp));
        reader.seekToBeginning(List.of(tp));
        return reader;
    }

    private void readUntil(KafkaConsumer<byte[], byte[]> reader, List<Long> numbers, long[] firstAndLast, int n) {
        await().atMost(Duration.ofSeconds(180)).until(() -> {
            poll(reader, numbers, firstAndLast);
            return numbers.size() >= n;
        });
    }

    /** Reads what arrived; returns how many; keeps the first and the last record's time. */
    private int poll(KafkaConsumer<byte[], byte[]> reader, List<Long> numbers, long[] firstAndLast) {
        MessageDecoder decoder = new MsgpackCodec().newDecoder();
        int read = 0;
        for (var record : reader.poll(Duration.ofMillis(200))) {
            Event event = (Event) decoder.decode(List.of(ByteBuffer.wrap(record.value())));
            numbers.add(((Number) event.getMetadata().get("frame_number")).longValue());
            if (firstAndLast[0] == 0) {
                firstAndLast[0] = record.timestamp();
            }
            firstAndLast[1] = record.timestamp();
            read++;
        }
        return read;
    }

    /** Records of the frames topic the group has not committed yet. */
    private long lag() throws Exception {
        try (Admin admin = KAFKA.admin()) {
            var committed = admin.listConsumerGroupOffsets("workers-" + id).partitionsToOffsetAndMetadata().get();
            long lag = 0;
            for (int p = 0; p < 6; p++) {
                var offset = committed.get(new TopicPartition(frames, p));
                lag += RECORDS / 6 - (offset == null ? 0 : offset.offset());
            }
            return lag;
        }
    }
}
