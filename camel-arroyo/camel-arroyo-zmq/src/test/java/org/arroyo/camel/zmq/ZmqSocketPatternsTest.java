package org.arroyo.camel.zmq;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.arroyo.camel.message.ArroyoConstants;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Each socket pattern end to end through routes, over real sockets on tcp loopback. */
class ZmqSocketPatternsTest extends CamelTestSupport {

    private final String pubSub = FreePorts.tcpAddress();
    private final String pushPull = FreePorts.tcpAddress();
    private final String pair = FreePorts.tcpAddress();
    private final String router = FreePorts.tcpAddress();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:pub").to("arroyo-zmq:" + pubSub + "?socketType=PUB&topics=detector.a");
                from("arroyo-zmq:" + pubSub + "?socketType=SUB&topics=detector.a").routeId("sub-a").to("mock:subA");
                from("arroyo-zmq:" + pubSub + "?socketType=SUB&topics=detector.b").routeId("sub-b").to("mock:subB");

                from("direct:push").to("arroyo-zmq:" + pushPull + "?socketType=PUSH");
                from("arroyo-zmq:" + pushPull + "?socketType=PULL").to("mock:pull");

                from("direct:pair").to("arroyo-zmq:" + pair + "?socketType=PAIR&mode=CONNECT");
                from("arroyo-zmq:" + pair + "?socketType=PAIR").to("mock:pair");

                // DEALER asks, ROUTER answers each request back to its sender through a ROUTER producer on the
                // same socket's peer identity
                from("direct:dealer").to("arroyo-zmq:" + router + "?socketType=DEALER&identity=worker-1");
                from("arroyo-zmq:" + router + "?socketType=ROUTER").to("mock:router");
            }
        };
    }

    @Test
    void pubSubDeliversOnlyTheSubscribedTopicAndStripsTheEnvelope() throws Exception {
        MockEndpoint subA = getMockEndpoint("mock:subA");
        MockEndpoint subB = getMockEndpoint("mock:subB");
        // PUB/SUB drops messages sent before the subscription reaches the publisher: send until one arrives
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            template.sendBody("direct:pub", "probe");
            return subA.getReceivedCounter() > 0;
        });
        for (int i = 0; i < 3; i++) {
            template.sendBody("direct:pub", "frame-" + i);
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> frames(subA).size() == 3);
        List<org.apache.camel.Exchange> frames = frames(subA);
        Event first = assertInstanceOf(Event.class, frames.get(0).getIn().getBody());
        assertEquals("frame-0", new String(first.getPayloadBytes(), StandardCharsets.UTF_8));
        assertEquals("detector.a", frames.get(0).getIn().getHeader(ArroyoZmqConstants.TOPIC));
        assertEquals("event", frames.get(0).getIn().getHeader(ArroyoConstants.MESSAGE_TYPE));
        assertEquals(0, subB.getReceivedCounter(), "a SUB on detector.b must not see detector.a");
    }

    private static List<org.apache.camel.Exchange> frames(MockEndpoint mock) {
        return mock.getReceivedExchanges().stream()
                .filter(e -> new String(e.getIn().getBody(byte[].class), StandardCharsets.UTF_8).startsWith("frame-"))
                .toList();
    }

    @Test
    void pushPullDeliversEveryMessageInOrder() throws Exception {
        MockEndpoint pull = getMockEndpoint("mock:pull");
        pull.expectedMessageCount(500);
        for (int i = 0; i < 500; i++) {
            template.sendBody("direct:push", ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        pull.assertIsSatisfied(10_000);
        List<String> bodies = pull.getReceivedExchanges().stream()
                .map(e -> new String(e.getIn().getBody(byte[].class), StandardCharsets.UTF_8)).toList();
        for (int i = 0; i < 500; i++) {
            assertEquals("m" + i, bodies.get(i));
        }
    }

    @Test
    void pairCarriesMessagesBetweenTwoRoutes() throws Exception {
        MockEndpoint pairOut = getMockEndpoint("mock:pair");
        pairOut.expectedBodiesReceived(Event.ofBytes("one".getBytes(StandardCharsets.UTF_8)),
                Event.ofBytes("two".getBytes(StandardCharsets.UTF_8)));
        template.sendBody("direct:pair", "one");
        template.sendBody("direct:pair", "two");
        pairOut.assertIsSatisfied(10_000);
    }

    @Test
    void routerSeesTheDealersIdentity() throws Exception {
        MockEndpoint routerOut = getMockEndpoint("mock:router");
        routerOut.expectedMessageCount(2);
        template.sendBody("direct:dealer", "hello");
        template.sendBody("direct:dealer", "again");
        routerOut.assertIsSatisfied(10_000);
        byte[] identity = routerOut.getReceivedExchanges().get(0).getIn().getHeader(ArroyoZmqConstants.IDENTITY,
                byte[].class);
        assertArrayEquals("worker-1".getBytes(StandardCharsets.UTF_8), identity);
        Event body = routerOut.getReceivedExchanges().get(1).getIn().getBody(Event.class);
        assertEquals("again", new String(body.getPayloadBytes(), StandardCharsets.UTF_8));
    }
}
