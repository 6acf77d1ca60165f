package org.arroyo.camel.routes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.codec.PackedFrames;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.RunMarker;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.support.TraceContext;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.arroyo.camel.routes.TracedContexts.only;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Traces across two CamelContexts, each with its own tracer and exporter as two runner processes would have: the
 * "detector" sends a run through a ZeroMQ hop (msgpack) into a route that writes it to a Redis stream, the "reducer"
 * consumes the stream. Each message is one trace from the detector's send to the reducer's route, the trace context
 * travelling inside the message's metadata; with tracing off nothing is added to the bytes.
 */
class TracingIT {

    private final String stream = "arroyo-tracing-" + UUID.randomUUID();
    private final String zmq = "tcp://127.0.0.1:" + FreePorts.next();
    private final BlockingQueue<Exchange> reduced = new LinkedBlockingQueue<>();
    private CamelContext detector;
    private CamelContext reducer;
    private RedisClient redis;

    @BeforeEach
    void redis() {
        Services.require("Redis", 6379, "redis-server");
        redis = RedisClient.create("redis://127.0.0.1:6379");
    }

    @AfterEach
    void stop() {
        for (CamelContext context : new CamelContext[] { detector, reducer }) {
            if (context != null) {
                context.stop();
            }
        }
        try (StatefulRedisConnection<byte[], byte[]> c = redis.connect(ByteArrayCodec.INSTANCE)) {
            c.sync().del(stream.getBytes(StandardCharsets.UTF_8));
        }
        redis.shutdown();
    }

