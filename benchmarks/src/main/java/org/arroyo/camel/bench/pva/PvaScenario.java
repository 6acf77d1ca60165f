package org.arroyo.camel.bench.pva;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.arroyo.camel.bench.Alternation;
import org.arroyo.camel.bench.Mode;
import org.arroyo.camel.bench.Row;
import org.arroyo.camel.pva.peer.PvaPeer;

/**
 * uint16 frames from a core-pva server in another JVM (NDPluginPva's layout, uniqueId rising) through a pvAccess
 * monitor: ours = from(arroyo-pva:PV) into a route that reads a pixel of each Event; raw = core-pva's own client
 * monitor whose callback reads a pixel of each update; and a second such client, whose ratio to the first shows the
 * measurement's own noise. Rounds in turn, the same IOC, each variant subscribed only for its own rounds. At saturation the IOC
 * publishes as fast as it can and skips frames for a client that falls behind (counted from uniqueId gaps); a
 * throttled run must miss none.
 */
public final class PvaScenario {

    /** PvaPy's published figure for one consumer (other hardware), shown beside ours. */
    static final double PVAPY_GBPS = 3.69;

    private PvaScenario() {
    }

    public static void run(Mode mode, Consumer<Row> out) {
        boolean smoke = mode.name().equals("smoke");
        boolean quick = mode.name().equals("quick");
        int rounds = smoke ? 1 : quick ? 2 : 6;
        int[][] sizes = smoke ? new int[][] { { 64, 64, 20, 50 } }
                : new int[][] { { 1024, 1024, quick ? 120 : 600, 10 }, { 2048, 2048, quick ? 60 : 300, 5 } };
        try (PvaPeer ioc = PvaPeer.server()) {
            String pv = "BENCH:" + UUID.randomUUID().toString().substring(0, 8) + ":Pva1:Image";
            ioc.command("ndarray " + pv);
            int nextId = 1;
            for (int[] size : sizes) {
                int width = size[0];
                int height = size[1];
                int frames = size[2];
                double throttle = size[3];
                String label = width + "x" + height + " u16";
                double bytes = 2.0 * width * height;
                List<MonitorVariant> variants = new ArrayList<>();
                try {
                    variants.add(new CamelMonitor(pv, ioc.clientOptions()));
                    variants.add(new RawMonitor(pv, ioc.udpPort()));
                    variants.add(new RawMonitor(pv, ioc.udpPort()));
                    // warm-up: a run each, not measured
                    for (MonitorVariant variant : variants) {
                        nextId = round(ioc, pv, variant, Math.max(10, frames / 4), width, height, nextId, 0).nextId;
                    }
                    List<List<Double>> fps = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                    long[] missed = new long[variants.size()];
                    for (int r = 0; r < rounds; r++) {
                        int n = variants.size();
                        for (int v = 0; v < n; v++) {
                            // rotated forwards, then backwards: in 6 rounds each variant follows each other as often
                            int which = r % 2 == 0 ? (v + r) % n : ((r - v) % n + n) % n;
                            Result result = round(ioc, pv, variants.get(which), frames, width, height, nextId, 0);
                            nextId = result.nextId;
                            fps.get(which).add(result.framesPerSecond);
                            missed[which] += result.missed;
                        }
                    }
                    double oursFps = Alternation.median(fps.get(0));
                    double rawFps = Alternation.median(fps.get(1));
                    out.accept(new Row("pva monitor", label, "frames/s", oursFps, rawFps));
                    out.accept(new Row("pva monitor", label, "frames/s" + Alternation.SPREAD + " of rounds",
                            Alternation.spreadPercent(fps.get(0)), Alternation.spreadPercent(fps.get(1))));
                    // the same client measured twice: how far apart two equal variants land in this run
                    out.accept(new Row("pva monitor, core-pva client vs a second one (noise)", label,
                            "frames/s (ours col = second client)", Alternation.median(fps.get(2)), rawFps));
                    out.accept(new Row("pva monitor", label, "GB/s (PvaPy: " + PVAPY_GBPS + ", 1 consumer, other hw)",
                            oursFps * bytes / 1e9, rawFps * bytes / 1e9));
                    out.accept(new Row("pva monitor", label, "missed at saturation (of " + frames * rounds + ")",
                            missed[0], missed[1]));
                    int throttledFrames = (int) Math.max(10, throttle * (smoke ? 0.5 : 3));
                    Result o = round(ioc, pv, variants.get(0), throttledFrames, width, height, nextId, throttle);
                    nextId = o.nextId;
                    Result c = round(ioc, pv, variants.get(1), throttledFrames, width, height, nextId, throttle);
                    nextId = c.nextId;
                    out.accept(new Row("pva monitor", label, "missed at " + (int) throttle + " Hz (of "
                                                             + throttledFrames + ", lossless)", o.missed, c.missed));
                } catch (Exception e) {
                    out.accept(Row.failed("pva monitor", label, e.toString()));
                } finally {
                    for (MonitorVariant variant : variants) {
                        variant.close();
                    }
                }
            }
        } catch (Exception e) {
            out.accept(Row.failed("pva monitor", "-", e.toString()));
        }
    }

    private record Result(double framesPerSecond, long missed, int nextId) {
    }

    private static Result round(PvaPeer ioc, String pv, MonitorVariant variant, int frames, int width, int height,
                                int first, double hz) throws Exception {
        System.gc(); // each round starts from a collected heap, not the garbage of the one before
        variant.subscribe();
        try {
            return measure(ioc, pv, variant, frames, width, height, first, hz);
        } finally {
            variant.unsubscribe();
        }
    }

    private static Result measure(PvaPeer ioc, String pv, MonitorVariant variant, int frames, int width, int height,
                                  int first, double hz) throws Exception {
        variant.reset(first);
        int last = first + frames - 1;
        ioc.command("blast " + pv + " " + frames + " " + width + " " + height + " " + first + " " + hz);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (variant.lastId() < last) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(variant + " did not get frame " + last + " (last " + variant.lastId()
                                                + ")");
            }
            Thread.sleep(5); // polling a counter the monitor thread advances; bounded by the deadline above
        }
        long received = variant.received();
        double seconds = (variant.lastNanos() - variant.firstNanos()) / 1e9;
        long missed = (last - variant.firstId() + 1) - received;
        // the first frame opens the window: frames/s over the received - 1 intervals
        return new Result(seconds > 0 ? (received - 1) / seconds : Double.NaN, missed, last + 1);
    }

}
