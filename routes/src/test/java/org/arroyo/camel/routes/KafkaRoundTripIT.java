package org.arroyo.camel.routes;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.test.kafka.KafkaBrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * routes/kafka-from-zmq.yaml and routes/kafka-to-zmq.yaml (camel-kafka) against a real single-node Kafka (KRaft,
 * in-process, the test-jar's broker): a one-partition topic and a consumer group of their own (see
 * {@link BrokerRoundTrip}); and a whole run in the raw codec, its kinds and metadata in Kafka record headers.
 */
class KafkaRoundTripIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void aRunCrossesKafkaIntoTheRoiCutByteForByte() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String topic = "arroyo-it-" + id;
        KAFKA.createTopics(topic);
        try (KafkaProducer<byte[], byte[]> injector = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            BrokerRoundTrip.check("kafka", Map.of("arroyo.kafka.brokers", KAFKA.bootstrapServers(),
                    "arroyo.kafka.topic", topic, "arroyo.kafka.group", "arroyo-it-" + id),
                    payload -> injector.send(new ProducerRecord<>(topic, payload)).get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void rawPayloadsCarryARunWithMetadataInRecordHeaders() throws Exception {
        String topic = "arroyo-it-headers-" + UUID.randomUUID().toString().substring(0, 8);
        KAFKA.createTopics(topic);
        String kafka = "kafka:" + topic + "?brokers=" + KAFKA.bootstrapServers();
        String format = "dataformat:arroyo:%s?codec=raw&metadataHeaders=true";
        List<ArroyoMessage> received = new CopyOnWriteArrayList<>();
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:run").to(String.format(format, "marshal")).convertBodyTo(byte[].class)
                            .to(kafka + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer");
                    from(kafka + "&groupId=" + topic + "&autoOffsetReset=earliest"
                         + "&valueDeserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
                            .to(String.format(format, "unmarshal"))
                            .process(e -> received.add(e.getMessage().getBody(ArroyoMessage.class)));
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            template.sendBody("direct:run", Start.of(Map.of("run_name", "raw-run")));
            template.sendBody("direct:run", Event.ofBytes(Map.of("frame_number", 0L, "tiled_url", "http://t/0"),
                    ByteBuffer.wrap(new byte[] { 1, 2, 3, 4 })));
            template.sendBody("direct:run", Stop.of(Map.of("num_frames", 1L)));
            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == 3);
        }
        // raw has no bytes for a Start or Stop: the record headers carried them (values come back as text)
        assertEquals(Map.of("run_name", "raw-run"), assertInstanceOf(Start.class, received.get(0)).getData());
        Event event = assertInstanceOf(Event.class, received.get(1));
        assertEquals(ByteBuffer.wrap(new byte[] { 1, 2, 3, 4 }), event.getPayload());
        assertEquals(Map.of("frame_number", "0", "tiled_url", "http://t/0"), event.getMetadata());
        assertEquals(Map.of("num_frames", "1"), assertInstanceOf(Stop.class, received.get(2)).getData());
    }
}