    @Test
    void eachMessageIsOneTraceFromTheDetectorToTheReducer() throws Exception {
        InMemorySpanExporter detectorSpans = InMemorySpanExporter.create();
        InMemorySpanExporter reducerSpans = InMemorySpanExporter.create();
        reducer = reducer(TracedContexts.traced("reducer", reducerSpans));
        detector = detector(TracedContexts.traced("detector", detectorSpans));

        List<ArroyoMessage> run = run();
        for (ArroyoMessage message : run) {
            detector.createProducerTemplate().sendBody("direct:detector", message);
        }
        List<Exchange> received = take(run.size());
        // per message in the detector: the template's send, the direct route, its zmq send, the zmq route, its redis
        // send; in the reducer: the redis route
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            assertEquals(5 * run.size(), detectorSpans.getFinishedSpanItems().size(),
                    () -> TracedContexts.describe(detectorSpans.getFinishedSpanItems()));
            assertEquals(run.size(), reducerSpans.getFinishedSpanItems().size(),
                    () -> TracedContexts.describe(reducerSpans.getFinishedSpanItems()));
        });

        Map<String, List<SpanData>> detectorTraces = byTrace(detectorSpans.getFinishedSpanItems());
        Map<String, List<SpanData>> reducerTraces = byTrace(reducerSpans.getFinishedSpanItems());
        assertEquals(run.size(), detectorTraces.size(), "one trace per message sent");
        assertEquals(detectorTraces.keySet(), reducerTraces.keySet(), "the reducer's spans join the detector's traces");

        for (int i = 0; i < run.size(); i++) {
            Exchange exchange = received.get(i);
            ArroyoMessage message = exchange.getIn().getBody(ArroyoMessage.class);
            assertEquals(run.get(i).type(), message.type());
            String traceparent = (String) fields(message).get(TraceContext.TRACEPARENT);
            String traceId = traceparent.split("-")[1];
            List<SpanData> trace = detectorTraces.get(traceId);
            SpanData send = only(trace, "EVENT_SENT", "direct://detector");
            SpanData route = only(trace, "EVENT_RECEIVED", "direct://detector");
            SpanData zmqSent = only(trace, "EVENT_SENT", "arroyo-zmq");
            SpanData zmqReceived = only(trace, "EVENT_RECEIVED", "arroyo-zmq");
            SpanData redisSent = only(trace, "EVENT_SENT", "arroyo-redis");
            SpanData redisReceived = only(reducerTraces.get(traceId), "EVENT_RECEIVED", "arroyo-redis");

            assertFalse(send.getParentSpanContext().isValid(), "the detector's send starts the trace");
            assertEquals(send.getSpanId(), route.getParentSpanId());
            assertEquals(route.getSpanId(), zmqSent.getParentSpanId());
            assertEquals(zmqSent.getSpanId(), zmqReceived.getParentSpanId(), "the ZeroMQ hop joins the sender's span");
            assertTrue(zmqReceived.getParentSpanContext().isRemote());
            assertEquals(zmqReceived.getSpanId(), redisSent.getParentSpanId());
            assertEquals(redisSent.getSpanId(), redisReceived.getParentSpanId(), "the reducer joins over Redis");
            assertTrue(redisReceived.getParentSpanContext().isRemote());
            // the message carries the context of the last send; in the reducer's route the header is its own span's
            assertEquals("00-" + traceId + "-" + redisSent.getSpanId() + "-01", traceparent);
            assertEquals("00-" + traceId + "-" + redisReceived.getSpanId() + "-01",
                    exchange.getIn().getHeader(TraceContext.TRACEPARENT));
            assertEquals("reducer", redisReceived.getResource().getAttribute(TracedContexts.SERVICE));
        }
        Event event = assertInstanceOf(Event.class, received.get(1).getIn().getBody());
        assertEquals(7L, ((Number) event.get("frame_number")).longValue());
        assertEquals(3.0, event.getArray("image").getDouble(5), 0.0);

        // on the wire: the stream entry is the msgpack map arroyopy reads, with the context as two more fields
        byte[] entry = entries().get(1);
        Map<String, Object> python = PythonMsgpack.fieldTypes(entry);
        assertEquals(Map.of("msg_type", "str", "frame_number", "int", "tiled_url", "str", "image", "dict",
                "traceparent", "str"), python);
    }

    @Test
    void withTracingOffTheMessagesAreUntouched() throws Exception {
        reducer = reducer(new DefaultCamelContext());
        detector = detector(new DefaultCamelContext());

        List<ArroyoMessage> run = run();
        for (ArroyoMessage message : run) {
            detector.createProducerTemplate().sendBody("direct:detector", message);
        }
        List<Exchange> received = take(run.size());
        MsgpackCodec codec = new MsgpackCodec();
        List<byte[]> entries = entries();
        for (int i = 0; i < run.size(); i++) {
            ArroyoMessage message = received.get(i).getIn().getBody(ArroyoMessage.class);
            assertEquals(run.get(i), message);
            assertNull(received.get(i).getIn().getHeader(TraceContext.TRACEPARENT));
            // byte for byte what the codec writes for the message the detector sent
            assertArrayEquals(PackedFrames.bytes(codec.encode(run.get(i)).get(0)), entries.get(i));
        }
    }

    /** direct:detector -> ZeroMQ (msgpack) -> the relay route -> Redis stream (msgpack). */
    private CamelContext detector(CamelContext context) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:detector").routeId("detector")
                        .to("arroyo-zmq:" + zmq + "?socketType=PUSH&mode=CONNECT&codec=msgpack");
                from("arroyo-zmq:" + zmq + "?socketType=PULL&mode=BIND&codec=msgpack").routeId("zmq-to-redis")
                        .to("arroyo-redis:" + stream + "?mode=stream&host=127.0.0.1&codec=msgpack");
            }
        });
        context.start();
        return context;
    }

    /** The stream's consumer group -> a queue the test reads. */
    private CamelContext reducer(CamelContext context) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + stream + "?mode=stream&host=127.0.0.1&codec=msgpack&group=reducers&startId=0")
                        .routeId("reducer")
                        .process(exchange -> reduced.add(exchange.copy()));
            }
        });
        context.start();
        return context;
    }

    private static List<ArroyoMessage> run() {
        ByteBuffer pixels = ByteBuffer.allocate(4 * 3 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int p = 0; p < 12; p++) {
            pixels.putInt(p * 4, p < 6 ? 3 : 4);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("frame_number", 7L);
        metadata.put("tiled_url", "http://tiled/run/7");
        return List.of(Start.of(Map.of("run_name", "traced", "width", 3L, "height", 4L)),
                Event.ofArray(metadata, "image", NDArray.wrap(DType.UINT32, new int[] { 4, 3 },
                        ByteOrder.LITTLE_ENDIAN, pixels)),
                Stop.of(Map.of("num_frames", 1L)));
    }

    private List<Exchange> take(int n) throws InterruptedException {
        List<Exchange> out = new ArrayList<>();
        while (out.size() < n) {
            Exchange exchange = reduced.poll(20, TimeUnit.SECONDS);
            assertTrue(exchange != null, "the reducer got " + out.size() + " of " + n + " messages");
            out.add(exchange);
        }
        return out;
    }

    /** The f0 field of each entry of the stream, in order. */
    private List<byte[]> entries() {
        try (StatefulRedisConnection<byte[], byte[]> c = redis.connect(ByteArrayCodec.INSTANCE)) {
            List<byte[]> values = new ArrayList<>();
            for (StreamMessage<byte[], byte[]> m : c.sync().xrange(stream.getBytes(StandardCharsets.UTF_8),
                    Range.create("-", "+"))) {
                Map<String, byte[]> fields = m.getBody().entrySet().stream().collect(Collectors.toMap(
                        e -> new String(e.getKey(), StandardCharsets.UTF_8), Map.Entry::getValue));
                assertEquals(List.of("f0"), List.copyOf(fields.keySet()));
                values.add(fields.get("f0"));
            }
            return values;
        }
    }

    private static Map<String, Object> fields(ArroyoMessage message) {
        return message instanceof Event e ? e.getMetadata() : ((RunMarker) message).getData();
    }

    private static Map<String, List<SpanData>> byTrace(List<SpanData> spans) {
        return spans.stream().collect(Collectors.groupingBy(SpanData::getTraceId));
    }
}
