package org.arroyo.camel.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.arroyo.camel.message.ArroyoConstants;
import org.arroyo.camel.message.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.arroyo.camel.redis.RedisTestSupport.payload;
import static org.arroyo.camel.redis.RedisTestSupport.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stream mode with consumer groups, and list mode, against the Redis on 127.0.0.1:6379. */
class ArroyoRedisStreamIT extends CamelTestSupport {

    private static final int PORT = 6379;
    private static final String BASE = "?host=127.0.0.1&port=" + PORT;

    private final List<Throwable> handled = new CopyOnWriteArrayList<>();
    private RedisTestSupport.Peek peek;
    private final List<String> keys = new ArrayList<>();

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("twoFrames", new TestCodecs.TwoFrames());
        registry.bind("strict", new TestCodecs.Strict());
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
        peek = new RedisTestSupport.Peek(PORT);
    }

    @AfterEach
    void cleanUp() {
        if (!keys.isEmpty()) {
            peek.redis().del(keys.toArray(String[]::new));
        }
        peek.close();
    }

    private String key(String prefix) {
        String k = unique(prefix);
        keys.add(k);
        return k;
    }

    /** Adds n one-frame entries, prefix + index, and returns their payloads in order. */
    private List<String> fill(String stream, String prefix, int n) {
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            payloads.add(prefix + i);
            peek.redis().xadd(stream, Map.of("f0", prefix + i));
        }
        return payloads;
    }

    private long pending(String stream, String group) {
        return peek.redis().xpending(stream, group).getCount();
    }

    @Test
    void entriesArriveWithHeadersAndAreAcknowledged() throws Exception {
        String stream = key("arroyo-stream");
        MockEndpoint in = getMockEndpoint("mock:in");
        in.expectedMessageCount(3);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:out").to("arroyo-redis:" + stream + BASE + "&mode=stream");
                from("arroyo-redis:" + stream + BASE + "&mode=stream&group=g&startId=0").to("mock:in");
            }
        });
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Exchange sent = template.send("direct:out", e -> e.getMessage().setBody("entry-" + e.getExchangeId()));
            ids.add(sent.getMessage().getHeader(ArroyoRedisConstants.STREAM_ID, String.class));
        }
        in.assertIsSatisfied(10_000);
        assertEquals(ids, in.getExchanges().stream()
                .map(e -> e.getMessage().getHeader(ArroyoRedisConstants.STREAM_ID, String.class)).toList());
        Exchange first = in.getExchanges().get(0);
        assertTrue(ids.get(0).matches("\\d+-\\d+"), ids.get(0));
        assertEquals("event", first.getMessage().getHeader(ArroyoConstants.MESSAGE_TYPE));
        assertEquals(stream, first.getMessage().getHeader(ArroyoRedisConstants.KEY));
        assertEquals("g", first.getMessage().getHeader(ArroyoRedisConstants.GROUP));
        assertEquals(Boolean.FALSE, first.getMessage().getHeader(ArroyoRedisConstants.REDELIVERED));
        assertTrue(payload(first.getMessage().getBody()).startsWith("entry-"));
        await().until(() -> pending(stream, "g") == 0);
        // the wire shape: one entry per message, frame in field f0
        StreamMessage<String, String> raw = peek.redis().xrange(stream, io.lettuce.core.Range.create("-", "+")).get(0);
        assertEquals(Set.of("f0"), raw.getBody().keySet());
    }

    @Test
    void aBacklogIsReadAheadAndEveryEntryArrivesOnceInOrder() throws Exception {
        String stream = key("arroyo-backlog");
        int n = 1000;
        List<String> expected = fill(stream, "b-", n);
        List<String> seen = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // full batches of 10 all the way: every read but the first is a read-ahead
                from("arroyo-redis:" + stream + BASE + "&mode=stream&group=g&startId=0&batchSize=10")
                        .process(e -> seen.add(payload(e.getMessage().getBody())));
            }
        });
        await().until(() -> seen.size() >= n);
        await().until(() -> pending(stream, "g") == 0);
        assertEquals(expected, seen);
    }

    /** The payloads of a body: one Event, or a List of them (batching). */
    private static List<String> payloads(Object body) {
        if (body instanceof List<?> many) {
            return many.stream().map(RedisTestSupport::payload).toList();
        }
        return List.of(payload(body));
    }

    @Test
    void batchingRoutesEachReadAsOneListAndAcknowledgesItTogether() throws Exception {
        String stream = key("arroyo-batching");
        List<String> expected = fill(stream, "e-", 250);
        List<Exchange> exchanges = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + stream + BASE + "&mode=stream&group=g&startId=0&batchSize=100&batching=true")
                        .process(exchanges::add);
            }
        });
        await().until(() -> exchanges.stream().mapToInt(e -> payloads(e.getMessage().getBody()).size()).sum() >= 250);
        await().until(() -> pending(stream, "g") == 0);
        List<String> seen = new ArrayList<>();
        for (Exchange e : exchanges) {
            List<String> batch = payloads(e.getMessage().getBody());
            seen.addAll(batch);
            List<?> ids = e.getMessage().getHeader(ArroyoRedisConstants.STREAM_IDS, List.class);
            assertEquals(batch.size(), ids.size(), "one id per message");
            assertEquals(ids.get(ids.size() - 1), e.getMessage().getHeader(ArroyoRedisConstants.STREAM_ID));
        }
        assertEquals(expected, seen, "every entry once, in order");
        assertEquals(3, exchanges.size(), "reads of 100, 100 and 50 entries");
        assertTrue(exchanges.get(0).getMessage().getBody() instanceof List<?> first && first.size() == 100);
    }

    @Test
    void aFailedBatchStaysPendingTogetherAndIsDeliveredAgain() throws Exception {
        String stream = key("arroyo-batch-retry");
        List<String> expected = fill(stream, "f-", 5);
        AtomicInteger attempts = new AtomicInteger();
        MockEndpoint in = getMockEndpoint("mock:in");
        in.expectedMessageCount(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + stream + BASE + "&mode=stream&group=g&startId=0&batching=true&claimIdle=300")
                        .process(e -> {
                            if (attempts.incrementAndGet() == 1) {
                                throw new IllegalStateException("the batch's operator failed once");
                            }
                        })
                        .to("mock:in");
            }
        });
        in.assertIsSatisfied(10_000);
        Exchange again = in.getExchanges().get(0);
        assertEquals(expected, payloads(again.getMessage().getBody()), "the whole batch, again");
        assertEquals(Boolean.TRUE, again.getMessage().getHeader(ArroyoRedisConstants.REDELIVERED));
        await().until(() -> pending(stream, "g") == 0);
        assertEquals(2, attempts.get());
    }

    @Test
    void aBadEntryInABatchGoesToTheErrorHandlerAloneAndTheRestTravelTogether() throws Exception {
        String stream = key("arroyo-batch-bad");
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);
        MockEndpoint in = getMockEndpoint("mock:in");
        in.expectedMessageCount(1);
        for (String p : List.of("good 1", "bad one", "good 2")) {
            peek.redis().xadd(stream, Map.of("f0", p));
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + stream + BASE + "&mode=stream&group=g&startId=0&batching=true&codec=#strict"
                     + "&bridgeErrorHandler=true")
                        .errorHandler(deadLetterChannel("mock:dead")).to("mock:in");
            }
        });
        in.assertIsSatisfied(10_000);
        dead.assertIsSatisfied(10_000);
        assertEquals(List.of("good 1", "good 2"), payloads(in.getExchanges().get(0).getMessage().getBody()));
        Exchange bad = dead.getExchanges().get(0);
        assertEquals(List.of("bad one"), rawFrames(bad));
        assertTrue(bad.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage()
                .contains("codec 'strict' rejected"));
        await().until(() -> pending(stream, "g") == 0);
    }

    @Test
    void aRestartedRouteReconnectsAndFinishesWhatItHadRead() throws Exception {
        String stream = key("arroyo-restart");
        int n = 300;
        fill(stream, "r-", n);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger deliveries = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + stream + BASE + "&mode=stream&group=g&consumerName=c&startId=0&batchSize=20")
                        .routeId("c").process(e -> {
                            deliveries.incrementAndGet();
                            seen.add(payload(e.getMessage().getBody()));
                            Thread.sleep(2);
                        });
            }
        });
        await().until(() -> seen.size() >= 50);
        context.getRouteController().stopRoute("c");
        int beforeRestart = seen.size();
        assertTrue(beforeRestart < n, "stopped in the middle of the backlog: " + beforeRestart);
        context.getRouteController().startRoute("c");
        await().until(() -> seen.size() == n);
        await().until(() -> pending(stream, "g") == 0);
        // at-least-once: an entry whose exchange the stop interrupted may be processed again, nothing more
        assertTrue(deliveries.get() <= n + 20, "deliveries " + deliveries.get());
    }

    @Test
    void twoConsumersInOneGroupShareTheLoadAndProcessEachEntryOnce() throws Exception {
        String stream = key("arroyo-share");
        int n = 300;
        Map<String, String> seenBy = new ConcurrentHashMap<>();
        AtomicInteger deliveries = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:out").to("arroyo-redis:" + stream + BASE + "&mode=stream");
                for (String c : List.of("c1", "c2")) {
                    from("arroyo-redis:" + stream + BASE + "&mode=stream&group=workers&consumerName=" + c
                         + "&batchSize=5&startId=0").routeId(c)
                            .process(e -> {
                                deliveries.incrementAndGet();
                                seenBy.put(payload(e.getMessage().getBody()), c);
                                Thread.sleep(1); // a little work per entry, so both consumers get a share
                            });
                }
            }
        });
        await().until(() -> RedisTestSupport.state(context, "c1") == HealthCheck.State.UP
                            && RedisTestSupport.state(context, "c2") == HealthCheck.State.UP);
        for (int i = 0; i < n; i++) {
            template.sendBody("direct:out", "m-" + i);
        }
        await().until(() -> seenBy.size() == n);
        await().until(() -> pending(stream, "workers") == 0);
        assertEquals(n, deliveries.get(), "each entry processed once");
        long byC1 = seenBy.values().stream().filter("c1"::equals).count();
        assertTrue(byC1 > 0 && byC1 < n, "both consumers got a share, c1 had " + byC1);
    }

    @Test
    void failedExchangeStaysPendingAndIsRetried() throws Exception {
        String stream = key("arroyo-retry");
        AtomicInteger attempts = new AtomicInteger();
        MockEndpoint in = getMockEndpoint("mock:in");
        in.expectedMessageCount(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:out").to("arroyo-redis:" + stream + BASE + "&mode=stream");
                from("arroyo-redis:" + stream + BASE + "&mode=stream&group=g&startId=0&claimIdle=300")
                        .process(e -> {
                            if (attempts.incrementAndGet() == 1) {
                                throw new IllegalStateException("operator failed once");
                            }
                        })
                        .to("mock:in");
            }
        });
        template.sendBody("direct:out", "retry-me");
        in.assertIsSatisfied(10_000);
        assertEquals(2, attempts.get());
        assertEquals(Boolean.TRUE, in.getExchanges().get(0).getMessage().getHeader(ArroyoRedisConstants.REDELIVERED));
        await().until(() -> pending(stream, "g") == 0);
    }

    @Test
    void entriesOfAStoppedConsumerAreClaimedByAnother() throws Exception {
        String stream = key("arroyo-claim");
        int n = 20;
        MockEndpoint a = getMockEndpoint("mock:a");
        a.expectedMinimumMessageCount(n);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:out").to("arroyo-redis:" + stream + BASE + "&mode=stream");
                // consumer a takes entries but never finishes them (its operator fails), then it is stopped
                from("arroyo-redis:" + stream + BASE + "&mode=stream&group=g&consumerName=a&startId=0&claimIdle=0")
                        .routeId("a").to("mock:a").throwException(new IllegalStateException("a is dying"));
                from("arroyo-redis:" + stream + BASE + "&mode=stream&group=g&consumerName=b&claimIdle=500")
                        .routeId("b").autoStartup(false).to("mock:b");
            }
        });
        for (int i = 0; i < n; i++) {
            template.sendBody("direct:out", "job-" + i);
        }
        a.assertIsSatisfied(10_000);
        context.getRouteController().stopRoute("a");
        assertEquals(n, pending(stream, "g"));
        assertEquals(n, peek.redis().xpending(stream, io.lettuce.core.Consumer.from("g", "a"),
                io.lettuce.core.Range.create("-", "+"), io.lettuce.core.Limit.from(100)).size());
        MockEndpoint b = getMockEndpoint("mock:b");
        b.expectedMessageCount(n);
        b.allMessages().header(ArroyoRedisConstants.REDELIVERED).isEqualTo(true);
        context.getRouteController().startRoute("b");
        b.assertIsSatisfied(15_000);
        await().until(() -> pending(stream, "g") == 0);
    }

    @Test
    void rejectedEntryGoesToTheExceptionHandlerOrTheDeadLetterAndIsAcknowledged() throws Exception {
        String deadLettered = key("arroyo-bad-dlc");
        String unhandled = key("arroyo-bad-raw");
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);
        MockEndpoint in = getMockEndpoint("mock:in");
        in.expectedMessageCount(2);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + deadLettered + BASE + "&mode=stream&group=g&startId=0&codec=#strict"
                     + "&bridgeErrorHandler=true")
                        .errorHandler(deadLetterChannel("mock:dead")).to("mock:in");
                from("arroyo-redis:" + unhandled + BASE + "&mode=stream&group=g&startId=0&codec=#strict"
                     + "&exceptionHandler=#recorder&claimIdle=0")
                        .to("mock:in");
            }
        });
        for (String stream : List.of(deadLettered, unhandled)) {
            peek.redis().xadd(stream, Map.of("f0", "bad entry"));
            peek.redis().xadd(stream, Map.of("f0", "good entry"));
        }
        in.assertIsSatisfied(10_000);
        dead.assertIsSatisfied(10_000);
        assertEquals(List.of("bad entry"), rawFrames(dead.getExchanges().get(0)));
        await().until(() -> !handled.isEmpty());
        assertTrue(handled.get(0).getMessage().contains("codec 'strict' rejected"), handled.get(0).getMessage());
        // a rejection never succeeds on a later delivery: acknowledged at once, never redelivered forever
        await().until(() -> pending(deadLettered, "g") == 0 && pending(unhandled, "g") == 0);
        // an entry without frame fields is rejected with a clear message too, and acknowledged
        peek.redis().xadd(unhandled, Map.of("data", "x"));
        await().until(() -> handled.size() >= 2);
        assertTrue(handled.get(1).getMessage().contains("no frame field f0"), handled.get(1).getMessage());
        await().until(() -> pending(unhandled, "g") == 0);
    }

    @SuppressWarnings("unchecked")
    private static List<String> rawFrames(Exchange exchange) {
        return ((List<byte[]>) exchange.getMessage().getHeader(ArroyoRedisConstants.RAW_FRAMES, List.class)).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void multiFrameMessagesUseOneFieldPerFrame() throws Exception {
        String stream = key("arroyo-mf-stream");
        MockEndpoint in = getMockEndpoint("mock:in");
        in.expectedMessageCount(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:out").to("arroyo-redis:" + stream + BASE + "&mode=stream&codec=#twoFrames");
                from("arroyo-redis:" + stream + BASE + "&mode=stream&group=g&startId=0&codec=#twoFrames")
                        .to("mock:in");
            }
        });
        template.sendBody("direct:out", Event.ofBytes(Map.of("name", "n1"), java.nio.ByteBuffer.wrap(new byte[] { 1, 2 })));
        in.assertIsSatisfied(10_000);
        Event got = in.getExchanges().get(0).getMessage().getBody(Event.class);
        assertEquals("n1", got.get("name"));
        assertEquals(2, got.payloadSize());
        List<StreamMessage<String, String>> raw = peek.redis().xread(XReadArgs.StreamOffset.from(stream, "0"));
        assertEquals(Map.of("f0", "n1", "f1", "\u0001\u0002"), raw.get(0).getBody());
    }

    @Test
    void producerTrimsTheStreamToAboutMaxLen() throws Exception {
        String stream = key("arroyo-trim");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:out").to("arroyo-redis:" + stream + BASE + "&mode=stream&maxLen=100");
            }
        });
        for (int i = 0; i < 1000; i++) {
            template.sendBody("direct:out", "frame-" + i);
        }
        long length = peek.redis().xlen(stream);
        assertTrue(length >= 100 && length < 300, "approximately trimmed to 100, was " + length);
    }

    @Test
    void listModeIsAFifoWorkQueueAndCarriesMultiFrameMessages() throws Exception {
        String list = key("arroyo-list");
        MockEndpoint in = getMockEndpoint("mock:in");
        in.expectedMessageCount(3);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:out").to("arroyo-redis:" + list + BASE + "&mode=list&codec=#twoFrames");
                from("arroyo-redis:" + list + BASE + "&mode=list&codec=#twoFrames&blockTimeout=200").to("mock:in");
            }
        });
        for (int i = 0; i < 3; i++) {
            template.sendBody("direct:out",
                    Event.ofBytes(Map.of("name", "item-" + i), java.nio.ByteBuffer.wrap(("p" + i).getBytes())));
        }
        in.assertIsSatisfied(10_000);
        List<String> names = in.getExchanges().stream()
                .map(e -> (String) e.getMessage().getBody(Event.class).get("name")).toList();
        assertEquals(List.of("item-0", "item-1", "item-2"), names);
        assertEquals(list, in.getExchanges().get(0).getMessage().getHeader(ArroyoRedisConstants.KEY));
        assertEquals("p2", new String(in.getExchanges().get(2).getMessage().getBody(Event.class).getPayloadBytes(),
                StandardCharsets.UTF_8));
    }

    @Test
    void aRouteFromOneStreamToAnotherWritesToTheOtherAndHonoursTheDestinationHeader() throws Exception {
        String first = key("arroyo-chain-a");
        String second = key("arroyo-chain-b");
        String third = key("arroyo-chain-c");
        MockEndpoint in = getMockEndpoint("mock:in");
        in.expectedMessageCount(1);
        MockEndpoint routed = getMockEndpoint("mock:routed");
        routed.expectedMessageCount(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + first + BASE + "&mode=stream&startId=0")
                        .to("arroyo-redis:" + second + BASE + "&mode=stream");
                from("arroyo-redis:" + second + BASE + "&mode=stream&startId=0").to("mock:in")
                        .setHeader(ArroyoRedisConstants.DESTINATION, constant(third))
                        .to("arroyo-redis:" + first + BASE + "&mode=stream");
                from("arroyo-redis:" + third + BASE + "&mode=stream&startId=0").to("mock:routed");
            }
        });
        peek.redis().xadd(first, Map.of("f0", "hop"));
        in.assertIsSatisfied(10_000);
        routed.assertIsSatisfied(10_000);
        assertEquals(second, in.getExchanges().get(0).getMessage().getHeader(ArroyoRedisConstants.KEY));
        assertEquals("hop", payload(routed.getExchanges().get(0).getMessage().getBody()));
        assertEquals(1, peek.redis().xlen(first), "nothing was written back to the first stream");
    }

    @Test
    void aBodyTheCodecCannotWriteFailsTheExchangeWithTheReason() throws Exception {
        String stream = key("arroyo-unwritable");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:out").to("arroyo-redis:" + stream + BASE + "&mode=stream");
            }
        });
        Event twoArrays = Event.ofArrays(Map.of(), new java.util.LinkedHashMap<>(Map.of(
                "a", org.arroyo.camel.message.NDArray.ofFloats(new float[] { 1f }),
                "b", org.arroyo.camel.message.NDArray.ofFloats(new float[] { 2f }))));
        Exchange failed = template.send("direct:out", e -> e.getMessage().setBody(twoArrays));
        assertTrue(failed.getException() instanceof org.arroyo.camel.codec.CodecException, String.valueOf(
                failed.getException()));
        assertTrue(failed.getException().getMessage().contains("2 arrays"), failed.getException().getMessage());
        Exchange empty = template.send("direct:out", e -> e.getMessage().setBody(null));
        assertTrue(empty.getException() instanceof org.apache.camel.InvalidPayloadException,
                String.valueOf(empty.getException()));
        assertEquals(0, peek.redis().exists(stream));
    }
}
