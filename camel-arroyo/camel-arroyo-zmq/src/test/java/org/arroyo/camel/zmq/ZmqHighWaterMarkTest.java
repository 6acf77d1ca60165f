package org.arroyo.camel.zmq;

import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a producer does at the high-water mark with no peer taking messages, and the consumer readiness check. */
class ZmqHighWaterMarkTest extends CamelTestSupport {

    // nobody binds these: a connecting PUSH queues up to the HWM, then has no room
    private final String nowhere = FreePorts.tcpAddress();
    private final String nowhere2 = FreePorts.tcpAddress();
    private final String listening = FreePorts.tcpAddress();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:block").to("arroyo-zmq:" + nowhere
                                        + "?socketType=PUSH&immediate=true&sendHighWaterMark=1&sendTimeout=300");
                from("direct:drop").to("arroyo-zmq:" + nowhere2
                                       + "?socketType=PUSH&immediate=true&sendHighWaterMark=1&blockWhenFull=false");
                from("arroyo-zmq:" + listening + "?socketType=PULL").routeId("listener").to("mock:ignored");
            }
        };
    }

    @Test
    void aBlockingProducerFailsTheExchangeAfterSendTimeout() {
        // the first messages fill the pipe up to the HWM; the next has no room and waits sendTimeout, then fails
        Exchange failed = null;
        long started = 0;
        for (int i = 0; i < 10 && failed == null; i++) {
            started = System.nanoTime();
            Exchange result = template.send("direct:block", e -> e.getIn().setBody("frame"));
            failed = result.getException() != null ? result : null;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(failed != null, "with no peer a blocking producer must run out of room");
        ZmqSendException error = assertInstanceOf(ZmqSendException.class, failed.getException());
        assertTrue(error.getMessage().contains("sendTimeout=300"), error.getMessage());
        assertTrue(millis >= 250, "waited for room before failing, took " + millis + " ms");
    }

    @Test
    void aDroppingProducerCompletesAndCountsTheDrops() {
        ArroyoZmqEndpoint endpoint = context.getEndpoint("arroyo-zmq:" + nowhere2
                                                         + "?socketType=PUSH&immediate=true&sendHighWaterMark=1"
                                                         + "&blockWhenFull=false",
                ArroyoZmqEndpoint.class);
        for (int i = 0; i < 10; i++) {
            Exchange result = template.send("direct:drop", e -> e.getIn().setBody("frame"));
            assertNull(result.getException(), "dropping is not an error for the route");
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> endpoint.getSentCount() + endpoint.getDroppedCount() == 10);
        assertTrue(endpoint.getDroppedCount() >= 7, "dropped " + endpoint.getDroppedCount());
    }

    @Test
    void theConsumerIsReadyWhileItsLoopRuns() throws Exception {
        HealthCheck check = HealthCheckHelper.getHealthCheckRepository(context, "consumers")
                .stream().filter(c -> c.getId().contains("listener")).findFirst().orElseThrow();
        assertEquals(HealthCheck.State.UP, check.call().getState());
        context.getRouteController().stopRoute("listener");
        assertEquals(HealthCheck.State.DOWN, check.call().getState());
    }
}
