package org.arroyo.camel.zmq;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.test.FreePorts;
import org.arroyo.camel.test.JeromqThreads;
import org.junit.jupiter.api.Test;
import org.zeromq.ZContext;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connecting PUSH producer used from many threads, as a ProducerTemplate in a web server's thread pool is: it keeps
 * at most maxProducerSockets sockets open (threads beyond take the endpoint's sending thread, and a thread that ended
 * gives its socket up), and each thread's messages reach the PULL in the order that thread sent them.
 */
class ZmqProducerSocketBoundTest {

    // the documented default of maxProducerSockets
    private static final int BOUND = 8;
    private static final int SHORT_LIVED = 50;
    private static final int WAVE = 10;
    private static final int POOL = 32;
    private static final int POOL_TASKS = 64;
    private static final int PER_SENDER = 20;

    private final String address = FreePorts.tcpAddress();
    // linger beyond the 2 s handshake interval: a socket given up by an ended thread still delivers what it took
    private final String producer = "arroyo-zmq:" + address + "?socketType=PUSH&linger=5000";
    private final AtomicInteger mostSockets = new AtomicInteger();

    @Test
    void manyThreadsShareABoundedSetOfSocketsAndKeepTheirOrder() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            // the PULL in a component of its own: the producer's component then holds only producer sockets
            context.addComponent("pull-zmq", new ArroyoZmqComponent());
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("pull-zmq:" + address + "?socketType=PULL").to("mock:out");
                }
            });
            context.start();
            ZContext producerSockets = context.getComponent("arroyo-zmq", ArroyoZmqComponent.class).context();
            MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
            out.expectedMessageCount((SHORT_LIVED + POOL_TASKS) * PER_SENDER);
            ProducerTemplate template = context.createProducerTemplate();

            // short-lived threads in waves: each wave starts after the last ended, so it finds their sockets free
            for (int wave = 0; wave < SHORT_LIVED / WAVE; wave++) {
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < WAVE; t++) {
                    String sender = "s" + (wave * WAVE + t);
                    threads.add(new Thread(() -> send(template, producerSockets, sender), "short-lived-" + sender));
                }
                threads.forEach(Thread::start);
                for (Thread thread : threads) {
                    thread.join(TimeUnit.SECONDS.toMillis(30));
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(POOL);
            try {
                List<Future<?>> tasks = new ArrayList<>();
                for (int t = 0; t < POOL_TASKS; t++) {
                    String sender = "p" + t;
                    tasks.add(pool.submit(() -> send(template, producerSockets, sender)));
                }
                for (Future<?> task : tasks) {
                    task.get(30, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdown();
            }

            out.assertIsSatisfied(30_000);
            assertInOrderPerSender(out.getReceivedExchanges());
            assertTrue(mostSockets.get() <= BOUND, "open producer sockets peaked at " + mostSockets.get());
            assertTrue(producerSockets.getSockets().size() <= BOUND,
                    "open producer sockets at the end: " + producerSockets.getSockets().size());
        }
        // the sending thread the overflow started stops with the producer
        await().atMost(5, TimeUnit.SECONDS).until(() -> JeromqThreads.alive().isEmpty());
    }

    private void send(ProducerTemplate template, ZContext producerSockets, String sender) {
        for (int i = 0; i < PER_SENDER; i++) {
            template.sendBody(producer, (sender + ":" + i).getBytes(StandardCharsets.UTF_8));
            // right after a send: the moment a thread has just opened (or been given) its socket
            mostSockets.accumulateAndGet(producerSockets.getSockets().size(), Math::max);
        }
    }

    private static void assertInOrderPerSender(List<Exchange> received) {
        Map<String, Integer> next = new HashMap<>();
        for (Exchange exchange : received) {
            String text = new String(exchange.getIn().getBody(Event.class).getPayloadBytes(), StandardCharsets.UTF_8);
            String sender = text.substring(0, text.indexOf(':'));
            int seq = Integer.parseInt(text.substring(text.indexOf(':') + 1));
            int expected = next.getOrDefault(sender, 0);
            assertEquals(expected, seq, "message of " + sender + " out of order (or lost, or twice)");
            next.put(sender, expected + 1);
        }
        assertEquals(SHORT_LIVED + POOL_TASKS, next.size());
        next.forEach((sender, count) -> assertEquals(PER_SENDER, count, "messages of " + sender));
    }
}
