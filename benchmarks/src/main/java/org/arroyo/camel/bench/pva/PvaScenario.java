package org.arroyo.camel.bench.pva;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.arroyo.camel.bench.Mode;
import org.arroyo.camel.bench.Row;
import org.arroyo.camel.pva.peer.PvaPeer;

/**
 * uint16 frames from a core-pva server in another JVM (NDPluginPva's layout, uniqueId rising) through a pvAccess
 * monitor: ours = from(arroyo-pva:PV) into a route that reads a pixel of each Event; raw = core-pva's own client
 * monitor whose callback reads a pixel of each update. Alternating rounds, the same IOC. At saturation the IOC
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
        int rounds = smoke ? 1 : quick ? 2 : 3;
        int[][] sizes = smoke ? new int[][] { { 64, 64, 20, 50 } }
                : new int[][] { { 1024, 1024, quick ? 120 : 300, 10 }, { 2048, 2048, quick ? 60 : 150, 5 } };
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
                double[] ours = new double[rounds];
                double[] raw = new double[rounds];
                long oursMissed = 0;
                long rawMissed = 0;
                try (MonitorVariant camel = new CamelMonitor(pv, ioc.clientOptions());
                     MonitorVariant core = new RawMonitor(pv, ioc.udpPort())) {
                    // warm-up: a run each, not measured
                    nextId = round(ioc, pv, camel, Math.max(10, frames / 4), width, height, nextId, 0).nextId;
                    nextId = round(ioc, pv, core, Math.max(10, frames / 4), width, height, nextId, 0).nextId;
                    for (int r = 0; r < rounds; r++) {
                        boolean oursFirst = r % 2 == 0;
                        for (int v = 0; v < 2; v++) {
                            boolean isOurs = (v == 0) == oursFirst;
                            Result result = round(ioc, pv, isOurs ? camel : core, frames, width, height, nextId, 0);
                            nextId = result.nextId;
                            if (isOurs) {
                                ours[r] = result.framesPerSecond;
                                oursMissed += result.missed;
                            } else {
                                raw[r] = result.framesPerSecond;
                                rawMissed += result.missed;
                            }
                        }
                    }
                    double oursFps = median(ours);
                    double rawFps = median(raw);
                    out.accept(new Row("pva monitor", label, "frames/s", oursFps, rawFps));
                    out.accept(new Row("pva monitor", label, "GB/s (PvaPy: " + PVAPY_GBPS + ", 1 consumer, other hw)",
                            oursFps * bytes / 1e9, rawFps * bytes / 1e9));
                    out.accept(new Row("pva monitor", label, "missed at saturation (of " + frames * rounds + ")",
                            oursMissed, rawMissed));
                    int throttledFrames = (int) Math.max(10, throttle * (smoke ? 0.5 : 3));
                    Result o = round(ioc, pv, camel, throttledFrames, width, height, nextId, throttle);
                    nextId = o.nextId;
                    Result c = round(ioc, pv, core, throttledFrames, width, height, nextId, throttle);
                    nextId = c.nextId;
                    out.accept(new Row("pva monitor", label, "missed at " + (int) throttle + " Hz (of "
                                                             + throttledFrames + ", lossless)", o.missed, c.missed));
                } catch (Exception e) {
                    out.accept(Row.failed("pva monitor", label, e.toString()));
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
        variant.reset();
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

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
