package org.arroyo.camel.test.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import static org.awaitility.Awaitility.await;

/** Test-side Kafka clients: send records, read a topic from the beginning, read a group's committed offset. */
public final class KafkaTopics implements AutoCloseable {

    private final KafkaBrokerExtension kafka;
    private final KafkaProducer<String, String> producer;

    public KafkaTopics(KafkaBrokerExtension kafka) {
        this.kafka = kafka;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    public void send(String topic, String... values) throws Exception {
        for (String v : values) {
            producer.send(new ProducerRecord<>(topic, v)).get(10, TimeUnit.SECONDS);
        }
    }

    /** Waits until the topic (one partition) holds at least {@code count} records and returns all of them. */
    public List<ConsumerRecord<String, String>> read(String topic, int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            });
        }
        return records;
    }

    public List<String> values(String topic, int count) {
        return read(topic, count).stream().map(ConsumerRecord::value).toList();
    }

    /** The group's committed offset of the topic's partition 0, or -1. */
    public long committed(String group, String topic) throws Exception {
        try (var admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata o = offsets.get(new TopicPartition(topic, 0));
            return o == null ? -1 : o.offset();
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
