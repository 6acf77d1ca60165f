package org.arroyo.camel.zmq;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A producer stopped right after its sends, while the collector lags: the frames its socket took but TCP had no room
 * for wait in the socket's queue. With {@code linger} they are delivered after the stop, of the route or of the whole
 * context (an {@code arroyo replay} ending, say); with {@code linger=0} they are dropped, as ZeroMQ's linger says.
 */
class ZmqProducerLingerTest {

    private static final int FRAMES = 200;
    private static final int FRAME_BYTES = 256 * 1024; // 50 MiB in all, far more than loopback's TCP buffers

    @Test
    void whatTheSocketTookIsDeliveredWithinLingerAfterTheRouteStops() throws Exception {
        assertEquals(FRAMES + 1, collect("linger=5000", false, true), "the ready frame and every frame sent");
    }

    @Test
    void whatTheSocketTookIsDeliveredWhileTheWholeContextStops() throws Exception {
        assertEquals(FRAMES + 1, collect("linger=5000", true, true), "the ready frame and every frame sent");
    }

    @Test
    void framesSentBeforeTheConnectionIsUpAreDeliveredWhileTheContextStops() throws Exception {
        for (int round = 0; round < 5; round++) {
            assertEquals(FRAMES + 1, collect("linger=5000", true, false), "round " + round);
        }
    }

    @Test
    void lingerZeroDropsWhatTcpHadNoRoomFor() throws Exception {
        long collected = collect("linger=0", false, true);
        assertTrue(collected < FRAMES + 1, "linger=0 drops the socket's queue at the stop, yet " + collected
                                           + " of " + (FRAMES + 1) + " arrived");
    }

    /**
     * Sends a ready frame and waits for it, sends every frame, then either stops the producer's route and reads, or
     * reads on another thread while the whole context stops (its close waits for lingering sockets).
     */
    private static long collect(String linger, boolean stopContext, boolean waitForConnection) throws Exception {
        String address = FreePorts.tcpAddress();
        try (ZContext zmq = new ZContext(); ZMQ.Socket collector = zmq.createSocket(SocketType.PULL)) {
            collector.setRcvHWM(10);
            collector.bind(address);
            CamelContext context = new DefaultCamelContext();
            String uri = "arroyo-zmq:" + address + "?socketType=PUSH&sendHighWaterMark=" + (2 * FRAMES) + "&" + linger;
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:frames").routeId("frames").to(uri);
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            template.sendBody("direct:frames", new byte[] { 1 });
            if (waitForConnection) {
                collector.setReceiveTimeOut(10_000);
                assertArrayEquals(new byte[] { 1 }, collector.recv(0), "the connection is up before the frames");
            }
            for (int i = 0; i < FRAMES; i++) {
                byte[] frame = new byte[FRAME_BYTES];
                ByteBuffer.wrap(frame).putInt(i);
                template.sendBody("direct:frames", frame);
            }
            assertEquals(FRAMES + 1, context.getEndpoint(uri, ArroyoZmqEndpoint.class).getSentCount());
            if (stopContext) {
                CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> readUntilIdle(collector,
                        !waitForConnection));
                context.close();
                return read.get();
            }
            // the route's stop closes the producer's socket; the context stays up, as another route's would
            context.getRouteController().stopRoute("frames");
            long collected = readUntilIdle(collector, false);
            context.close();
            return collected;
        }
    }

    /** The ready frame and what follows, in order, until the collector has been idle for a second. */
    private static long readUntilIdle(ZMQ.Socket collector, boolean readyFrameToo) {
        collector.setReceiveTimeOut(1000);
        if (readyFrameToo) {
            assertArrayEquals(new byte[] { 1 }, collector.recv(0), "the ready frame first");
        }
        long collected = 1;
        for (byte[] frame; (frame = collector.recv(0)) != null; collected++) {
            assertEquals(collected - 1, ByteBuffer.wrap(frame).getInt(), "in order, none twice");
        }
        return collected;
    }
}
