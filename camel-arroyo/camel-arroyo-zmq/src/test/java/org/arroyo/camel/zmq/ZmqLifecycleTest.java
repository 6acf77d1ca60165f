package org.arroyo.camel.zmq;

import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.test.FreePorts;
import org.arroyo.camel.test.JeromqThreads;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping and restarting leaves no sockets bound and no JeroMQ or component threads alive. */
class ZmqLifecycleTest {

    @Test
    void twentyRestartsLeaveNoThreadsAndRebindTheSamePort() throws Exception {
        String address = FreePorts.tcpAddress();
        for (int round = 0; round < 20; round++) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to("arroyo-zmq:" + address + "?socketType=PUSH&mode=CONNECT");
                    from("arroyo-zmq:" + address + "?socketType=PULL&receiveTimeout=50").to("mock:out");
                }
            });
            context.start();
            MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
            out.expectedMessageCount(5);
            for (int i = 0; i < 5; i++) {
                context.createProducerTemplate().sendBody("direct:in", "round " + round + " message " + i);
            }
            out.assertIsSatisfied(10_000);
            long started = System.nanoTime();
            context.stop();
            assertEquals(ServiceStatus.Stopped, context.getStatus());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 5_000,
                    "stop must be prompt (bounded by receiveTimeout and linger)");
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> JeromqThreads.alive().isEmpty());
        assertEquals(java.util.List.of(), JeromqThreads.alive());
    }

    @Test
    void bindingAnAddressInUseFailsTheRouteStartWithTheAddress() throws Exception {
        String address = FreePorts.tcpAddress();
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("arroyo-zmq:" + address + "?socketType=PULL").routeId("first").to("mock:a");
                    from("arroyo-zmq:" + address + "?socketType=PULL").routeId("second").autoStartup(false)
                            .to("mock:b");
                }
            });
            context.start();
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> context.getRouteController().startRoute("second"));
            String message = String.valueOf(e.getMessage()) + " " + e.getCause();
            assertTrue(message.contains(address.substring("tcp://".length())), message);
            assertEquals(ServiceStatus.Started, context.getRouteController().getRouteStatus("first"));
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> JeromqThreads.alive().isEmpty());
    }
}
