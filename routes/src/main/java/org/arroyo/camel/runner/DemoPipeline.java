package org.arroyo.camel.runner;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.arroyo.camel.view.ArroyoViewComponent;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Stop;

/**
 * {@code arroyo run} with no file: the bundled SAS reduction pipeline ({@code demo/sas-reduction.yaml}) between a
 * simulated detector and a result collector, all over ZeroMQ on tcp loopback, with a progress line each second, a
 * live view of the reduction in the browser and a summary at the end.
 */
final class DemoPipeline {

    /** The demo's live view port when it is free; else any free port (the line printed says which). */
    static final int VIEW_PORT = 9877;

    private final int frames;
    private final double rate;
    private final Map<String, String> props;
    private final PrintStream out;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong curves = new AtomicLong();
    private final AtomicReference<float[]> lastCurve = new AtomicReference<>();
    private final AtomicReference<Stop> stop = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;

    DemoPipeline(int frames, double rate, Map<String, String> props, PrintStream out) {
        this.frames = frames;
        this.rate = rate;
        this.props = props;
        this.out = out;
    }

    int run() {
        String detector = "tcp://127.0.0.1:" + LoopbackPorts.free();
        String results = "tcp://127.0.0.1:" + LoopbackPorts.free();
        Main main = PipelineRunner.newMain(List.of(), props);
        // the demo prints its own progress, and needs no HTTP port unless asked (--prop camel.management.enabled=true)
        main.addInitialProperty("camel.management.enabled", "false");
        main.addInitialProperty(ProgressReporter.INTERVAL_PROPERTY, "0");
        main.addInitialProperty("camel.component.arroyo-view.serverPort",
                String.valueOf(LoopbackPorts.isFree(VIEW_PORT) ? VIEW_PORT : 0));
        main.configure().withRoutesIncludePattern("classpath:demo/sas-reduction.yaml");
        main.addOverrideProperty("arroyo.demo.detector", detector);
        main.addOverrideProperty("arroyo.demo.results", results);
        main.configure().addRoutesBuilder(collector(results));
        long[] startedAt = new long[1];
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                String view = m.getCamelContext().getComponent("arroyo-view", ArroyoViewComponent.class).getViewUrl();
                out.println("  live view: " + view + (rate > 0 ? "" : " (add --rate 20 to watch a run go by)"));
                startedAt[0] = System.nanoTime();
                Thread t = new Thread(() -> detect(m, detector, main), "simulated-detector");
                t.setDaemon(true);
                t.start();
            }
        });
        out.printf(Locale.ROOT, "arroyo demo: %d frames of %d x %d uint32 (%.1f MB each)%s%n", frames,
                SimulatedDetector.HEIGHT, SimulatedDetector.WIDTH, SimulatedDetector.frameBytes() / 1e6,
                rate > 0 ? " at " + rate + " Hz" : ", as fast as the pipeline takes them");
        out.println("  detector (PUSH, msgpack) -> " + detector + " -> [ROI cut -> live view] -> " + results
                    + " -> collector");
        try {
            main.run();
        } catch (Exception e) {
            out.println("arroyo demo failed: " + RouteFiles.describe(e));
            return 1;
        }
        return summary(startedAt[0]);
    }

    /** Ends the run early: the detector sends its Stop now, and the demo ends when it came through. */
    void requestStop() {
        stopRequested = true;
    }

    private void detect(BaseMainSupport m, String detector, Main main) {
        Thread progress = new Thread(this::progress, "demo-progress");
        progress.setDaemon(true);
        progress.start();
        try {
            ProducerTemplate template = m.getCamelContext().createProducerTemplate();
            SimulatedDetector sim = new SimulatedDetector(42);
            String uri = "arroyo-zmq:" + detector + "?socketType=PUSH&codec=msgpack&sendHighWaterMark=50";
            sim.sendRun(template, uri, "demo", frames, rate, sent::set, () -> stopRequested);
            // everything sent: wait for the Stop to come back through the pipeline, but not forever
            if (!finished.await(30, TimeUnit.SECONDS)) {
                out.println("arroyo demo: the pipeline's Stop did not arrive within 30 s");
            }
        } catch (Exception e) {
            out.println("arroyo demo: detector failed: " + RouteFiles.describe(e));
        } finally {
            progress.interrupt();
            main.completed();
        }
    }

    private RouteBuilder collector(String results) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-zmq:" + results + "?socketType=PULL&codec=msgpack").routeId("demo-collector")
                        .process(exchange -> {
                            Object body = exchange.getIn().getBody();
                            if (body instanceof Event event && event.getArray("curve") != null) {
                                NDArray curve = event.getArray("curve");
                                lastCurve.set(curve.toFloatArray());
                                curves.incrementAndGet();
                            } else if (body instanceof Stop s) {
                                stop.set(s);
                                finished.countDown();
                            }
                        });
            }
        };
    }

    private void progress() {
        long t0 = System.nanoTime();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1000);
                double seconds = (System.nanoTime() - t0) / 1e9;
                long done = curves.get();
                out.printf(Locale.ROOT, "  frames sent %d/%d  reduced %d  %.1f frames/s  %.1f MB/s%n", sent.get(),
                        frames, done, done / seconds, done * SimulatedDetector.frameBytes() / 1e6 / seconds);
            }
        } catch (InterruptedException e) {
            // demo finished
        }
    }

    private int summary(long startedAt) {
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        long done = curves.get();
        Stop s = stop.get();
        out.printf(Locale.ROOT, "arroyo demo: %d/%d frames reduced to curves in %.2f s: %.1f frames/s, %.1f MB/s%n",
                done, frames, seconds, done / seconds, done * SimulatedDetector.frameBytes() / 1e6 / seconds);
        float[] curve = lastCurve.get();
        if (curve != null) {
            int peak = 0;
            for (int i = 1; i < curve.length; i++) {
                if (curve[i] > curve[peak]) {
                    peak = i;
                }
            }
            out.printf(Locale.ROOT, "  last curve: %d points, peak %.1f counts at column %d%n", curve.length,
                    curve[peak], peak);
        }
        if (s != null) {
            out.println("  stop: " + s.getData());
        }
        boolean ok = s != null && done == frames;
        out.println(ok ? "arroyo demo: OK" : "arroyo demo: INCOMPLETE");
        return ok ? 0 : 1;
    }
}
