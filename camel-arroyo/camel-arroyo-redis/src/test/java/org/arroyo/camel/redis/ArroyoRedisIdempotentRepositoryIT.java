package org.arroyo.camel.redis;

import org.arroyo.camel.test.redis.RedisServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.arroyo.camel.message.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.arroyo.camel.redis.RedisTestSupport.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Redis idempotent repository against the Redis on 127.0.0.1:6379: shared between instances, in a route. */
class ArroyoRedisIdempotentRepositoryIT extends CamelTestSupport {

    private final String prefix = unique("arroyo:seen:it");
    private ArroyoRedisIdempotentRepository inRoute;

    private ArroyoRedisIdempotentRepository started(String keyPrefix) {
        ArroyoRedisIdempotentRepository repository = new ArroyoRedisIdempotentRepository();
        repository.setHost("127.0.0.1");
        repository.setPort(6379);
        repository.setKeyPrefix(keyPrefix);
        repository.start();
        return repository;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        inRoute = started(prefix + ":route");
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:frames")
                        .idempotentConsumer(simple("${body.metadata[frame_number]}"), inRoute)
                        .to("mock:once");
            }
        };
    }

    @AfterEach
    void clearAndStop() {
        inRoute.clear();
        inRoute.stop();
    }

    @Test
    void twoProcessesShareWhatWasSeenAndEachKeyIsAddedOnce() {
        ArroyoRedisIdempotentRepository first = started(prefix);
        ArroyoRedisIdempotentRepository second = started(prefix);
        ArroyoRedisIdempotentRepository other = started(prefix + "-other");
        try {
            assertTrue(first.add("frame-1"));
            assertFalse(second.add("frame-1"), "the second instance sees what the first added");
            assertTrue(second.contains("frame-1"));
            assertFalse(other.contains("frame-1"), "another prefix is another repository");
            assertTrue(other.add("frame-1"));

            assertTrue(second.remove("frame-1"));
            assertFalse(first.contains("frame-1"));
            assertTrue(first.add("frame-1"), "a removed key can be added again");

            for (int i = 0; i < 2500; i++) { // more than one SCAN page
                first.add("k" + i);
            }
            first.clear();
            assertFalse(second.contains("k0") || second.contains("k2499") || second.contains("frame-1"));
            assertTrue(other.contains("frame-1"), "clear removes only its own prefix's keys");
        } finally {
            other.clear();
            for (ArroyoRedisIdempotentRepository r : List.of(first, second, other)) {
                r.stop();
            }
        }
    }

    @Test
    void keysExpireWhenAnExpiryIsSet() {
        ArroyoRedisIdempotentRepository repository = new ArroyoRedisIdempotentRepository();
        repository.setPort(6379);
        repository.setHost("127.0.0.1");
        repository.setKeyPrefix(prefix + ":expiring");
        repository.setExpiry(300);
        repository.start();
        try {
            assertTrue(repository.add("frame-7"));
            assertFalse(repository.add("frame-7"));
            await().atMost(Duration.ofSeconds(5)).until(() -> !repository.contains("frame-7"));
            assertTrue(repository.add("frame-7"));
        } finally {
            repository.clear();
            repository.stop();
        }
    }

    @Test
    void aRouteDropsFramesItHasSeen() throws Exception {
        MockEndpoint once = getMockEndpoint("mock:once");
        once.expectedMessageCount(3);
        for (long n : new long[] { 0, 1, 1, 2, 0, 2 }) {
            template.sendBody("direct:frames", Event.ofMetadata(Map.of("frame_number", n)));
        }
        once.assertIsSatisfied();
        List<Object> numbers = once.getExchanges().stream()
                .map(e -> e.getIn().getBody(Event.class).getMetadata().get("frame_number")).toList();
        assertEquals(List.of(0L, 1L, 2L), numbers);
    }

    @Test
    void anUnreachableRedisFailsTheStartNamingTheAddressWithoutItsPassword() throws Exception {
        ArroyoRedisIdempotentRepository repository = new ArroyoRedisIdempotentRepository();
        repository.setUri("redis://user:s3cret@127.0.0.1:" + RedisServerExtension.freePort());
        repository.setCommandTimeout(2000);
        RuntimeException e = assertThrows(RuntimeException.class, repository::start);
        assertTrue(e.getMessage().contains("cannot reach redis://127.0.0.1:"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }
}
