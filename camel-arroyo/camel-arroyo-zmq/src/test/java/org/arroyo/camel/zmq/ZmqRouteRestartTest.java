package org.arroyo.camel.zmq;

import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Suspended, resumed and supervised routes reconnect cleanly. */
class ZmqRouteRestartTest {

    @Test
    void aSuspendedRouteResumesReceiving() throws Exception {
        String address = FreePorts.tcpAddress();
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to("arroyo-zmq:" + address + "?socketType=PUSH");
                    from("arroyo-zmq:" + address + "?socketType=PULL&receiveTimeout=50").routeId("listener")
                            .to("mock:out");
                }
            });
            context.start();
            MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
            for (int round = 0; round < 3; round++) {
                out.reset();
                out.expectedBodiesReceived(org.arroyo.camel.message.Event.ofBytes(("round " + round).getBytes()));
                context.createProducerTemplate().sendBody("direct:in", "round " + round);
                out.assertIsSatisfied(10_000);
                context.getRouteController().suspendRoute("listener");
                assertEquals(ServiceStatus.Suspended, context.getRouteController().getRouteStatus("listener"));
                context.getRouteController().resumeRoute("listener");
            }
        }
    }

    @Test
    void messagesSentWhileSuspendedWaitInTheSocketAndArriveOnResume() throws Exception {
        String address = FreePorts.tcpAddress();
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to("arroyo-zmq:" + address + "?socketType=PUSH");
                    from("arroyo-zmq:" + address + "?socketType=PULL&receiveTimeout=50").routeId("listener")
                            .to("mock:out");
                }
            });
            context.start();
            context.getRouteController().suspendRoute("listener");
            for (int i = 0; i < 3; i++) {
                context.createProducerTemplate().sendBody("direct:in", "held " + i);
            }
            MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
            await().pollDelay(500, TimeUnit.MILLISECONDS).atMost(1, TimeUnit.SECONDS).until(() -> true);
            assertEquals(0, out.getReceivedCounter(), "a suspended route takes nothing");
            out.expectedMessageCount(3);
            context.getRouteController().resumeRoute("listener");
            out.assertIsSatisfied(10_000);
        }
    }

    @Test
    void theSupervisingControllerStartsARouteOnceItsAddressIsFree() throws Exception {
        String address = FreePorts.tcpAddress();
        try (ZContext squatter = new ZContext()) {
            ZMQ.Socket holder = squatter.createSocket(SocketType.PULL);
            holder.bind(address);
            try (CamelContext context = new DefaultCamelContext()) {
                context.getRouteController().supervising().setBackOffDelay(200);
                context.getRouteController().supervising().setInitialDelay(100);
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("arroyo-zmq:" + address + "?socketType=PULL").routeId("late").to("mock:out");
                        from("direct:in").to("arroyo-zmq:" + address + "?socketType=PUSH");
                    }
                });
                context.start();
                await().pollDelay(500, TimeUnit.MILLISECONDS).atMost(5, TimeUnit.SECONDS)
                        .until(() -> context.getRouteController().getRouteStatus("late") != ServiceStatus.Started);
                holder.close();
                await().atMost(15, TimeUnit.SECONDS)
                        .until(() -> context.getRouteController().getRouteStatus("late") == ServiceStatus.Started);
                MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
                out.expectedMessageCount(1);
                context.createProducerTemplate().sendBody("direct:in", "after the restart");
                out.assertIsSatisfied(10_000);
            }
        }
    }
}
