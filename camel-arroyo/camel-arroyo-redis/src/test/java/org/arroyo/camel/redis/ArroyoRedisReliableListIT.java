package org.arroyo.camel.redis;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** List mode as a reliable work queue, against the Redis on 127.0.0.1:6379. */
class ArroyoRedisReliableListIT extends CamelTestSupport {

    @Test
    void aFailedEntryIsRetriedAndNothingIsLeftInProcessing() throws Exception {
        String list = RedisTestSupport.unique("arroyo-list-retry");
        AtomicInteger attempts = new AtomicInteger();
        MockEndpoint out = getMockEndpoint("mock:out");
        out.expectedMessageCount(2);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + list + "?mode=list&host=127.0.0.1&blockTimeout=200&consumerName=worker-a")
                        .process(e -> {
                            // the first entry fails on its first attempt only
                            if ("first".equals(RedisTestSupport.payload(e.getMessage().getBody()))
                                && attempts.getAndIncrement() == 0) {
                                throw new IllegalStateException("transient failure");
                            }
                        })
                        .to("mock:out");
                from("direct:in").to("arroyo-redis:" + list + "?mode=list&host=127.0.0.1");
            }
        });
        template.sendBody("direct:in", "first");
        template.sendBody("direct:in", "second");
        out.assertIsSatisfied(15_000);
        List<String> bodies = out.getReceivedExchanges().stream()
                .map(e -> RedisTestSupport.payload(e.getMessage().getBody())).toList();
        assertEquals(List.of("first", "second"), bodies, "the failed entry went back to the head of the queue");
        assertEquals(2, attempts.get());
        try (RedisTestSupport.Peek peek = new RedisTestSupport.Peek(6379)) {
            await().atMost(5, TimeUnit.SECONDS).until(() -> peek.redis().llen(list + ":processing:worker-a") == 0);
            assertEquals(0L, peek.redis().llen(list));
        }
    }

    @Test
    void entriesAConsumerWasProcessingWhenItCrashedArePutBack() throws Exception {
        String list = RedisTestSupport.unique("arroyo-list-crash");
        try (RedisTestSupport.Peek peek = new RedisTestSupport.Peek(6379)) {
            // a consumer named worker-b took these two (oldest on the right, as BLMOVE leaves them) and died
            peek.redis().lpush(list + ":processing:worker-b", "taken first", "taken second");
            peek.redis().lpush(list, "still queued");
        }
        MockEndpoint out = getMockEndpoint("mock:out");
        out.expectedMessageCount(3);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + list + "?mode=list&host=127.0.0.1&blockTimeout=200&consumerName=worker-b")
                        .to("mock:out");
            }
        });
        out.assertIsSatisfied(15_000);
        List<String> bodies = out.getReceivedExchanges().stream()
                .map(e -> RedisTestSupport.payload(e.getMessage().getBody())).toList();
        assertEquals(List.of("taken first", "taken second", "still queued"), bodies);
    }
}
