package org.arroyo.camel.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.arroyo.camel.bench.jmh.JmhScenario;
import org.arroyo.camel.bench.zmq.RelayScenario;
import org.arroyo.camel.bench.zmq.RunnerScenario;

/** The targets, checked against the rows of a run: one line each, met / NOT met / not measured. */
final class Targets {

    private Targets() {
    }

    static void print(List<Row> rows, PrintStream out) {
        out.println();
        out.println("Targets:");
        for (String scenario : List.of("zmq relay (Java DSL)", "zmq relay (YAML)")) {
            for (String size : List.of("64 B", "1 KiB")) {
                ratio(out, rows, scenario, size, "msgs/s", r -> r >= 0.80, ">= 0.80");
            }
            for (String size : List.of("1 MiB", "4 MiB")) {
                ratio(out, rows, scenario, size, "bytes/s", r -> r >= 0.95, ">= 0.95");
            }
            absolute(out, rows, scenario, "4 MiB", "bytes/s", 1e9, ">= 1 GB/s through one route");
        }
        // an Eiger2 4M's 2 GB/s of 4-16 MiB frames through one route (issue 15)
        for (String size : List.of("4 MiB", "16 MiB")) {
            absolute(out, rows, "zmq relay (Java DSL)", size, "bytes/s", 1.5e9, ">= 1.5 GB/s through one route (issue 15)");
        }
        // the runner in its own process, as users deploy it
        for (String size : List.of("64 B", "1 KiB", "64 KiB", "1 MiB", "4 MiB", "16 MiB")) {
            ratio(out, rows, RunnerScenario.RUNNER_ROW, size, "msgs/s (raw col = in-process)", r -> r >= 0.80,
                    ">= 0.80 of the route in-process");
            boolean small = size.equals("64 B") || size.equals("1 KiB");
            ratio(out, rows, RunnerScenario.PYTHON_ROW, size, "msgs/s (raw col = Python)", small ? r -> r >= 5.0
                    : r -> r >= 1.5, small ? ">= 5x the Python relay" : ">= 1.5x the Python relay");
        }
        // one exchange per message against Camel's own floor, and against raw JeroMQ at 64 B
        for (String size : List.of("64 B", "1 KiB")) {
            ratio(out, rows, RelayScenario.OVER_FLOOR_ROW, size, "msgs/s (raw col = floor)", r -> r >= 0.90,
                    ">= 0.90 of Camel's floor");
        }
        ratio(out, rows, "zmq relay (Java DSL)", "64 B", "msgs/s", r -> r >= 0.35, ">= 0.35 (issue 15)");
        ratio(out, rows, "zmq relay (Java DSL, batching=true)", "64 B", "msgs/s", r -> r >= 0.95, ">= 0.95 (issue 15)");
        // the same route with the consumer's batching: small messages share exchanges
        for (String size : List.of("64 B", "1 KiB")) {
            ratio(out, rows, "zmq relay (Java DSL, batching=true)", size, "msgs/s", r -> r >= 0.80, ">= 0.80");
        }
        for (String scenario : List.of("zmq relay latency (Java DSL)", "zmq relay latency (YAML)")) {
            for (String size : List.of("1 KiB @10 kHz", "1 MiB @1 kHz")) {
                ratio(out, rows, scenario, size, "p99 us", r -> r <= 2.0, "<= 2x raw");
            }
        }
        // a live view with a page connected must not slow the pipeline it watches
        for (String size : List.of("64 B", "1 MiB", "4 MiB")) {
            ratio(out, rows, RelayScenario.VIEW_ROW, size, "msgs/s (raw col = no view)", r -> r >= 0.90,
                    ">= 0.90 of the relay without");
        }
        for (String size : List.of("4 MiB")) {
            ratio(out, rows, RelayScenario.FRAMES_VIEW_ROW, size, "bytes/s (raw col = no view)", r -> r >= 0.90,
                    ">= 0.90 of the frame relay without");
        }
        ratio(out, rows, "redis producer PUBLISH (window 128)", "1 KiB", "msgs/s", r -> r >= 0.90, ">= 0.90");
        ratio(out, rows, "redis producer XADD (window 128)", "1 KiB", "msgs/s", r -> r >= 0.90, ">= 0.90");
        ratio(out, rows, "redis stream group + XACK", "1 KiB", "msgs/s", r -> r >= 0.80, ">= 0.80");
        ratio(out, rows, "redis stream group + XACK (batching=true)", "1 KiB", "msgs/s", r -> r >= 0.80, ">= 0.80");
        for (String size : List.of("1024x1024 u16", "2048x2048 u16")) {
            ratio(out, rows, "pva monitor", size, "frames/s", r -> r >= 0.90, ">= 0.90 of core-pva's client (issue 12)");
        }
        for (Row r : rows) {
            if (r.scenario().startsWith("decode") && r.metric().equals("alloc B/op")) {
                long frame = JmhScenario.FRAME_BYTES.getOrDefault(r.scenario(), 0L);
                boolean met = r.ours() <= frame + 1024;
                out.printf(Locale.ROOT, "  %-9s %s alloc %.0f B/op <= frame %d B + 1 KiB%n", met ? "met" : "NOT met",
                        r.scenario(), r.ours(), frame);
            }
        }
        for (Row r : rows) {
            if (r.scenario().equals("zmq relay YAML vs Java DSL")) {
                boolean met = Math.abs(r.ratio() - 1) <= 0.10;
                out.printf(Locale.ROOT, "  %-9s YAML == Java DSL within 10%% at %s: %.2f%n", met ? "met" : "NOT met",
                        r.size(), r.ratio());
            }
        }
    }

    private static Row find(List<Row> rows, String scenario, String size, String metric) {
        return rows.stream().filter(r -> r.scenario().equals(scenario) && r.size().equals(size)
                                         && r.metric().equals(metric)).findFirst().orElse(null);
    }

    private static void ratio(PrintStream out, List<Row> rows, String scenario, String size, String metric,
                              Predicate<Double> ok, String want) {
        Row r = find(rows, scenario, size, metric);
        if (r == null || Double.isNaN(r.ratio())) {
            out.printf(Locale.ROOT, "  %-9s %s %s %s ratio %s%n", "n/a", scenario, size, metric, want);
            return;
        }
        out.printf(Locale.ROOT, "  %-9s %s %s %s ratio %.2f %s%n", ok.test(r.ratio()) ? "met" : "NOT met", scenario,
                size, metric, r.ratio(), want);
    }

    private static void absolute(PrintStream out, List<Row> rows, String scenario, String size, String metric,
                                 double min, String want) {
        Row r = find(rows, scenario, size, metric);
        if (r == null || Double.isNaN(r.ours())) {
            out.printf(Locale.ROOT, "  %-9s %s %s %s%n", "n/a", scenario, size, want);
            return;
        }
        out.printf(Locale.ROOT, "  %-9s %s %s %s: %s%n", r.ours() >= min ? "met" : "NOT met", scenario, size, want,
                Report.num(r.ours()));
    }
}
