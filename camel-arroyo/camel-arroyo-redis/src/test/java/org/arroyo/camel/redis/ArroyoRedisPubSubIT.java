package org.arroyo.camel.redis;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.arroyo.camel.message.ArroyoConstants;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.junit.jupiter.api.Test;

import static org.arroyo.camel.redis.RedisTestSupport.payload;
import static org.arroyo.camel.redis.RedisTestSupport.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pub/sub against the Redis on 127.0.0.1:6379, with a Python peer in the arroyopy style. */
class ArroyoRedisPubSubIT extends CamelTestSupport {

    private static final int PORT = 6379;
    private static final String BASE = "?host=127.0.0.1&port=" + PORT;

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("twoFrames", new TestCodecs.TwoFrames());
        registry.bind("strict", new TestCodecs.Strict());
    }

    private static Process python(String verb, String channel, int count) throws Exception {
        File script = new File("src/test/python/arroyo_redis_peer.py");
        return new ProcessBuilder("/usr/bin/python3", script.getAbsolutePath(), verb, Integer.toString(PORT), channel,
                Integer.toString(count)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @Test
    void receivesRawBytesFromAPythonPublisher() throws Exception {
        String channel = unique("arroyo-py-out");
        MockEndpoint in = getMockEndpoint("mock:in");
        in.expectedMessageCount(5);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + channel + BASE).routeId("sub").to("mock:in");
            }
        });
        Process peer = python("publish", channel, 5);
        in.assertIsSatisfied(20_000);
        assertTrue(peer.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, peer.exitValue());
        for (int i = 0; i < 5; i++) {
            Exchange e = in.getExchanges().get(i);
            assertInstanceOf(Event.class, e.getMessage().getBody());
            assertEquals("frame-" + i, payload(e.getMessage().getBody()));
            assertEquals("event", e.getMessage().getHeader(ArroyoConstants.MESSAGE_TYPE));
            assertEquals(channel, e.getMessage().getHeader(ArroyoRedisConstants.CHANNEL));
        }
        HealthCheck.Result health = RedisTestSupport.readiness(context, "sub");
        assertNotNull(health, "the consumer registers a readiness check");
        assertEquals(HealthCheck.State.UP, health.getState());
    }

    @Test
    void publishesRawBytesToAPythonSubscriber() throws Exception {
        String channel = unique("arroyo-py-in");
        Process peer = python("subscribe", channel, 3);
        BufferedReader lines = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("READY", lines.readLine());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:out").to("arroyo-redis:" + channel + BASE);
            }
        });
        byte[] binary = { 0, (byte) 0xFF, 1, 2, 'A' };
        template.sendBody("direct:out", Event.ofBytes(binary));
        template.sendBody("direct:out", Start.of(Map.of("run", "r1"))); // raw cannot carry a Start: not sent
        template.sendBody("direct:out", "text-body");
        template.sendBody("direct:out", new byte[] { 'b', 'y', 't', 'e', 's' });
        List<String> got = new ArrayList<>();
        for (String line; got.size() < 3 && (line = lines.readLine()) != null;) {
            got.add(line);
        }
        assertTrue(peer.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, peer.exitValue());
        HexFormat hex = HexFormat.of();
        assertEquals(List.of(hex.formatHex(binary), hex.formatHex("text-body".getBytes(StandardCharsets.UTF_8)),
                hex.formatHex("bytes".getBytes(StandardCharsets.UTF_8))), got);
    }

    @Test
    void patternSubscriptionSeesEveryMatchingChannel() throws Exception {
        String prefix = unique("arroyo-pat");
        MockEndpoint in = getMockEndpoint("mock:in");
        in.expectedBodiesReceivedInAnyOrder(Event.ofBytes("one".getBytes()), Event.ofBytes("two".getBytes()));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + prefix + ".*" + BASE + "&pattern=true").routeId("psub").to("mock:in");
                from("direct:a").to("arroyo-redis:" + prefix + ".a" + BASE);
                from("direct:b").to("arroyo-redis:" + prefix + ".b" + BASE);
            }
        });
        try (RedisTestSupport.Peek peek = new RedisTestSupport.Peek(PORT)) {
            await().until(() -> peek.redis().pubsubNumpat() > 0
                                 && RedisTestSupport.state(context, "psub") == HealthCheck.State.UP);
        }
        template.sendBody("direct:a", "one");
        template.sendBody("direct:b", "two");
        in.assertIsSatisfied(10_000);
        assertEquals(prefix + ".*", in.getExchanges().get(0).getMessage().getHeader(ArroyoRedisConstants.PATTERN));
        assertTrue(List.of(prefix + ".a", prefix + ".b")
                .contains(in.getExchanges().get(0).getMessage().getHeader(ArroyoRedisConstants.CHANNEL)));
    }

    @Test
    void multiFrameCodecRoundTripsThroughOneMessage() throws Exception {
        String channel = unique("arroyo-mf");
        MockEndpoint in = getMockEndpoint("mock:in");
        in.expectedMessageCount(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + channel + BASE + "&codec=#twoFrames").routeId("mf").to("mock:in");
                from("direct:out").to("arroyo-redis:" + channel + BASE + "&codec=#twoFrames");
            }
        });
        await().until(() -> RedisTestSupport.state(context, "mf") == HealthCheck.State.UP);
        Event sent = Event.ofBytes(Map.of("name", "frame-7"), java.nio.ByteBuffer.wrap(new byte[] { 9, 8, 7 }));
        template.sendBody("direct:out", sent);
        in.assertIsSatisfied(10_000);
        Event got = in.getExchanges().get(0).getMessage().getBody(Event.class);
        assertEquals("frame-7", got.get("name"));
        assertEquals(java.nio.ByteBuffer.wrap(new byte[] { 9, 8, 7 }), got.getPayload());
    }

    @Test
    void rejectedMessageGoesToTheErrorHandlerAndTheNextOneIsProcessed() throws Exception {
        String channel = unique("arroyo-bad");
        MockEndpoint in = getMockEndpoint("mock:in");
        MockEndpoint dead = getMockEndpoint("mock:dead");
        in.expectedMessageCount(1);
        dead.expectedMessageCount(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + channel + BASE + "&codec=#strict&bridgeErrorHandler=true").routeId("strict")
                        .errorHandler(deadLetterChannel("mock:dead")).to("mock:in");
                from("direct:out").to("arroyo-redis:" + channel + BASE);
            }
        });
        await().until(() -> RedisTestSupport.state(context, "strict") == HealthCheck.State.UP);
        template.sendBody("direct:out", "bad bytes");
        template.sendBody("direct:out", "good bytes");
        in.assertIsSatisfied(10_000);
        dead.assertIsSatisfied(10_000);
        Exchange failed = dead.getExchanges().get(0);
        Exception cause = failed.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        assertNotNull(cause);
        assertTrue(cause.getMessage().contains("codec 'strict' rejected a message of 9 bytes: strict: payload starts "
                                               + "with 'bad'"),
                cause.getMessage());
        assertEquals("bad bytes", new String(
                (byte[]) failed.getMessage().getHeader(ArroyoRedisConstants.RAW_FRAMES, List.class).get(0),
                StandardCharsets.UTF_8));
        assertEquals("good bytes", payload(in.getExchanges().get(0).getMessage().getBody()));
    }
}
