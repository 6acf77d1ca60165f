package org.arroyo.camel.routes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.arroyo.camel.test.kafka.KafkaBrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import static org.arroyo.camel.routes.TracedContexts.only;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Brokers with headers carry the trace context themselves, through Camel's own propagation (no Arroyo code): a
 * traced sender context and a traced receiver context over Kafka (the in-process broker) and RabbitMQ
 * (camel-spring-rabbitmq, the RabbitMQ on 127.0.0.1:5672). The receiver's route span is the child of the sender's
 * send span, except where noted.
 */
class BrokerTracingIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private final InMemorySpanExporter senderSpans = InMemorySpanExporter.create();
    private final InMemorySpanExporter receiverSpans = InMemorySpanExporter.create();
    private final BlockingQueue<Exchange> received = new LinkedBlockingQueue<>();

    @Test
    void kafkaRecordHeadersCarryTheContextWithStringHeaders() throws Exception {
        String topic = "arroyo-tracing-" + UUID.randomUUID().toString().substring(0, 8);
        KAFKA.createTopics(topic);
        String kafka = "kafka:" + topic + "?brokers=" + KAFKA.bootstrapServers();
        // camel-kafka hands record headers to the route as byte[]; camel-opentelemetry2 4.17 reads only String
        // headers, so the receiver turns headers into strings
        assertLinked(kafka, kafka + "&groupId=" + topic + "&autoOffsetReset=earliest"
                            + "&headerDeserializer=#class:"
                            + "org.apache.camel.component.kafka.serde.ToStringKafkaHeaderDeserializer",
                "kafka");
    }

    @Test
    void kafkaWithDefaultHeadersStartsANewTraceAtTheReceiver() throws Exception {
        String topic = "arroyo-tracing-raw-" + UUID.randomUUID().toString().substring(0, 8);
        KAFKA.createTopics(topic);
        String kafka = "kafka:" + topic + "?brokers=" + KAFKA.bootstrapServers();
        SpanData[] spans = sendAndReceive(kafka, kafka + "&groupId=" + topic + "&autoOffsetReset=earliest", "kafka");
        // the context did cross, as the record header traceparent (bytes), but the tracer reads only String headers
        assertTrue(traceparentHeader(topic).contains(spans[0].getTraceId()));
        assertNotEquals(spans[0].getTraceId(), spans[1].getTraceId());
    }

    @Test
    void rabbitMqMessageHeadersCarryTheContext() throws Exception {
        Services.require("RabbitMQ", 5672, "rabbitmq-server -detached");
        String name = "arroyo-tracing-" + UUID.randomUUID();
        CachingConnectionFactory connection = new CachingConnectionFactory(Services.HOST, 5672);
        try {
            String endpoint = "spring-rabbitmq:" + name + "?connectionFactory=#rabbit&routingKey=" + name;
            assertLinked(endpoint, endpoint + "&queues=" + name + "&autoDeclare=true", "spring-rabbitmq", connection);
        } finally {
            RabbitAdmin admin = new RabbitAdmin(connection);
            admin.deleteQueue(name);
            admin.deleteExchange(name);
            connection.destroy();
        }
    }

    /** The traceparent header of the topic's first record, read with a plain Kafka consumer. */
    private static String traceparentHeader(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic + "-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            await().atMost(30, TimeUnit.SECONDS).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
            Header header = records.get(0).headers().lastHeader("traceparent");
            assertNotNull(header, "the record has a traceparent header");
            return new String(header.value(), StandardCharsets.UTF_8);
        }
    }

    private void assertLinked(String to, String from, String scheme, Object... rabbit) throws Exception {
        SpanData[] spans = sendAndReceive(to, from, scheme, rabbit);
        assertEquals(spans[0].getTraceId(), spans[1].getTraceId(), "one trace across the broker");
        assertEquals(spans[0].getSpanId(), spans[1].getParentSpanId(), "the receiver's route is the send's child");
        assertTrue(spans[1].getParentSpanContext().isRemote());
    }

    /** Sends one message through the broker; the sender's send span and the receiver's route span. */
    private SpanData[] sendAndReceive(String to, String from, String scheme, Object... rabbit) throws Exception {
        try (CamelContext receiver = TracedContexts.traced("receiver", receiverSpans);
             CamelContext sender = TracedContexts.traced("sender", senderSpans)) {
            for (Object connection : rabbit) {
                receiver.getRegistry().bind("rabbit", connection);
                sender.getRegistry().bind("rabbit", connection);
            }
            receiver.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(from).routeId("receiver").process(e -> received.add(e.copy()));
                }
            });
            receiver.start();
            sender.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:send").routeId("sender").to(to);
                }
            });
            sender.start();
            sender.createProducerTemplate().sendBody("direct:send", "frame 1");
            Exchange exchange = received.poll(60, TimeUnit.SECONDS);
            assertNotNull(exchange, "the receiver got the message");
            assertEquals("frame 1", exchange.getIn().getBody(String.class));
            await().atMost(10, TimeUnit.SECONDS).until(() -> !receiverSpans.getFinishedSpanItems().isEmpty()
                                                             && senderSpans.getFinishedSpanItems().size() == 3);
            List<SpanData> sent = senderSpans.getFinishedSpanItems();
            return new SpanData[] { only(sent, "EVENT_SENT", scheme),
                                    only(receiverSpans.getFinishedSpanItems(), "EVENT_RECEIVED", scheme) };
        }
    }
}
