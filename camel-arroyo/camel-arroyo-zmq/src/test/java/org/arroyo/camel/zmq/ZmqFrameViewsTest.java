package org.arroyo.camel.zmq;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The consumer hands the route views of the buffers JeroMQ received each frame into (heap up to 1 MiB, direct above),
 * and the producer sends views without copying them. No buffer may be reused, and no view moved, while any part of a
 * route still holds it: an operator that keeps the previous frame, a wiretap that reads its frame only after later
 * frames were received, a dead letter channel keeping the frames of a route that fails every other exchange, and a
 * sink downstream must each read every frame's own bytes, to the last one.
 */
class ZmqFrameViewsTest {

    private static final int FRAMES = 24;
    // how many later frames the consumer must have received before the wiretap reads its own
    private static final int TAP_LAG = 4;

    /** 64 KiB frames land in heap buffers, 2 MiB frames in direct ones (JeroMQ's default threshold is 1 MiB). */
    @ParameterizedTest(name = "{0} byte frames")
    @ValueSource(ints = {64 << 10, 2 << 20})
    void keptAndWiretappedFramesKeepTheirBytesWhileLaterFramesArriveAndAreRelayed(int frameSize) throws Exception {
        String in = FreePorts.tcpAddress();
        String out = FreePorts.tcpAddress();
        AtomicInteger seen = new AtomicInteger();
        Map<Integer, String> wrong = new ConcurrentHashMap<>();
        AtomicInteger tapped = new AtomicInteger();
        try (ZContext zmq = new ZContext(); ZMQ.Socket feeder = zmq.createSocket(SocketType.PUSH);
             ZMQ.Socket sink = zmq.createSocket(SocketType.PULL); CamelContext context = new DefaultCamelContext()) {
            sink.bind(out);
            sink.setReceiveTimeOut(30_000);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("arroyo-zmq:" + in + "?socketType=PULL")
                            .process(new KeepsThePreviousFrame(wrong))
                            .process(e -> e.getIn().setHeader("index", seen.getAndIncrement()))
                            .wireTap("seda:tap")
                            .to("arroyo-zmq:" + out + "?socketType=PUSH");
                    from("seda:tap").process(e -> {
                        ByteBuffer frame = e.getIn().getBody(Event.class).getPayload();
                        int index = e.getIn().getHeader("index", Integer.class);
                        // read it only once later frames have been received into (possibly reused) buffers
                        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(2))
                                .until(() -> seen.get() >= Math.min(FRAMES, index + 1 + TAP_LAG));
                        check("wiretap", frame, index, wrong);
                        tapped.incrementAndGet();
                    });
                }
            });
            context.start();
            send(feeder, in, frameSize);
            for (int i = 0; i < FRAMES; i++) {
                byte[] relayed = sink.recv(0);
                assertEquals(frameSize, relayed == null ? -1 : relayed.length, "relayed frame " + i + " arrived");
                check("sink", ByteBuffer.wrap(relayed), i, wrong);
            }
            await().atMost(30, TimeUnit.SECONDS).until(() -> tapped.get() == FRAMES);
        }
        assertEquals(Map.of(), wrong, "frames whose bytes changed while held");
    }

    @ParameterizedTest(name = "{0} byte frames")
    @ValueSource(ints = {64 << 10, 2 << 20})
    void framesOfFailedExchangesKeptByTheDeadLetterChannelKeepTheirBytes(int frameSize) throws Exception {
        String in = FreePorts.tcpAddress();
        ConcurrentLinkedQueue<Held> dead = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Held> passed = new ConcurrentLinkedQueue<>();
        try (ZContext zmq = new ZContext(); ZMQ.Socket feeder = zmq.createSocket(SocketType.PUSH);
             CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(deadLetterChannel("direct:dead"));
                    from("direct:dead").process(e -> dead.add(new Held(e.getIn().getHeader("index", Integer.class),
                            e.getIn().getBody(Event.class).getPayload())));
                    from("arroyo-zmq:" + in + "?socketType=PULL").process(e -> {
                        Held held = Held.of(e);
                        e.getIn().setHeader("index", held.index());
                        if (held.index() % 2 == 1) {
                            throw new IllegalStateException("the operator fails odd frame " + held.index());
                        }
                        passed.add(held);
                    });
                }
            });
            context.start();
            send(feeder, in, frameSize);
            await().atMost(30, TimeUnit.SECONDS).until(() -> dead.size() + passed.size() == FRAMES);
        }
        assertEquals(indices(1), dead.stream().map(Held::index).sorted().toList(), "the odd frames failed");
        assertEquals(indices(0), passed.stream().map(Held::index).sorted().toList(), "the even frames passed");
        Map<Integer, String> wrong = new ConcurrentHashMap<>();
        dead.forEach(held -> held.check("dead letter", wrong));
        passed.forEach(held -> held.check("passed", wrong));
        assertEquals(Map.of(), wrong, "frames whose bytes changed after their exchange ended");
    }

    /** With batching, an operator keeps whole batches: every event of every batch keeps its bytes. */
    @ParameterizedTest(name = "{0} byte frames")
    @ValueSource(ints = {4 << 10, 2 << 20})
    void batchesKeptAfterTheirExchangeKeepEveryFramesBytes(int frameSize) throws Exception {
        String in = FreePorts.tcpAddress();
        ConcurrentLinkedQueue<Held> kept = new ConcurrentLinkedQueue<>();
        try (ZContext zmq = new ZContext(); ZMQ.Socket feeder = zmq.createSocket(SocketType.PUSH);
             CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("arroyo-zmq:" + in + "?socketType=PULL&batching=true&batchSize=8").process(e -> {
                        Object body = e.getIn().getBody();
                        List<?> events = body instanceof List<?> list ? list : List.of(body);
                        events.forEach(m -> kept.add(Held.of((Event) m)));
                    });
                }
            });
            context.start();
            send(feeder, in, frameSize);
            await().atMost(30, TimeUnit.SECONDS).until(() -> kept.size() == FRAMES);
        }
        Map<Integer, String> wrong = new ConcurrentHashMap<>();
        int expected = 0;
        for (Held held : kept) {
            assertEquals(expected++, held.index(), "batched frames in order");
            held.check("batched", wrong);
        }
        assertEquals(Map.of(), wrong, "batched frames whose bytes changed after their exchange ended");
    }

    /** A frame and the index it carried when the route received it. */
    private record Held(int index, ByteBuffer frame) {
        static Held of(Exchange exchange) {
            return of(exchange.getIn().getBody(Event.class));
        }

        static Held of(Event event) {
            ByteBuffer frame = event.getPayload();
            return new Held(frame.getInt(frame.position()), frame);
        }

        void check(String holder, Map<Integer, String> wrong) {
            ZmqFrameViewsTest.check(holder, frame, index, wrong);
        }
    }

    /** Checks, at each exchange, that the frame it kept from the exchange before still holds that frame's bytes. */
    private static final class KeepsThePreviousFrame implements org.apache.camel.Processor {
        private final Map<Integer, String> wrong;
        private Held previous;

        KeepsThePreviousFrame(Map<Integer, String> wrong) {
            this.wrong = wrong;
        }

        @Override
        public void process(Exchange exchange) {
            if (previous != null) {
                previous.check("kept previous", wrong);
            }
            previous = Held.of(exchange);
        }
    }

    /** The frame indices from {@code first} on, every other one. */
    private static List<Integer> indices(int first) {
        return java.util.stream.IntStream.iterate(first, i -> i < FRAMES, i -> i + 2).boxed().toList();
    }

    private static void send(ZMQ.Socket feeder, String address, int frameSize) {
        feeder.setHandshakeIvl(1000);
        feeder.setSendTimeOut(30_000);
        feeder.connect(address);
        for (int i = 0; i < FRAMES; i++) {
            assertEquals(true, feeder.send(frame(i, frameSize), 0), "frame " + i + " sent");
        }
    }

    /** Frame i: its index, its size, then bytes that differ from every other frame's at each position. */
    private static byte[] frame(int index, int size) {
        byte[] bytes = new byte[size];
        for (int j = 8; j < size; j++) {
            bytes[j] = pattern(index, j);
        }
        return ByteBuffer.wrap(bytes).putInt(0, index).putInt(4, size).array();
    }

    /** Frames carry their own size after the index, so a view whose position or limit moved is caught. */
    private static int frameSize(ByteBuffer f) {
        return f.remaining() < 8 ? -1 : f.getInt(f.position() + 4);
    }

    private static byte pattern(int index, int position) {
        return (byte) (index * 37 + position * 7 + (position >>> 8));
    }

    /** Records in {@code wrong} where a held frame's bytes are not those frame {@code index} was sent with. */
    private static void check(String holder, ByteBuffer frame, int index, Map<Integer, String> wrong) {
        ByteBuffer f = frame.duplicate();
        int base = f.position();
        String error = null;
        if (f.remaining() != frameSize(f)) {
            error = holder + ": " + f.remaining() + " bytes left of frame " + index;
        } else if (f.getInt(base) != index) {
            error = holder + ": index " + f.getInt(base) + " instead of " + index;
        }
        for (int j = 8; error == null && j < f.remaining(); j++) {
            if (f.get(base + j) != pattern(index, j)) {
                error = holder + ": byte " + j + " of frame " + index + " changed";
            }
        }
        if (error != null) {
            wrong.putIfAbsent(index, error);
        }
    }
}
