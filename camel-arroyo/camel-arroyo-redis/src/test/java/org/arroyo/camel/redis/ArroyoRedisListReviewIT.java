package org.arroyo.camel.redis;

import org.arroyo.camel.test.redis.RedisServerExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.arroyo.camel.support.PoisonMessageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * List mode's retry path, on a private redis-server: a failed entry goes back to the queue in one command, and an
 * entry that fails maxDeliveries times in a row is given up instead of retried forever.
 */
class ArroyoRedisListReviewIT extends CamelTestSupport {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension(false);

    private final List<Throwable> handled = new CopyOnWriteArrayList<>();

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

    private String base() {
        return "?mode=list&host=127.0.0.1&port=" + REDIS.port() + "&blockTimeout=200";
    }

    /**
     * The consumer's user may not RPUSH: a re-queue made of LREM then RPUSH (two commands, so a crash between them
     * loses the entry) loses it here too, while a single LMOVE puts it back.
     */
    @Test
    void aFailedEntryIsInOneListOrTheOtherAtEveryMoment() throws Exception {
        String list = RedisTestSupport.unique("arroyo-list-atomic");
        try (RedisTestSupport.Peek peek = new RedisTestSupport.Peek(REDIS.port())) {
            peek.redis().aclSetuser("worker", io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("pw")
                    .allKeys().allChannels().allCommands().removeCommand(io.lettuce.core.protocol.CommandType.RPUSH));
            peek.redis().lpush(list, "first");
        }
        AtomicInteger attempts = new AtomicInteger();
        MockEndpoint out = getMockEndpoint("mock:out");
        out.expectedMessageCount(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + list + base() + "&consumerName=w&username=worker&password=pw")
                        .process(e -> {
                            if (attempts.getAndIncrement() == 0) {
                                throw new IllegalStateException("transient failure");
                            }
                        })
                        .to("mock:out");
            }
        });
        out.assertIsSatisfied(15_000);
        assertEquals(2, attempts.get());
        try (RedisTestSupport.Peek peek = new RedisTestSupport.Peek(REDIS.port())) {
            await().until(() -> peek.redis().llen(list + ":processing:w") == 0);
            assertEquals(0L, peek.redis().llen(list));
        }
    }

    @Test
    void anEntryThatAlwaysFailsIsGivenUpAfterMaxDeliveriesAndTheQueueMovesOn() throws Exception {
        String list = RedisTestSupport.unique("arroyo-list-poison");
        try (RedisTestSupport.Peek peek = new RedisTestSupport.Peek(REDIS.port())) {
            peek.redis().lpush(list, "poison", "fine");
        }
        AtomicInteger poisonAttempts = new AtomicInteger();
        MockEndpoint out = getMockEndpoint("mock:out");
        out.expectedMessageCount(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + list + base() + "&consumerName=p&maxDeliveries=2&exceptionHandler=#recorder")
                        .process(e -> {
                            if ("poison".equals(RedisTestSupport.payload(e.getMessage().getBody()))) {
                                poisonAttempts.incrementAndGet();
                                throw new IllegalStateException("always fails");
                            }
                        })
                        .to("mock:out");
            }
        });
        out.assertIsSatisfied(15_000);
        await().until(() -> handled.stream().anyMatch(PoisonMessageException.class::isInstance));
        assertEquals(2, poisonAttempts.get());
        PoisonMessageException poison = assertInstanceOf(PoisonMessageException.class,
                handled.stream().filter(PoisonMessageException.class::isInstance).findFirst().orElseThrow());
        assertTrue(poison.getMessage().contains("failed 2 deliveries in a row (maxDeliveries=2)"), poison.getMessage());
        try (RedisTestSupport.Peek peek = new RedisTestSupport.Peek(REDIS.port())) {
            await().until(() -> peek.redis().llen(list + ":processing:p") == 0);
            assertEquals(0L, peek.redis().llen(list));
        }
    }
}
