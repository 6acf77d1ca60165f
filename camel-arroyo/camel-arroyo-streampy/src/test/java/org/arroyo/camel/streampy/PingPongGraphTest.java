package org.arroyo.camel.streampy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * stream-py graphs on camel-netty queue nodes: the ping/pong game around a ring of three queues and three workers
 * (with a worker stopped and started again mid-game), a worker with two inputs and two random outputs, and a worker
 * whose input node is down.
 */
class PingPongGraphTest extends CamelTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final int[] ports = {FreePorts.nextUdp(), FreePorts.nextUdp(), FreePorts.nextUdp(), FreePorts.nextUdp()};
    private final MessageQueueNode[] nodes = new MessageQueueNode[ports.length];
    private final List<ForwardUdpClient> clients = new ArrayList<>();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < ports.length; i++) {
                    nodes[i] = new MessageQueueNode();
                    from(MessageQueueNode.nettyUri(q(i))).routeId("q" + i).process(nodes[i]);
                }
            }
        };
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ForwardUdpClient::close);
    }

    private String q(int i) {
        return "127.0.0.1:" + ports[i];
    }

    private ForwardUdpClient client(int i) throws Exception {
        ForwardUdpClient c = new ForwardUdpClient(new InetSocketAddress("127.0.0.1", ports[i]), Duration.ofMillis(500), 3);
        clients.add(c);
        return c;
    }

    private ForwardWorker worker(String name, WorkerFunction f, List<String> in, List<String> out) {
        ForwardWorker w = new ForwardWorker();
        w.setName(name);
        w.setFunction(f);
        w.setInputs(in);
        w.setOutputs(out);
        return w;
    }

    /** pong, counting what it sees; the game ends (the message is dropped) after {@code rounds} rounds. */
    static final class Game implements WorkerFunction {
        final int rounds;
        final int gateAt;
        final AtomicInteger played = new AtomicInteger();
        final Map<String, LongAdder> seen = new ConcurrentHashMap<>();
        final CountDownLatch atGate = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);

        Game(int rounds, int gateAt) {
            this.rounds = rounds;
            this.gateAt = gateAt;
        }

        @Override
        public String apply(String message) {
            int round = played.incrementAndGet();
            seen.computeIfAbsent(message, k -> new LongAdder()).increment();
            if (round == gateAt) {
                // hold the ball here so the test can stop the next worker while it is idle
                atGate.countDown();
                await(gate);
            }
            return round >= rounds ? null : WorkerFunction.pong().apply(message);
        }

        long seen(String m) {
            LongAdder a = seen.get(m);
            return a == null ? 0 : a.sum();
        }

        private static void await(CountDownLatch latch) {
            try {
                if (!latch.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void threeWorkersPlayPingPongAndAWorkerRestartedMidGameResumes() throws Exception {
        int rounds = 300;
        // round 30 is played by w2 (rounds 1, 4, 7... by w0): w0 and w1 are idle then
        Game game = new Game(rounds, 30);
        ForwardWorker w0 = worker("w0", game, List.of(q(0)), List.of(q(1)));
        ForwardWorker w1 = worker("w1", game, List.of(q(1)), List.of(q(2)));
        ForwardWorker w2 = worker("w2", game, List.of(q(2)), List.of(q(0)));
        for (ForwardWorker w : List.of(w0, w1, w2)) {
            context.addService(w);
        }
        assertEquals("PUT 4 bytes", client(0).put("ping"));

        assertTrue(game.atGate.await(20, TimeUnit.SECONDS), "the game reached round 30");
        w0.stop();
        game.gate.countDown();
        // the ball goes w2 -> q0 and waits there: w0 is stopped
        await().atMost(WAIT).until(() -> client(0).size() == 1);
        assertEquals(30, game.played.get(), "no round is played while w0 is stopped");
        assertTrue(w0.isStopped());

        w0.start();
        await().atMost(WAIT).until(() -> game.played.get() == rounds);
        assertEquals(rounds / 2, game.seen("ping"));
        assertEquals(rounds / 2, game.seen("pong"));
        assertEquals(2, game.seen.size(), "only ping and pong were ever seen");
        await().atMost(WAIT).until(() -> w0.dropped() + w1.dropped() + w2.dropped() == 1);
        assertEquals(rounds - 1, w0.processed() + w1.processed() + w2.processed());
        assertEquals(rounds, w0.vertexLatency().count() + w1.vertexLatency().count() + w2.vertexLatency().count());
        for (int i = 0; i < 3; i++) {
            assertEquals(0, client(i).size(), "queue " + i + " is empty after the game");
        }
        assertEquals(0, w0.putFailures() + w1.putFailures() + w2.putFailures(), "no result was lost");
    }

    @Test
    void aWorkerWithTwoInputsSendsToRandomOutputs() throws Exception {
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            client(0).put("a" + i);
            client(1).put("b" + i);
            sent.add("a" + i);
            sent.add("b" + i);
        }
        ForwardWorker w = worker("mixer", WorkerFunction.passthrough(), List.of(q(0), q(1)), List.of(q(2), q(3)));
        w.setRandomSeed(7);
        context.addService(w);

        await().atMost(WAIT).until(() -> client(2).size() + client(3).size() == 20);
        int toFirst = client(2).size();
        assertTrue(toFirst > 0 && toFirst < 20, "both outputs got messages, first got " + toFirst);
        Set<String> received = new HashSet<>();
        for (int q : new int[] {2, 3}) {
            for (byte[] m = client(q).get(); m.length > 0; m = client(q).get()) {
                assertTrue(received.add(new String(m, StandardCharsets.UTF_8)), "no duplicate");
            }
        }
        assertEquals(sent, received);
        assertEquals(20, w.processed());
        assertEquals(10, nodes[0].edgeLatency().count(), "the time each message of q0 waited");
        assertEquals(10, nodes[1].edgeLatency().count());
    }

    @Test
    void aWorkerWhoseInputIsDownKeepsTryingAndServesItOnceItIsUp() throws Exception {
        int late = FreePorts.nextUdp();
        ForwardWorker w = worker("patient", WorkerFunction.pong(), List.of("127.0.0.1:" + late), List.of(q(2)));
        w.setTimeout(50);
        w.setRetries(1);
        context.addService(w);
        await().atMost(WAIT).until(() -> w.getTimeouts() >= 2);
        assertTrue(w.isStarted(), "the worker survived its timeouts");

        MessageQueueNode lateNode = new MessageQueueNode();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(MessageQueueNode.nettyUri("127.0.0.1:" + late)).process(lateNode);
            }
        });
        try (ForwardUdpClient c = new ForwardUdpClient(new InetSocketAddress("127.0.0.1", late),
                Duration.ofMillis(500), 3)) {
            assertEquals("PUT 4 bytes", c.put("ping"));
        }
        await().atMost(WAIT).until(() -> client(2).size() == 1);
        assertEquals("pong", new String(client(2).get(), StandardCharsets.UTF_8));
        assertEquals(1, lateNode.puts());
    }
}
