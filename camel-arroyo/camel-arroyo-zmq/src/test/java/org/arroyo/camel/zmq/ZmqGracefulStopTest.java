package org.arroyo.camel.zmq;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stopping a pipeline mid-stream at full rate: every message the listener accepted comes out of the publisher, in
 * order, none twice.
 */
class ZmqGracefulStopTest {

    @Test
    void everyAcceptedMessageIsPublishedWhenStoppedMidStream() throws Exception {
        String in = FreePorts.tcpAddress();
        String out = FreePorts.tcpAddress();
        List<Long> collected = new ArrayList<>();
        AtomicBoolean feeding = new AtomicBoolean(true);
        try (ZContext zmq = new ZContext();
             ZMQ.Socket collector = zmq.createSocket(SocketType.PULL);
             ZMQ.Socket feeder = zmq.createSocket(SocketType.PUSH)) {
            collector.bind(out);
            collector.setReceiveTimeOut(100);
            feeder.setLinger(0);
            feeder.setHandshakeIvl(1000);
            feeder.setSndHWM(100_000);

            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("arroyo-zmq:" + in + "?socketType=PULL&receiveHighWaterMark=5000").routeId("relay")
                            .to("arroyo-zmq:" + out + "?socketType=PUSH&linger=5000");
                }
            });
            context.start();
            ArroyoZmqConsumer listener = (ArroyoZmqConsumer) context.getRoute("relay").getConsumer();
            ArroyoZmqEndpoint publisher = context.getEndpoint("arroyo-zmq:" + out + "?socketType=PUSH&linger=5000",
                    ArroyoZmqEndpoint.class);

            feeder.connect(in);
            feeder.setSendTimeOut(100);
            Thread feed = new Thread(() -> {
                // a number moves on only when the socket took it, so what the listener sees has no gaps
                for (long i = 0; i < 200_000 && feeding.get(); ) {
                    if (feeder.send(ByteBuffer.allocate(8).putLong(0, i).array(), 0)) {
                        i++;
                    }
                }
            });
            feed.start();
            await().atMost(20, TimeUnit.SECONDS).until(() -> listener.getReceivedCount() >= 5_000);
            context.stop();
            feeding.set(false);
            feed.join();

            long accepted = listener.getReceivedCount();
            assertEquals(accepted, publisher.getSentCount(), "every accepted message was handed to the socket");
            await().atMost(20, TimeUnit.SECONDS).until(() -> {
                byte[] frame;
                while ((frame = collector.recv(0)) != null) {
                    collected.add(ByteBuffer.wrap(frame).getLong());
                }
                return collected.size() >= accepted;
            });
            assertEquals(accepted, collected.size());
            for (int i = 0; i < collected.size(); i++) {
                assertEquals(i, collected.get(i), "in order, none lost, none twice");
            }
            assertTrue(accepted >= 5_000);
            context.close();
        }
    }

}
