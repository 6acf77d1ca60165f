package org.arroyo.camel.bench.jmh;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.arroyo.camel.bench.Mode;
import org.arroyo.camel.bench.Ports;
import org.arroyo.camel.bench.Row;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Scenario 4: runs the decode and ROI micro-benchmarks through JMH's {@link Runner} with the GC profiler and turns
 * them into rows: MB/s of frame bytes and bytes allocated per operation ({@code gc.alloc.rate.norm}).
 */
public final class JmhScenario {

    /** Payload bytes per decode scenario, for the "allocates no more than the frame + 1 KiB" target. */
    public static final Map<String, Long> FRAME_BYTES = new java.util.concurrent.ConcurrentHashMap<>();

    private JmhScenario() {
    }

    public static void run(Mode mode, Consumer<Row> out) {
        try {
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(DecodeBenchmarks.class.getName() + "\\..*")
                    .include(RoiBenchmarks.class.getName() + "\\..*")
                    .include(ExchangeBenchmarks.class.getName() + "\\..*")
                    .addProfiler(GCProfiler.class)
                    .forks(mode.jmhForks())
                    .warmupIterations(mode.jmhIterations())
                    .warmupTime(TimeValue.milliseconds(mode.jmhIterationMillis()))
                    .measurementIterations(mode.jmhIterations())
                    .measurementTime(TimeValue.milliseconds(mode.jmhIterationMillis()))
                    .shouldFailOnError(true)
                    .verbosity(VerboseMode.SILENT);
            if (mode.jmhForks() > 0) {
                // a heap that holds a few 26 MB frames without GC noise, same GC as the host run
                options.jvmArgsAppend("-Xms1g", "-Xmx1g");
            }
            Collection<RunResult> results = new Runner(options.build()).run();
            Map<String, double[]> byName = new HashMap<>();
            for (RunResult r : results) {
                String name = r.getParams().getBenchmark();
                byName.put(name.substring(name.lastIndexOf('.') + 1),
                        new double[] { r.getPrimaryResult().getScore(), allocPerOp(r) });
            }
            long sas = Frames.sasMsgpack().length;
            byte[][] tp = Frames.timepixMultipart();
            long timepix = tp[0].length + tp[1].length;
            rows(out, "decode msgpack SAS 1679x1475 u32", sas, byName, "msgpackSas");
            rows(out, "decode msgpack-multipart 256x256x100", timepix, byName, "multipartTimepix");
            rows(out, "ROI cut 10 rows of 1679x1475 u32", RoiBenchmarks.bandBytes(), byName, "roiCut");
            perOperation(out, "consumer exchange, deferred vs eager header", byName, "exchange");
        } catch (Exception e) {
            out.accept(Row.failed("jmh", "-", String.valueOf(e.getMessage())));
        }
    }

    private static void rows(Consumer<Row> out, String scenario, long bytes, Map<String, double[]> byName,
                             String prefix) {
        FRAME_BYTES.put(scenario, bytes);
        double[] ours = byName.get(prefix + "Ours");
        double[] raw = byName.get(prefix + "Raw");
        String size = Ports.sizeLabel(bytes).contains(" B") ? String.format("%.1f MB", bytes / 1e6)
                : Ports.sizeLabel(bytes);
        if (ours == null || raw == null) {
            out.accept(Row.failed(scenario, size, "no JMH result for " + prefix));
            return;
        }
        out.accept(new Row(scenario, size, "MB/s (of " + (bytes < 1e6 ? "bytes read" : "frame bytes") + ")",
                ours[0] * bytes / 1e6, raw[0] * bytes / 1e6));
        out.accept(new Row(scenario, size, "alloc B/op", ours[1], raw[1]));
    }

    /** Rows of operations per second and bytes allocated per operation, for benchmarks that move no frame bytes. */
    private static void perOperation(Consumer<Row> out, String scenario, Map<String, double[]> byName, String prefix) {
        double[] ours = byName.get(prefix + "Ours");
        double[] raw = byName.get(prefix + "Raw");
        if (ours == null || raw == null) {
            out.accept(Row.failed(scenario, "-", "no JMH result for " + prefix));
            return;
        }
        out.accept(new Row(scenario, "-", "ops/s", ours[0], raw[0]));
        out.accept(new Row(scenario, "-", "alloc B/op", ours[1], raw[1]));
    }

    /** gc.alloc.rate.norm; the label carried a "·" prefix in older JMH versions. */
    private static double allocPerOp(RunResult r) {
        for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                return e.getValue().getScore();
            }
        }
        return Double.NaN;
    }
}
