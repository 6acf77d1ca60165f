package org.arroyo.camel.view;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A view in a route fed by a real arroyo-zmq consumer shows that consumer's codec errors for the run. */
class RouteConsumerErrorsTest {

    @Test
    void codecErrorsOfTheRunShowBesideItsFrames() throws Exception {
        String address = FreePorts.tcpAddress();
        CamelContext camel = new DefaultCamelContext();
        ArroyoViewComponent component = new ArroyoViewComponent();
        component.setServerPort(0);
        camel.addComponent("arroyo-view", component);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-zmq:" + address + "?socketType=PULL&mode=CONNECT&codec=msgpack").routeId("detector")
                        .to("arroyo-view:detector");
            }
        });
        camel.start();
        MsgpackCodec codec = new MsgpackCodec();
        try (ZContext zmq = new ZContext(1)) {
            ZMQ.Socket push = zmq.createSocket(SocketType.PUSH);
            push.setLinger(0);
            // the detector binds, as detectors do, and the route's PULL connects; the subject is what the view shows,
            // not a send racing the connection, so the sends wait for the handshake
            try (ZMQ.Socket events = zmq.createSocket(SocketType.PAIR)) {
                String monitor = "inproc://route-consumer-errors-monitor";
                push.monitor(monitor, ZMQ.EVENT_HANDSHAKE_PROTOCOL);
                events.connect(monitor);
                events.setReceiveTimeOut(20_000);
                push.bind(address);
                assertNotNull(ZMQ.Event.recv(events), "the route's PULL connected to the detector's PUSH");
            }
            send(push, codec, Start.of(Map.of("run_name", "with errors")));
            push.send(new byte[] { (byte) 0xc1, 1, 2, 3 });
            send(push, codec, Frames.result(0, Frames.uint32(4, 4, -1), Frames.curve(4, 1)));
            push.send("not msgpack at all");
            send(push, codec, Frames.result(1, Frames.uint32(4, 4, -1), Frames.curve(4, 1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> component.hub().states().get(0).frames() == 2);
            ViewState state = component.hub().states().get(0);
            assertEquals(2, state.errors(), "the consumer's two rejected messages");
            assertEquals("with errors", state.start().get("run_name"));
            assertEquals(0, state.dropped());
        } finally {
            camel.stop();
        }
    }

    private static void send(ZMQ.Socket socket, MsgpackCodec codec, ArroyoMessage message) {
        ByteBuffer frame = codec.encode(message).get(0);
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        socket.send(bytes);
    }
}
