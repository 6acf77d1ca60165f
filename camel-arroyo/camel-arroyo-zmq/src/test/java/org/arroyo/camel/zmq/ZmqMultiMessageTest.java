package org.arroyo.camel.zmq;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.MessageCodec;
import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.codec.MultiMessageDecoder;
import org.arroyo.camel.message.ArroyoConstants;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A codec that finds several messages in one ZeroMQ message (as a Bluesky event_page holds one event per row), and
 * one that writes one message as several ZeroMQ messages: each decoded message travels in its own exchange with the
 * envelope's headers, in order; with batching they join the batch; a message rejected inside a batch reaches the
 * exception handler and the others go on.
 */
class ZmqMultiMessageTest {

    /** Each byte of a frame is an Event {"n": byte}; a frame starting with 0xFF is refused. Encodes n as n ZeroMQ messages. */
    static final class PerByteCodec implements MessageCodec {
        @Override
        public String name() {
            return "per-byte";
        }

        @Override
        public List<ByteBuffer> encode(ArroyoMessage message) {
            return List.of(((Event) message).getPayload());
        }

        @Override
        public List<List<ByteBuffer>> encodeAll(ArroyoMessage message) {
            byte[] bytes = ((Event) message).getPayloadBytes();
            List<List<ByteBuffer>> out = new ArrayList<>();
            for (byte b : bytes) {
                out.add(List.of(ByteBuffer.wrap(new byte[] { b })));
            }
            return out;
        }

        @Override
        public MessageDecoder newDecoder() {
            return new MultiMessageDecoder(name()) {
                @Override
                public List<ArroyoMessage> decodeAll(List<ByteBuffer> frames) {
                    ByteBuffer f = frames.get(0).duplicate();
                    if (f.hasRemaining() && f.get(f.position()) == (byte) 0xFF) {
                        throw new CodecException("per-byte codec: a frame may not start with 0xFF");
                    }
                    List<ArroyoMessage> out = new ArrayList<>();
                    while (f.hasRemaining()) {
                        out.add(Event.ofMetadata(Map.of("n", (long) f.get())));
                    }
                    return out;
                }
            };
        }
    }

    private static List<Object> numbers(MockEndpoint mock) {
        List<Object> out = new ArrayList<>();
        for (Exchange e : mock.getReceivedExchanges()) {
            out.add(e.getIn().getBody(Event.class).get("n"));
        }
        return out;
    }

    @Test
    void eachMessageOfOneZeroMqMessageTravelsInItsOwnExchangeWithTheTopic() throws Exception {
        String address = FreePorts.tcpAddress();
        try (ZContext zmq = new ZContext();
             ZMQ.Socket publisher = zmq.createSocket(SocketType.XPUB);
             CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("perByte", new PerByteCodec());
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("arroyo-zmq:" + address + "?socketType=SUB&mode=BIND&topics=det&codec=#perByte")
                            .to("mock:rows");
                }
            });
            context.start();
            MockEndpoint rows = context.getEndpoint("mock:rows", MockEndpoint.class);
            rows.expectedMessageCount(5);
            publisher.setHandshakeIvl(1000);
            publisher.setReceiveTimeOut(10_000);
            assertTrue(publisher.connect(address));
            byte[] subscription = publisher.recv();
            assertEquals("\u0001det", new String(subscription, StandardCharsets.UTF_8), "the route subscribes first");
            publisher.sendMore("det");
            publisher.send(new byte[] { 1, 2, 3 });
            publisher.sendMore("det");
            publisher.send(new byte[] { 4, 5 });
            rows.assertIsSatisfied(10_000);
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), numbers(rows), "in order, one exchange per message");
            for (Exchange e : rows.getReceivedExchanges()) {
                assertEquals("det", e.getIn().getHeader(ArroyoZmqConstants.TOPIC), "each copy keeps the envelope");
                assertEquals("event", e.getIn().getHeader(ArroyoConstants.MESSAGE_TYPE));
            }
        }
    }

    @Test
    void withBatchingTheyJoinTheBatchAndARejectedOneGoesToTheErrorHandler() throws Exception {
        String address = FreePorts.tcpAddress();
        try (ZContext zmq = new ZContext();
             ZMQ.Socket push = zmq.createSocket(SocketType.PUSH);
             CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("perByte", new PerByteCodec());
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(deadLetterChannel("mock:dead"));
                    from("arroyo-zmq:" + address + "?socketType=PULL&batching=true&codec=#perByte"
                         + "&bridgeErrorHandler=true")
                            .split(body()).to("mock:rows");
                }
            });
            context.start();
            MockEndpoint rows = context.getEndpoint("mock:rows", MockEndpoint.class);
            MockEndpoint dead = context.getEndpoint("mock:dead", MockEndpoint.class);
            rows.expectedMessageCount(4);
            dead.expectedMessageCount(1);
            push.setHandshakeIvl(1000);
            assertTrue(push.connect(address));
            push.send(new byte[] { 1, 2 });
            push.send(new byte[] { (byte) 0xFF, 9 });
            push.send(new byte[] { 3, 4 });
            MockEndpoint.assertIsSatisfied(context, 10, TimeUnit.SECONDS);
            assertEquals(List.of(1L, 2L, 3L, 4L), numbers(rows));
            Exception error = dead.getReceivedExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            assertInstanceOf(CodecException.class, error);
            assertTrue(error.getMessage().contains("a frame may not start with 0xFF"), error.getMessage());
        }
    }

    @Test
    void aMessageTheCodecWritesAsSeveralIsSentAsSeveralZeroMqMessages() throws Exception {
        String address = FreePorts.tcpAddress();
        try (ZContext zmq = new ZContext();
             ZMQ.Socket pull = zmq.createSocket(SocketType.PULL);
             CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("perByte", new PerByteCodec());
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to("arroyo-zmq:" + address + "?socketType=PUSH&mode=BIND&codec=#perByte");
                }
            });
            context.start();
            pull.setHandshakeIvl(1000);
            pull.setReceiveTimeOut(10_000);
            // the subject is how the frames go, not a send racing the connection: wait for the handshake first
            try (ZMQ.Socket events = zmq.createSocket(SocketType.PAIR)) {
                String monitor = "inproc://multi-message-monitor-" + System.nanoTime();
                pull.monitor(monitor, ZMQ.EVENT_HANDSHAKE_PROTOCOL);
                events.connect(monitor);
                events.setReceiveTimeOut(10_000);
                assertTrue(pull.connect(address));
                assertTrue(ZMQ.Event.recv(events) != null, "the PULL's handshake with the producer's PUSH");
            }
            context.createProducerTemplate().sendBody("direct:in", Event.ofBytes(new byte[] { 7, 8, 9 }));
            for (int b : new int[] { 7, 8, 9 }) {
                byte[] frame = pull.recv();
                assertEquals(1, frame.length);
                assertEquals(b, frame[0]);
                assertTrue(!pull.hasReceiveMore(), "each its own ZeroMQ message");
            }
        }
    }
}
