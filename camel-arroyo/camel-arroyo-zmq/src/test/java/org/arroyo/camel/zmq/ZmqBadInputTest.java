package org.arroyo.camel.zmq;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.MessageCodec;
import org.arroyo.camel.codec.MessageDecoder;
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
 * Malformed frames interleaved with good ones, from a raw JeroMQ peer: every good one arrives, every bad one reaches
 * the dead letter channel (through bridgeErrorHandler) with its bytes and a clear message, and the consumer stays up.
 * The codec is a user's own, registered as a bean and chosen with codec=#strict.
 */
class ZmqBadInputTest extends CamelTestSupport {

    private final String address = FreePorts.tcpAddress();

    /** Accepts frames that start with "ok:", rejects the rest. */
    @Override
    protected void bindToRegistry(org.apache.camel.spi.Registry registry) {
        registry.bind("strict", STRICT);
    }

    private static final MessageCodec STRICT = new MessageCodec() {
        @Override
        public String name() {
            return "strict";
        }

        @Override
        public List<ByteBuffer> encode(ArroyoMessage message) {
            return List.of(((Event) message).getPayload());
        }

        @Override
        public MessageDecoder newDecoder() {
            return frames -> {
                String text = StandardCharsets.UTF_8.decode(frames.get(0).duplicate()).toString();
                if (!text.startsWith("ok:")) {
                    throw new CodecException("strict codec: frame does not start with 'ok:' (got '" + text + "')");
                }
                return Event.ofBytes(text.substring(3).getBytes(StandardCharsets.UTF_8));
            };
        }
    };

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead"));
                from("arroyo-zmq:" + address + "?socketType=PULL&codec=#strict&bridgeErrorHandler=true")
                        .routeId("listener")
                        .to("mock:good");
            }
        };
    }

    @Test
    void badFramesGoToTheDeadLetterAndTheConsumerKeepsConsuming() throws Exception {
        MockEndpoint good = getMockEndpoint("mock:good");
        MockEndpoint dead = getMockEndpoint("mock:dead");
        good.expectedMessageCount(50);
        dead.expectedMessageCount(25);
        try (ZContext zmq = new ZContext(); ZMQ.Socket push = zmq.createSocket(SocketType.PUSH)) {
            push.setHandshakeIvl(1000); // JeroMQ 0.6 may stall a fresh handshake (zeromq/jeromq#1022)
            push.connect(address);
            for (int i = 0; i < 50; i++) {
                push.send("ok:" + i);
                if (i % 2 == 0) {
                    push.send("garbage " + i);
                }
            }
            good.assertIsSatisfied(10_000);
            dead.assertIsSatisfied(10_000);
        }
        for (int i = 0; i < 50; i++) {
            Event event = good.getReceivedExchanges().get(i).getIn().getBody(Event.class);
            assertEquals(String.valueOf(i), new String(event.getPayloadBytes(), StandardCharsets.UTF_8));
        }
        Exchange firstDead = dead.getReceivedExchanges().get(0);
        Throwable cause = firstDead.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        CodecException error = assertInstanceOf(CodecException.class, cause);
        assertTrue(error.getMessage().contains("does not start with 'ok:'"), error.getMessage());
        List<?> raw = firstDead.getIn().getHeader(ArroyoZmqConstants.RAW_FRAMES, List.class);
        assertEquals("garbage 0", new String((byte[]) raw.get(0), StandardCharsets.UTF_8));
        assertEquals("strict", firstDead.getIn().getHeader(ArroyoZmqConstants.CODEC));
        assertEquals(org.apache.camel.ServiceStatus.Started,
                context.getRouteController().getRouteStatus("listener"));
    }
}
