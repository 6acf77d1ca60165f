package org.arroyo.camel.zmq;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.operator.ArroyoOperator;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** batching: queued messages travel as one list-bodied exchange through operators and producers, in order. */
class ZmqBatchTest {

    /** Drops every tenth message, so results and inputs differ per batch. */
    static final class DropTenths extends ArroyoOperator {
        @Override
        protected Collection<? extends ArroyoMessage> onEvent(Event event) {
            long n = ByteBuffer.wrap(event.getPayloadBytes()).getLong();
            return n % 10 == 9 ? List.of() : List.of(event);
        }
    }

    @Test
    void batchesKeepOrderThroughAnOperatorAndAProducer() throws Exception {
        String in = FreePorts.tcpAddress();
        String out = FreePorts.tcpAddress();
        AtomicInteger batches = new AtomicInteger();
        try (ZContext zmq = new ZContext();
             ZMQ.Socket feeder = zmq.createSocket(SocketType.PUSH);
             ZMQ.Socket collector = zmq.createSocket(SocketType.PULL);
             CamelContext context = new DefaultCamelContext()) {
            collector.bind(out);
            collector.setReceiveTimeOut(100);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("arroyo-zmq:" + in + "?socketType=PULL&batching=true&batchSize=32")
                            .process(e -> {
                                if (e.getIn().getBody() instanceof List<?> list) {
                                    assertTrue(list.size() <= 32);
                                    batches.incrementAndGet();
                                }
                            })
                            .process(new DropTenths())
                            .to("arroyo-zmq:" + out + "?socketType=PUSH");
                }
            });
            context.start();
            feeder.setHandshakeIvl(1000);
            feeder.connect(in);
            for (long i = 0; i < 5000; i++) {
                feeder.send(ByteBuffer.allocate(8).putLong(0, i).array(), 0);
            }
            List<Long> received = new ArrayList<>();
            await().atMost(20, TimeUnit.SECONDS).until(() -> {
                byte[] frame;
                while ((frame = collector.recv(0)) != null) {
                    received.add(ByteBuffer.wrap(frame).getLong());
                }
                return received.size() >= 4500;
            });
            assertEquals(4500, received.size());
            long expected = 0;
            for (long n : received) {
                if (expected % 10 == 9) {
                    expected++;
                }
                assertEquals(expected++, n, "in order, every tenth dropped, nothing else lost");
            }
            assertTrue(batches.get() > 0, "5000 queued messages must have formed at least one batch");
        }
    }

    @Test
    void aRouterConsumerCannotBatch() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("arroyo-zmq:" + FreePorts.tcpAddress() + "?socketType=ROUTER&batching=true&batchSize=8").to("log:x");
                }
            });
            Exception e = assertThrows(Exception.class, context::start);
            StringBuilder all = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                all.append(t.getMessage());
            }
            assertTrue(all.toString().contains("a ROUTER consumer cannot batch"), all.toString());
        }
    }
}
