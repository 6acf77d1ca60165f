package org.arroyo.camel.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.LettuceVersion;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.netty.util.Version;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.redis.ArroyoRedisComponent;
import org.arroyo.camel.redis.ArroyoRedisConfiguration;
import org.arroyo.camel.redis.ArroyoRedisEndpoint;
import org.arroyo.camel.redis.ArroyoRedisMode;
import org.arroyo.camel.test.FreePorts;
import org.arroyo.camel.zmq.ArroyoZmqComponent;
import org.arroyo.camel.zmq.ArroyoZmqConfiguration;
import org.arroyo.camel.zmq.ArroyoZmqEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring Boot application whose arroyo-zmq and arroyo-redis are configured only by application.properties relays
 * a run from a ZeroMQ PUSH socket into a Redis stream (the Redis on 127.0.0.1:6379) and out of it again, on the
 * Lettuce and Netty that Spring Boot's dependency management resolves.
 */
@SpringBootTest(classes = ArroyoSpringBootRelayIT.RelayApplication.class)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArroyoSpringBootRelayIT {

    /** What Spring Boot 3.5.7's dependency management resolves (not Camel's Netty 4.1.130 nor our Lettuce 6.8). */
    private static final String BOOT_NETTY = "4.1.128.Final";
    private static final String BOOT_LETTUCE = "6.6.0.RELEASE";

    private static final int ZMQ_PORT = FreePorts.next();
    private static final String RUN = UUID.randomUUID().toString();
    private static final String STREAM = "arroyo-boot-it-" + RUN;
    private static final String GROUP = "boot-it-" + RUN;

    @DynamicPropertySource
    static void perRun(DynamicPropertyRegistry registry) {
        registry.add("relay.zmq.port", () -> ZMQ_PORT);
        registry.add("relay.stream", () -> STREAM);
        registry.add("camel.component.arroyo-redis.group", () -> GROUP);
    }

    @Autowired
    private CamelContext camel;

    @Autowired
    private ProducerTemplate producer;

    /** Stops Camel before the stream goes, so its consumer never reads a deleted key; the context is not reused. */
    @AfterAll
    void stopCamelAndDeleteTheStream() {
        camel.stop();
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            redis.sync().del(STREAM);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void theComponentsAndTheirEndpointsCarryTheProperties() {
        ArroyoZmqConfiguration zmq = camel.getComponent("arroyo-zmq", ArroyoZmqComponent.class).getConfiguration();
        assertEquals("msgpack", zmq.getCodec());
        assertEquals(250, zmq.getLinger());
        assertEquals(5000, zmq.getSendHighWaterMark());
        assertEquals(100, zmq.getReceiveTimeout());

        ArroyoRedisConfiguration redis = camel.getComponent("arroyo-redis", ArroyoRedisComponent.class)
                .getConfiguration();
        assertEquals("127.0.0.1", redis.getHost());
        assertEquals(6379, redis.getPort());
        assertEquals(ArroyoRedisMode.stream, redis.getMode());
        assertEquals("msgpack", redis.getCodec());
        assertEquals(GROUP, redis.getGroup());
        assertEquals(1000, redis.getMaxLen());

        // each endpoint starts from a copy of the component's configuration
        ArroyoZmqEndpoint pull = assertInstanceOf(ArroyoZmqEndpoint.class,
                camel.getRoute("zmq-to-redis").getEndpoint());
        assertEquals(250, pull.getConfiguration().getLinger());
        assertEquals("msgpack", pull.getConfiguration().getCodec());
        ArroyoRedisEndpoint stream = assertInstanceOf(ArroyoRedisEndpoint.class,
                camel.getRoute("redis-to-mock").getEndpoint());
        assertEquals(ArroyoRedisMode.stream, stream.getConfiguration().getMode());
        assertEquals(GROUP, stream.getConfiguration().getGroup());
    }

    @Test
    void aRunTravelsFromZeroMqThroughARedisStreamIntact() throws Exception {
        MockEndpoint relayed = camel.getEndpoint("mock:relayed", MockEndpoint.class);
        relayed.expectedMessageCount(5);
        String push = "arroyo-zmq:tcp://127.0.0.1:" + ZMQ_PORT + "?socketType=PUSH";

        producer.sendBody(push, Start.of(Map.of("run_name", RUN)));
        for (int frame = 0; frame < 3; frame++) {
            NDArray image = NDArray.ofInts(DType.UINT32, new int[] {frame, 10 + frame, 20 + frame, 30 + frame}, 2, 2);
            producer.sendBody(push, Event.ofArray(Map.of("frame_number", frame), "image", image));
        }
        producer.sendBody(push, Stop.of(Map.of("num_frames", 3)));

        relayed.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
        List<Exchange> received = relayed.getReceivedExchanges();
        // Start and Stop survive only with msgpack on both legs: the default codec (raw) sends neither
        assertEquals(RUN, assertInstanceOf(Start.class, received.get(0).getMessage().getBody()).get("run_name"));
        for (int frame = 0; frame < 3; frame++) {
            Event event = assertInstanceOf(Event.class, received.get(1 + frame).getMessage().getBody());
            assertEquals(frame, ((Number) event.get("frame_number")).intValue());
            NDArray image = event.getArray("image");
            assertEquals(DType.UINT32, image.dtype());
            assertEquals(List.of(2, 2), List.of(image.dim(0), image.dim(1)));
            assertEquals(30.0 + frame, image.getDouble(3));
        }
        assertEquals(3, ((Number) assertInstanceOf(Stop.class, received.get(4).getMessage().getBody())
                .get("num_frames")).intValue());

        // mode=stream: the run went through a Redis stream, read by the configured consumer group
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            assertEquals(5L, redis.sync().xlen(STREAM));
            assertThat(redis.sync().xinfoGroups(STREAM).toString()).contains(GROUP);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void runsOnTheLettuceAndTheOneNettyThatSpringBootManages() {
        Map<String, String> netty = new TreeMap<>();
        Version.identify().forEach((artifact, version) -> netty.put(artifact, version.artifactVersion()));
        assertThat(netty).containsKeys("netty-common", "netty-buffer", "netty-transport", "netty-handler",
                "netty-codec", "netty-resolver-dns");
        LoggerFactory.getLogger(getClass()).info("Netty {}, Lettuce {}", netty, LettuceVersion.getVersion());
        assertEquals(Set.of(BOOT_NETTY), new TreeSet<>(netty.values()), "one Netty, Boot's: " + netty);

        assertThat(LettuceVersion.getVersion()).startsWith(BOOT_LETTUCE);
        assertThat(RedisClient.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .endsWith("lettuce-core-" + BOOT_LETTUCE + ".jar");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class RelayApplication {

        @Bean
        RouteBuilder relayRoutes() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("arroyo-zmq:tcp://127.0.0.1:{{relay.zmq.port}}?socketType=PULL").routeId("zmq-to-redis")
                            .to("arroyo-redis:{{relay.stream}}");
                    from("arroyo-redis:{{relay.stream}}").routeId("redis-to-mock")
                            .to("mock:relayed");
                }
            };
        }
    }
}
