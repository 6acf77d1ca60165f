package org.arroyo.camel.redis;

import org.arroyo.camel.test.redis.RedisServerExtension;
import java.time.Duration;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.AsyncProducer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.arroyo.camel.redis.RedisTestSupport.payload;
import static org.arroyo.camel.redis.RedisTestSupport.readiness;
import static org.arroyo.camel.redis.RedisTestSupport.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redis killed, restarted and absent, on a private redis-server with AOF (fsync always). */
class ArroyoRedisFaultIT extends CamelTestSupport {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension(true);

    private static String base() {
        return "?host=127.0.0.1&port=" + REDIS.port() + "&maxReconnectDelay=500&commandTimeout=3000";
    }

    @AfterEach
    void redisRunsAgain() throws Exception {
        if (!REDIS.isRunning()) {
            REDIS.start();
        }
    }

    private HealthCheck.State health(String routeId) {
        HealthCheck.Result r = readiness(context, routeId);
        return r == null ? null : r.getState();
    }

    @Test
    void killNineMidStreamLosesNothingInStreamMode() throws Exception {
        int n = 10_000;
        String stream = unique("arroyo-kill");
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger deliveries = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + stream + base() + "&mode=stream&group=g&startId=0&batchSize=100"
                     + "&blockTimeout=500&claimIdle=5000").routeId("reader")
                        .process(e -> {
                            deliveries.incrementAndGet();
                            seen.add(Integer.parseInt(payload(e.getMessage().getBody()).substring(4)));
                        });
            }
        });
        Endpoint out = context.getEndpoint("arroyo-redis:" + stream + base() + "&mode=stream");
        AsyncProducer producer = out.createAsyncProducer();
        producer.start();
        Semaphore inFlight = new Semaphore(100);
        Queue<Integer> retry = new ConcurrentLinkedQueue<>();
        Set<Integer> written = ConcurrentHashMap.newKeySet();
        AtomicInteger failedWrites = new AtomicInteger();
        CountDownLatch halfway = new CountDownLatch(1);
        Thread sender = new Thread(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    if (i == n / 2) {
                        halfway.countDown();
                    }
                    send(out, producer, inFlight, i, written, retry, failedWrites);
                }
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (written.size() < n && System.nanoTime() < end) {
                    Integer again = retry.poll();
                    if (again != null) {
                        send(out, producer, inFlight, again, written, retry, failedWrites);
                    } else {
                        Thread.sleep(5); // waiting for replies still in flight
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-sender");
        sender.start();

        assertTrue(halfway.await(30, TimeUnit.SECONDS));
        REDIS.kill9();
        int seenAtKill = seen.size();
        await("readiness DOWN while Redis is dead").atMost(Duration.ofSeconds(10))
                .until(() -> health("reader") == HealthCheck.State.DOWN);
        assertTrue(readiness(context, "reader").getMessage().orElse("").contains("unreachable"));
        REDIS.start(); // same port, same directory: the AOF brings the data back
        await("readiness UP after restart").atMost(Duration.ofSeconds(20))
                .until(() -> health("reader") == HealthCheck.State.UP);
        await("every message arrives").atMost(Duration.ofSeconds(60)).until(() -> seen.size() == n);
        sender.join(10_000);
        assertEquals(n, written.size(), "the sender got every write confirmed");
        assertEquals(ServiceStatus.Started, context.getRouteController().getRouteStatus("reader"));
        assertTrue(seenAtKill < n, "the kill happened mid-stream (" + seenAtKill + " of " + n + " seen)");
        try (RedisTestSupport.Peek peek = new RedisTestSupport.Peek(REDIS.port())) {
            await().until(() -> peek.redis().xpending(stream, "g").getCount() == 0);
        }
        // the figures go to the test's output file (target/failsafe-reports/*-output.txt)
        System.out.printf("kill -9 at %d of %d consumed: %d deliveries, %d failed writes retried%n", seenAtKill, n,
                deliveries.get(), failedWrites.get());
        assertTrue(deliveries.get() >= n);
        producer.stop();
    }

    private static void send(Endpoint out, AsyncProducer producer, Semaphore inFlight, int seq, Set<Integer> written,
                             Queue<Integer> retry, AtomicInteger failedWrites) throws InterruptedException {
        inFlight.acquire();
        Exchange exchange = out.createExchange();
        exchange.getMessage().setBody("seq-" + seq);
        producer.process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                failedWrites.incrementAndGet();
                retry.add(seq);
            } else {
                written.add(seq);
            }
            inFlight.release();
        });
    }

    @Test
    void pubSubConsumerResubscribesAfterARestart() throws Exception {
        String channel = unique("arroyo-resub");
        MockEndpoint in = getMockEndpoint("mock:in");
        in.expectedMinimumMessageCount(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + channel + base()).routeId("sub").to("mock:in");
                from("direct:out").to("arroyo-redis:" + channel + base());
            }
        });
        await().until(() -> health("sub") == HealthCheck.State.UP);
        REDIS.restart();
        try (RedisTestSupport.Peek peek = new RedisTestSupport.Peek(REDIS.port())) {
            await("re-subscribed").atMost(Duration.ofSeconds(15))
                    .until(() -> peek.redis().pubsubNumsub(channel).getOrDefault(channel, 0L) == 1L);
        }
        template.sendBody("direct:out", "after restart");
        in.assertIsSatisfied(10_000);
        assertEquals("after restart", payload(in.getExchanges().get(0).getMessage().getBody()));
    }

    @Test
    void routeStartsWhileRedisIsDownAndConnectsWhenItComesUp() throws Exception {
        REDIS.stop();
        String stream = unique("arroyo-late");
        MockEndpoint in = getMockEndpoint("mock:in");
        in.expectedBodiesReceived(org.arroyo.camel.message.Event.ofBytes("late".getBytes()));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + stream + base() + "&mode=stream&group=g&startId=0").routeId("late")
                        .to("mock:in");
                from("direct:out").to("arroyo-redis:" + stream + base() + "&mode=stream");
            }
        }));
        assertEquals(ServiceStatus.Started, context.getRouteController().getRouteStatus("late"));
        assertEquals(HealthCheck.State.DOWN, health("late"));
        Exchange failed = template.send("direct:out", e -> e.getMessage().setBody("early"));
        assertTrue(failed.getException().getMessage().contains("cannot connect to Redis at redis://127.0.0.1:"
                                                               + REDIS.port() + "/0"),
                failed.getException().getMessage());
        REDIS.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> health("late") == HealthCheck.State.UP);
        template.sendBody("direct:out", "late");
        in.assertIsSatisfied(10_000);
    }

    @Test
    void failIfUnreachableFailsTheStartWithTheAddress() throws Exception {
        REDIS.stop();
        Exception e = assertThrows(Exception.class, () -> assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("arroyo-redis:x" + base() + "&mode=stream&failIfUnreachable=true").to("mock:in");
                    }
                })));
        String chain = ArroyoRedisConfigurationTest.chain(e);
        assertTrue(chain.contains("arroyo-redis:x: cannot connect to Redis at redis://127.0.0.1:" + REDIS.port() + "/0"),
                chain);
    }
}
