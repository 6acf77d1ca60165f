package org.arroyo.camel.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.codec.MsgpackMultipartCodec;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.support.PoisonMessageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.arroyo.camel.redis.RedisTestSupport.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The defects a review of arroyo-redis found, each against the Redis on 127.0.0.1:6379: list bodies, stream
 * batching of a message written as two entries, entries other tools write, and bounded redelivery.
 */
class ArroyoRedisReviewIT extends CamelTestSupport {

    private static final String BASE = "?host=127.0.0.1&port=6379";

    private final List<Throwable> handled = new CopyOnWriteArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private RedisClient client;
    private StatefulRedisConnection<byte[], byte[]> redis;

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("recorder", (ExceptionHandler) new ExceptionHandler() {
            @Override
            public void handleException(Throwable exception) {
                handled.add(exception);
            }

            @Override
            public void handleException(String message, Throwable exception) {
                handled.add(exception);
            }

            @Override
            public void handleException(String message, Exchange exchange, Throwable exception) {
                handled.add(exception);
            }
        });
    }

    @BeforeEach
    void connect() {
        client = RedisClient.create(RedisURI.create("127.0.0.1", 6379));
        redis = client.connect(ByteArrayCodec.INSTANCE);
    }

    @AfterEach
    void cleanUp() {
        for (String k : keys) {
            redis.sync().del(bytes(k));
        }
        redis.close();
        client.shutdown();
    }

    private String key(String prefix) {
        String k = unique(prefix);
        keys.add(k);
        return k;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private long pending(String stream) {
        return redis.sync().xpending(bytes(stream), bytes("g")).getCount();
    }

    @Test
    void aProducerWritesAListBodyAsOneEntryPerMessageInOrder() throws Exception {
        String stream = key("arroyo-list-body");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:out").to("arroyo-redis:" + stream + BASE + "&mode=stream&codec=msgpack");
            }
        });
        List<ArroyoMessage> run = List.of(Start.of(Map.of("run_name", "r1")),
                Event.ofMetadata(Map.of("frame_number", 0L)), Stop.of(Map.of("num_frames", 1L)));
        Exchange sent = template.request("direct:out", e -> e.getMessage().setBody(run));
        assertTrue(sent.getException() == null, () -> "the list body failed: " + sent.getException());
        List<StreamMessage<byte[], byte[]>> entries = redis.sync().xrange(bytes(stream),
                io.lettuce.core.Range.create("-", "+"));
        assertEquals(3, entries.size());
        List<ArroyoMessage> back = new ArrayList<>();
        for (StreamMessage<byte[], byte[]> entry : entries) {
            back.add(new MsgpackCodec().newDecoder().decode(ArroyoRedisFrames.fromFields(entry.getBody())));
        }
        assertEquals(run, back);
        assertEquals(entries.stream().map(StreamMessage::getId).toList(),
                sent.getMessage().getHeader(ArroyoRedisConstants.STREAM_IDS, List.class));
        assertEquals(entries.get(2).getId(), sent.getMessage().getHeader(ArroyoRedisConstants.STREAM_ID));
    }

    /** Two entries, a msgpack-multipart header and its data, as a tool that writes one frame per entry adds them. */
    private List<String> addSplitEvent(String stream, int frameNumber) {
        Event event = Event.ofArray(Map.of("frame_number", (long) frameNumber), "data",
                NDArray.ofInts(DType.UINT32, new int[] { 1, 2, 3, 4 }, 2, 2));
        List<ByteBuffer> frames = new MsgpackMultipartCodec().encode(event);
        List<String> ids = new ArrayList<>();
        for (ByteBuffer frame : frames) {
            byte[] value = new byte[frame.remaining()];
            frame.duplicate().get(value);
            ids.add(redis.sync().xadd(bytes(stream), Map.of(bytes("f0"), value)));
        }
        return ids;
    }

    @Test
    void batchingDecodesEachEntryOnceSoAnEventWrittenAsTwoEntriesArrivesWhole() throws Exception {
        String stream = key("arroyo-split");
        addSplitEvent(stream, 1);
        addSplitEvent(stream, 2);
        MockEndpoint in = getMockEndpoint("mock:in");
        in.expectedMinimumMessageCount(1);
        AtomicInteger attempts = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + stream + BASE + "&mode=stream&group=g&startId=0&batching=true"
                     + "&codec=msgpack-multipart&claimIdle=300&exceptionHandler=#recorder")
                        .process(e -> {
                            if (attempts.incrementAndGet() == 1) {
                                throw new IllegalStateException("the first try fails");
                            }
                        })
                        .to("mock:in");
            }
        });
        in.assertIsSatisfied(15_000);
        Object body = in.getExchanges().get(0).getMessage().getBody();
        List<?> events = assertInstanceOf(List.class, body);
        assertEquals(2, events.size(), "both events, each made of two entries: " + body);
        for (int i = 0; i < 2; i++) {
            Event event = (Event) events.get(i);
            assertEquals((long) i + 1, event.get("frame_number"));
            assertEquals(4.0, event.getArray("data").getDouble(3));
        }
        // the failed first try left all four entries pending (parts and all), the second acknowledged them
        await().until(() -> pending(stream) == 0);
        assertEquals(List.of(), handled.stream().filter(t -> !t.getMessage().contains("the first try fails")).toList());
    }

    @Test
    void entriesOtherToolsWriteAreReadFromTheirPayloadFieldWithTheRestAsMetadata() throws Exception {
        String stream = key("arroyo-foreign");
        Map<byte[], byte[]> fields = new LinkedHashMap<>();
        fields.put(bytes("payload"), bytes("pixels of frame 7"));
        fields.put(bytes("frame_number"), bytes("7"));
        redis.sync().xadd(bytes(stream), fields);
        MockEndpoint in = getMockEndpoint("mock:in");
        in.expectedMessageCount(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + stream + BASE + "&mode=stream&group=g&startId=0&payloadField=payload")
                        .to("mock:in");
            }
        });
        in.assertIsSatisfied(10_000);
        Event event = in.getExchanges().get(0).getMessage().getBody(Event.class);
        assertEquals("pixels of frame 7", new String(event.getPayloadBytes(), StandardCharsets.UTF_8));
        assertEquals("7", event.get("frame_number"));
        await().until(() -> pending(stream) == 0);
    }

    @Test
    void withoutPayloadFieldAForeignEntryIsRejectedOnceWithAHintAndAcknowledged() throws Exception {
        String stream = key("arroyo-foreign-bad");
        redis.sync().xadd(bytes(stream), Map.of(bytes("payload"), bytes("x")));
        redis.sync().xadd(bytes(stream), Map.of(bytes("f0"), bytes("ours")));
        MockEndpoint in = getMockEndpoint("mock:in");
        in.expectedMessageCount(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + stream + BASE + "&mode=stream&group=g&startId=0&claimIdle=200"
                     + "&exceptionHandler=#recorder")
                        .to("mock:in");
            }
        });
        in.assertIsSatisfied(10_000);
        await().until(() -> pending(stream) == 0);
        assertEquals(1, handled.size(), "rejected once, not redelivered: " + handled);
        assertTrue(handled.get(0).getMessage().contains("no frame field f0")
                   && handled.get(0).getMessage().contains("payloadField"),
                handled.get(0).getMessage());
    }

    @Test
    void aProducerWritesThePayloadFieldAndTheMetadataAsFields() throws Exception {
        String stream = key("arroyo-fields-out");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:out").to("arroyo-redis:" + stream + BASE
                                      + "&mode=stream&payloadField=data&metadataFields=true");
            }
        });
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("frame_number", 3L);
        metadata.put("detector", "pilatus");
        metadata.put("roi", List.of(1, 2));
        template.sendBody("direct:out", Event.ofBytes(metadata, ByteBuffer.wrap(bytes("frame bytes"))));
        StreamMessage<byte[], byte[]> entry = redis.sync().xrange(bytes(stream),
                io.lettuce.core.Range.create("-", "+")).get(0);
        Map<String, String> written = new LinkedHashMap<>();
        entry.getBody().forEach((k, v) -> written.put(new String(k, StandardCharsets.UTF_8),
                new String(v, StandardCharsets.UTF_8)));
        assertEquals(Map.of("data", "frame bytes", "frame_number", "3", "detector", "pilatus"), written);
    }

    @Test
    void aStreamEntryNoRouteFinishesIsGivenUpAfterMaxDeliveries() throws Exception {
        String stream = key("arroyo-poison");
        redis.sync().xadd(bytes(stream), Map.of(bytes("f0"), bytes("poison")));
        redis.sync().xadd(bytes(stream), Map.of(bytes("f0"), bytes("fine")));
        AtomicInteger poisonAttempts = new AtomicInteger();
        MockEndpoint in = getMockEndpoint("mock:in");
        in.expectedBodiesReceived(Event.ofBytes(bytes("fine")));
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + stream + BASE + "&mode=stream&group=g&startId=0&claimIdle=150"
                     + "&maxDeliveries=3&bridgeErrorHandler=true")
                        .onException(PoisonMessageException.class).handled(true).to("mock:dead").end()
                        .process(e -> {
                            if ("poison".equals(RedisTestSupport.payload(e.getMessage().getBody()))) {
                                poisonAttempts.incrementAndGet();
                                throw new IllegalStateException("this entry always fails");
                            }
                        })
                        .to("mock:in");
            }
        });
        in.assertIsSatisfied(10_000);
        dead.assertIsSatisfied(15_000);
        Exchange poison = dead.getExchanges().get(0);
        PoisonMessageException error = assertInstanceOf(PoisonMessageException.class,
                poison.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        assertEquals(4, error.getDeliveries());
        assertTrue(error.getMessage().contains("delivered 4 times (maxDeliveries=3)"), error.getMessage());
        assertEquals("poison", new String((byte[]) poison.getMessage()
                .getHeader(ArroyoRedisConstants.RAW_FRAMES, List.class).get(0), StandardCharsets.UTF_8));
        await().until(() -> pending(stream) == 0);
        assertEquals(3, poisonAttempts.get(), "routed maxDeliveries times, then given up");
    }
}
