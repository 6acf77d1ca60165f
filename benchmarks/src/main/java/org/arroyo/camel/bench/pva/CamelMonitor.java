package org.arroyo.camel.bench.pva;

import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.support.ArroyoConsumer;

/** Ours: from(arroyo-pva:PV) into a route that reads a pixel of each Event's frame. */
final class CamelMonitor extends MonitorVariant {

    private final CamelContext context = new DefaultCamelContext();

    CamelMonitor(String pv, String clientOptions) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-pva:" + pv + "?" + clientOptions + "&runStart=none").routeId("bench-pva").autoStartup(false)
                        .process(e -> {
                            if (e.getMessage().getBody() instanceof Event event) {
                                NDArray image = event.getArray("image");
                                frame(((Number) event.get("frame_number")).intValue(),
                                        image.getDouble(image.size() / 2));
                            }
                        });
            }
        });
        context.start();
    }

    @Override
    void subscribe() throws Exception {
        context.getRouteController().startRoute("bench-pva");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // ready = the server has answered the subscription, so the round's first frames are not sent before it
        while (!(context.getRoute("bench-pva").getConsumer() instanceof ArroyoConsumer c && c.isReady())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("arroyo-pva did not connect: route "
                                                + context.getRouteController().getRouteStatus("bench-pva") + ", last error "
                                                + (context.getRoute("bench-pva").getConsumer() instanceof ArroyoConsumer c
                                                        ? c.lastError() : "-"));
            }
            Thread.sleep(10);
        }
    }

    @Override
    void unsubscribe() throws Exception {
        context.getRouteController().stopRoute("bench-pva");
    }

    @Override
    public String toString() {
        return "arroyo-pva route";
    }

    @Override
    public void close() {
        context.stop();
    }
}
