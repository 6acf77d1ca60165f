package org.arroyo.camel.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.arroyo.camel.bench.jmh.JmhScenario;
import org.arroyo.camel.bench.pva.PvaScenario;
import org.arroyo.camel.bench.redis.RedisScenario;
import org.arroyo.camel.bench.zmq.FanoutScenario;
import org.arroyo.camel.bench.zmq.RelayScenario;
import org.arroyo.camel.bench.zmq.RunnerScenario;

/**
 * The benchmark suite: {@code java -jar benchmarks/target/benchmarks.jar [--quick|--smoke] [--only a,b]
 * [--out FILE]}. Runs each scenario (ours and the raw baseline alternating in this process), prints a table and the
 * targets, and writes the rows as JSON. A watchdog ends a run that overruns its mode's deadline with what it has.
 */
public final class BenchMain {

    public static final List<String> SCENARIOS = List.of("ceiling", "relay", "runner", "fanout", "redis", "pva", "jmh");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Mode mode = Mode.full();
        Set<String> only = new LinkedHashSet<>(SCENARIOS);
        Path out = Path.of("benchmarks/target/results.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> mode = Mode.quick();
                case "--smoke" -> mode = Mode.smoke();
                case "--full" -> mode = Mode.full();
                case "--only" -> only = Set.of(args[++i].split(","));
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: benchmarks.jar [--quick|--smoke|--full] [--only "
                                       + String.join(",", SCENARIOS) + "] [--out results.json]");
                    System.exit(1);
                }
            }
        }
        Report report = run(mode, only, out);
        boolean failed = report.rows().stream().anyMatch(Row::isFailed);
        System.exit(failed ? 3 : 0);
    }

    /** Runs the chosen scenarios and writes the JSON; the smoke test calls this. */
    public static Report run(Mode mode, Set<String> only, Path out) throws IOException {
        System.out.println(machine(mode));
        Report report = new Report();
        Thread watchdog = watchdog(mode, report, out);
        long t0 = System.nanoTime();
        for (String scenario : SCENARIOS) {
            if (!only.contains(scenario)) {
                continue;
            }
            System.out.println("== " + scenario);
            long s0 = System.nanoTime();
            switch (scenario) {
                case "ceiling" -> Ceilings.run(mode, report::add);
                case "relay" -> RelayScenario.run(mode, report::add);
                case "runner" -> RunnerScenario.run(mode, report::add);
                case "fanout" -> FanoutScenario.run(mode, report::add);
                case "redis" -> RedisScenario.run(mode, report::add);
                case "pva" -> PvaScenario.run(mode, report::add);
                case "jmh" -> JmhScenario.run(mode, report::add);
                default -> throw new IllegalStateException(scenario);
            }
            System.out.printf("   (%s: %.1f s)%n", scenario, (System.nanoTime() - s0) / 1e9);
        }
        watchdog.interrupt();
        report.printTable(System.out);
        Targets.print(report.rows(), System.out);
        report.writeJson(out);
        System.out.printf("%n%d rows in %.1f s -> %s%n", report.rows().size(), (System.nanoTime() - t0) / 1e9,
                out.toAbsolutePath());
        return report;
    }

    static String machine(Mode mode) {
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
        return String.format("arroyo benchmarks (%s): %d cores, %s %s (%s), GC %s, max heap %d MB", mode.name(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("os.arch"), gcs,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /** No benchmark may hang: past the deadline, print and write what there is, then halt. */
    private static Thread watchdog(Mode mode, Report report, Path out) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(mode.deadlineSeconds() * 1000);
            } catch (InterruptedException e) {
                return;
            }
            report.add(Row.failed("suite", "-", "deadline of " + mode.deadlineSeconds() + " s passed"));
            report.printTable(System.out);
            try {
                report.writeJson(out);
            } catch (IOException e) {
                System.err.println("cannot write " + out + ": " + e);
            }
            Runtime.getRuntime().halt(2);
        }, "bench-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
