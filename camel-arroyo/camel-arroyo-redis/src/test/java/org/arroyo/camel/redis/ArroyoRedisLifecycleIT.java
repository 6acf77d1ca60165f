package org.arroyo.camel.redis;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.arroyo.camel.redis.RedisTestSupport.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Threads, connections and clients after stop; group recovery; against the Redis on 127.0.0.1:6379. */
class ArroyoRedisLifecycleIT extends CamelTestSupport {

    private static final String BASE = "?host=127.0.0.1&port=6379";

    private static List<String> threads(String part) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.contains(part)).toList();
    }

    private static long clientsNamed(String channelOrKeyPart) {
        try (RedisTestSupport.Peek peek = new RedisTestSupport.Peek(6379)) {
            return peek.redis().clientList().lines().filter(l -> l.contains(channelOrKeyPart)).count();
        }
    }

    @Test
    void stoppingTheContextEndsThreadsAndClosesConnections() throws Exception {
        String stream = unique("arroyo-life");
        String channel = unique("arroyo-life-ch");
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + stream + BASE + "&mode=stream&blockTimeout=300").to("mock:a");
                from("arroyo-redis:" + channel + BASE).to("mock:b");
                from("direct:out").to("arroyo-redis:" + stream + BASE + "&mode=stream");
            }
        });
        camel.start();
        camel.createProducerTemplate().sendBody("direct:out", "x");
        try (RedisTestSupport.Peek peek = new RedisTestSupport.Peek(6379)) {
            await().until(() -> peek.redis().pubsubNumsub(channel).getOrDefault(channel, 0L) == 1L);
            assertEquals(2, threads("ArroyoRedis").size(), threads("ArroyoRedis").toString());
            long before = peek.redis().clientList().lines().count();
            long started = System.nanoTime();
            camel.stop();
            long stopMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(stopMillis < 5000, "stop took " + stopMillis + " ms");
            await().atMost(Duration.ofSeconds(5)).until(() -> threads("ArroyoRedis").isEmpty());
            assertEquals(0L, peek.redis().pubsubNumsub(channel).getOrDefault(channel, 0L));
            // the three connections (two consumers, one producer) are gone
            await().until(() -> peek.redis().clientList().lines().count() <= before - 3);
            peek.redis().del(stream);
        }
        // Lettuce's event loops (of the component's clients, and of the test's own, now closed) are gone
        await().atMost(Duration.ofSeconds(5)).until(() -> threads("lettuce-").isEmpty());
    }

    @Test
    void aClientTheUserSuppliedIsUsedAndNotShutDown() throws Exception {
        RedisClient own = RedisClient.create(RedisURI.create("127.0.0.1", 6379));
        try {
            context.getRegistry().bind("ownClient", own);
            String channel = unique("arroyo-own");
            MockEndpoint in = getMockEndpoint("mock:in");
            in.expectedMessageCount(1);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("arroyo-redis:" + channel + BASE + "&redisClient=#ownClient").routeId("own").to("mock:in");
                    from("direct:out").to("arroyo-redis:" + channel + BASE + "&redisClient=#ownClient");
                }
            });
            await().until(() -> RedisTestSupport.state(context, "own") == HealthCheck.State.UP);
            template.sendBody("direct:out", "via the user's client");
            in.assertIsSatisfied(10_000);
            context.stop();
            try (StatefulRedisConnection<String, String> c = own.connect()) {
                assertEquals("PONG", c.sync().ping());
            }
        } finally {
            own.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    @Test
    void streamConsumerRecreatesItsGroupWhenTheStreamIsDeleted() throws Exception {
        String stream = unique("arroyo-regroup");
        MockEndpoint in = getMockEndpoint("mock:in");
        in.expectedMessageCount(2);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + stream + BASE + "&mode=stream&startId=0&blockTimeout=200&maxReconnectDelay=200")
                        .routeId("regroup").to("mock:in");
                from("direct:out").to("arroyo-redis:" + stream + BASE + "&mode=stream");
            }
        });
        template.sendBody("direct:out", "before");
        try (RedisTestSupport.Peek peek = new RedisTestSupport.Peek(6379)) {
            await().until(() -> in.getReceivedCounter() == 1);
            peek.redis().del(stream);
            await().until(() -> peek.redis().exists(stream) == 1L); // the consumer made the stream and group again
            template.sendBody("direct:out", "after");
            in.assertIsSatisfied(10_000);
            peek.redis().del(stream);
        }
    }
}
