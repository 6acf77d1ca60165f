package org.arroyo.camel.zmq;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.message.ArroyoConstants;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SAS msgpack events from a raw JeroMQ peer, interleaved with four kinds of malformed frames: the good ones arrive in
 * order, each bad one reaches the dead letter channel with a CodecException naming its problem and its raw bytes, and
 * the consumer's route stays started.
 */
class MsgpackBadInputTest extends CamelTestSupport {

    private static final int GOOD = 40;
    private static final int HEIGHT = 2;
    private static final int WIDTH = 3;

    private final String address = FreePorts.tcpAddress();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead"));
                from("arroyo-zmq:" + address + "?socketType=PULL&codec=msgpack&bridgeErrorHandler=true")
                        .routeId("listener")
                        .to("mock:good");
            }
        };
    }

    /** A bad frame and a piece of the message its CodecException must hold. */
    private record Bad(byte[] frame, String expected) {
    }

    @Test
    void malformedMsgpackGoesToTheDeadLetterWithItsBytesAndTheGoodEventsArriveInOrder() throws Exception {
        List<Bad> bads = new ArrayList<>();
        MockEndpoint good = getMockEndpoint("mock:good");
        MockEndpoint dead = getMockEndpoint("mock:dead");
        good.expectedMessageCount(GOOD);
        dead.expectedMessageCount(GOOD / 2);
        try (ZContext zmq = new ZContext(); ZMQ.Socket push = zmq.createSocket(SocketType.PUSH)) {
            push.setHandshakeIvl(1000); // JeroMQ 0.6.0 may stall a fresh connect's handshake (zeromq/jeromq#1022)
            push.connect(address);
            for (int i = 0; i < GOOD; i++) {
                assertTrue(push.send(sasEvent(i, "uint32", pixels(i), new int[] { HEIGHT, WIDTH })));
                if (i % 2 == 0) {
                    Bad bad = bad(i / 2 % 4, i);
                    bads.add(bad);
                    assertTrue(push.send(bad.frame()));
                }
            }
            good.assertIsSatisfied(10_000);
            dead.assertIsSatisfied(10_000);
        }

        for (int i = 0; i < GOOD; i++) {
            Exchange exchange = good.getReceivedExchanges().get(i);
            Event event = assertInstanceOf(Event.class, exchange.getIn().getBody());
            assertEquals((long) i, event.get("frame_number"));
            NDArray image = event.getArray("image");
            assertEquals(DType.UINT32, image.dtype());
            assertArrayEquals(new int[] { HEIGHT, WIDTH }, image.shape());
            assertEquals(i * 10.0 + 5, image.getDouble(5));
            assertEquals("event", exchange.getIn().getHeader(ArroyoConstants.MESSAGE_TYPE));
        }
        for (int k = 0; k < bads.size(); k++) {
            Exchange exchange = dead.getReceivedExchanges().get(k);
            Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            CodecException error = assertInstanceOf(CodecException.class, caught, "dead letter " + k);
            assertTrue(error.getMessage().contains("codec 'msgpack' rejected a message of " + bads.get(k).frame().length
                                                   + " bytes: msgpack codec:"),
                    error.getMessage());
            assertTrue(error.getMessage().contains(bads.get(k).expected()),
                    "dead letter " + k + ": expected '" + bads.get(k).expected() + "' in: " + error.getMessage());
            List<?> raw = exchange.getIn().getHeader(ArroyoConstants.RAW_FRAMES, List.class);
            assertEquals(1, raw.size());
            assertArrayEquals(bads.get(k).frame(), (byte[]) raw.get(0), "raw bytes of dead letter " + k);
            assertEquals("msgpack", exchange.getIn().getHeader(ArroyoConstants.CODEC));
        }
        assertEquals(ServiceStatus.Started, context.getRouteController().getRouteStatus("listener"));
    }

    private static Bad bad(int kind, int i) throws IOException {
        return switch (kind) {
            case 0 -> {
                byte[] whole = sasEvent(1000 + i, "uint32", pixels(i), new int[] { HEIGHT, WIDTH });
                yield new Bad(Arrays.copyOf(whole, whole.length / 2), "truncated msgpack frame");
            }
            case 1 -> {
                MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
                p.packArrayHeader(3).packInt(1).packInt(2).packString("event");
                yield new Bad(p.toByteArray(), "expected a map at the top level");
            }
            case 2 -> new Bad(sasEvent(2000 + i, "uint32", new byte[10], new int[] { HEIGHT, WIDTH }),
                    "array 'image' has 10 bytes but uint32 x [2, 3] needs 24");
            default -> new Bad(sasEvent(3000 + i, "complex256", new byte[HEIGHT * WIDTH * 32], new int[] { HEIGHT, WIDTH }),
                    "unknown dtype 'complex256'");
        };
    }

    /** Frame i's uint32 pixels: 10 i + index, little-endian. */
    private static byte[] pixels(int i) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(HEIGHT * WIDTH * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < HEIGHT * WIDTH; k++) {
            buf.putInt(i * 10 + k);
        }
        return buf.array();
    }

    /** An arroyosas event as Python's msgpack writes it. */
    static byte[] sasEvent(int frameNumber, String dtype, byte[] data, int[] shape) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(4);
        p.packString("msg_type").packString("event");
        p.packString("image").packMapHeader(1).packString("array").packMapHeader(3);
        p.packString("data").packBinaryHeader(data.length).writePayload(data);
        p.packString("dtype").packString(dtype);
        p.packString("shape").packArrayHeader(shape.length);
        for (int d : shape) {
            p.packInt(d);
        }
        p.packString("frame_number").packInt(frameNumber);
        p.packString("tiled_url").packString("http://tiled/frames/" + frameNumber);
        return p.toByteArray();
    }
}
