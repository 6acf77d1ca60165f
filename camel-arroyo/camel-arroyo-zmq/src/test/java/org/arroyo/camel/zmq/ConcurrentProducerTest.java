package org.arroyo.camel.zmq;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four threads share one arroyo-zmq PUSH producer endpoint: every message reaches the PULL route exactly once, and
 * each thread's messages keep the order that thread sent them in (the producer hands frames to one sending thread).
 */
class ConcurrentProducerTest extends CamelTestSupport {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 2_500;

    // inproc: a tcp connect by JeroMQ 0.6.0 sometimes stalls for the 30 s handshake timer (zeromq/jeromq#1022),
    // which is not what this test is about
    private final String address = "inproc://concurrent-" + FreePorts.next();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // the PULL route first: it binds before the producer connects
                from("arroyo-zmq:" + address + "?socketType=PULL").routeId("pull").to("mock:out");
                from("direct:send").to("arroyo-zmq:" + address + "?socketType=PUSH");
            }
        };
    }

    @Test
    void fourThreadsThroughOneProducerLoseNothingDuplicateNothingAndKeepTheirOrder() throws Exception {
        MockEndpoint out = getMockEndpoint("mock:out");
        out.expectedMessageCount(THREADS * PER_THREAD);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                senders.add(pool.submit(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        template.sendBody("direct:send", ("t" + thread + ":" + i).getBytes(StandardCharsets.UTF_8));
                    }
                }));
            }
            for (Future<?> f : senders) {
                f.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        out.assertIsSatisfied(20_000);

        int[] next = new int[THREADS];
        Set<String> seen = new HashSet<>();
        for (Exchange exchange : out.getReceivedExchanges()) {
            Event event = exchange.getIn().getBody(Event.class);
            String text = new String(event.getPayloadBytes(), StandardCharsets.UTF_8);
            assertTrue(seen.add(text), "duplicate message " + text);
            int colon = text.indexOf(':');
            int thread = Integer.parseInt(text.substring(1, colon));
            int seq = Integer.parseInt(text.substring(colon + 1));
            assertEquals(next[thread], seq, "thread " + thread + " out of order");
            next[thread]++;
        }
        assertEquals(THREADS * PER_THREAD, seen.size());
        for (int t = 0; t < THREADS; t++) {
            assertEquals(PER_THREAD, next[t], "messages of thread " + t);
        }
    }
}
