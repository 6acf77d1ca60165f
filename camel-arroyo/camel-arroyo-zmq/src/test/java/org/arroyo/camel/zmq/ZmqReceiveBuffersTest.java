package org.arroyo.camel.zmq;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * msgAllocationHeapThreshold: where a received frame's bytes live. As in JeroMQ, frames above 1 MiB go into direct
 * buffers by default; 0 (what the arroyo runner sets) puts every frame on the heap.
 */
class ZmqReceiveBuffersTest {

    private static final int FRAME = 2 << 20;

    @Test
    void aFrameAbove1MiBIsReceivedIntoADirectBufferByDefault() throws Exception {
        assertTrue(receive("").isDirect(), "above 1 MiB: direct");
    }

    @Test
    void zeroOrAThresholdAboveTheFramePutsItOnTheHeap() throws Exception {
        assertFalse(receive("&msgAllocationHeapThreshold=0").isDirect(), "0: the heap");
        assertFalse(receive("&msgAllocationHeapThreshold=" + (4 << 20)).isDirect(), "below 4 MiB: the heap");
    }

    /** One 2 MiB frame through a PULL consumer (codec raw: the payload is a view of the received frame). */
    private static ByteBuffer receive(String options) throws Exception {
        String address = FreePorts.tcpAddress();
        BlockingQueue<Event> received = new ArrayBlockingQueue<>(1);
        try (ZContext zmq = new ZContext(); ZMQ.Socket push = zmq.createSocket(SocketType.PUSH);
             CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("arroyo-zmq:" + address + "?socketType=PULL" + options)
                            .process(e -> received.add(e.getMessage().getBody(Event.class)));
                }
            });
            context.start();
            push.setImmediate(true);
            push.setHandshakeIvl(1000);
            push.setSendTimeOut(30_000);
            push.connect(address);
            byte[] frame = new byte[FRAME];
            frame[FRAME - 1] = 42;
            assertTrue(push.send(frame, 0), "sent");
            Event event = received.poll(30, TimeUnit.SECONDS);
            assertNotNull(event, "the frame arrived");
            ByteBuffer payload = event.getPayload();
            assertEquals(FRAME, payload.remaining());
            assertEquals(42, payload.get(payload.position() + FRAME - 1), "the frame's bytes");
            return payload;
        }
    }
}
