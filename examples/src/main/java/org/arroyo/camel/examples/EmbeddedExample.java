package org.arroyo.camel.examples;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;

/**
 * Runs {@link DetectorReductionRoutes} in a plain {@link DefaultCamelContext}: sends one run of small frames through
 * it and prints the curves that come back. {@code ./mvnw -q -pl examples -am package -DskipTests} then
 * {@code java -cp ... org.arroyo.camel.examples.EmbeddedExample}, or see the README.
 */
public final class EmbeddedExample {

    private EmbeddedExample() {
    }

    public static void main(String[] args) throws Exception {
        int curves = run("tcp://127.0.0.1:5601", "tcp://127.0.0.1:5602", 10);
        System.out.println("received " + curves + " curves");
    }

    /** Sends a run of {@code frames} frames through the routes; returns the number of curves received. */
    public static int run(String detector, String results, int frames) throws Exception {
        AtomicInteger curves = new AtomicInteger();
        CountDownLatch stopped = new CountDownLatch(1);
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new DetectorReductionRoutes(detector, results));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("arroyo-zmq:" + results + "?socketType=PULL&mode=BIND&codec=msgpack").process(e -> {
                        Object body = e.getIn().getBody();
                        if (body instanceof Event event) {
                            NDArray curve = event.getArray("curve");
                            System.out.printf("frame %s: curve of %d points, first %.1f%n",
                                    event.get("frame_number"), curve.size(), curve.getDouble(0));
                            curves.incrementAndGet();
                        } else if (body instanceof Stop) {
                            stopped.countDown();
                        }
                    });
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            String uri = "arroyo-zmq:" + detector + "?socketType=PUSH&codec=msgpack";
            template.sendBody(uri, Start.of(Map.of("run_name", "embedded")));
            for (int i = 0; i < frames; i++) {
                float[] pixels = new float[32 * 40];
                java.util.Arrays.fill(pixels, i);
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("frame_number", (long) i);
                template.sendBody(uri, Event.ofArray(meta, "image", NDArray.ofFloats(pixels, 32, 40)));
            }
            template.sendBody(uri, Stop.of(Map.of("num_frames", (long) frames)));
            if (!stopped.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the run's Stop did not come back");
            }
        }
        return curves.get();
    }
}
