package org.arroyo.camel.bench.zmq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.bench.Alternation;
import org.arroyo.camel.bench.Mode;
import org.arroyo.camel.bench.Ports;
import org.arroyo.camel.bench.Row;
import org.zeromq.SocketType;
import org.zeromq.ZContext;

/**
 * The relay as users deploy it: the runner jar in its own process relaying {@code routes/zmq-relay.yaml}, the
 * detector (source) and consumer (sink) in this one, tcp loopback. Beside it in the same alternation, the same route
 * inside this process (YAML, the relay scenario's hop) and a Python relay written the way arroyopy's listener loop is
 * (asyncio on pyzmq). Each child relay is started once per size and connects to addresses of its own; a trial binds
 * that variant's source and sink. Needs {@code routes/target/arroyo.jar} (package) and Debian's python3-zmq.
 */
public final class RunnerScenario {

    public static final String RUNNER_ROW = "runner process relay (zmq-relay.yaml)";
    public static final String PYTHON_ROW = "runner process vs Python relay (arroyopy loop)";
    private static final List<String> VARIANTS = List.of("in-process", "runner", "python");
    // a child JVM's start (and its first connections) on a loaded 2-core machine
    private static final long CHILD_FIRST_MESSAGE_MILLIS = 60_000;

    private RunnerScenario() {
    }

    public static void run(Mode mode, Consumer<Row> out) {
        Path jar = fromRoot(System.getProperty("bench.runnerJar", "routes/target/arroyo.jar"));
        Path route = fromRoot(System.getProperty("bench.relayRoute", "routes/zmq-relay.yaml"));
        Path script = fromRoot(System.getProperty("bench.pythonRelay", "benchmarks/src/main/python/arroyopy_relay.py"));
        for (Path p : List.of(jar, route, script)) {
            if (!Files.isRegularFile(p)) {
                out.accept(Row.failed(RUNNER_ROW, "-", "missing " + p.toAbsolutePath()
                                                       + " (run from the repository root after package)"));
                return;
            }
        }
        CamelContext camel = new DefaultCamelContext();
        try (ZContext harness = new ZContext(1)) {
            camel.getShutdownStrategy().setTimeout(10);
            camel.start();
            for (int size : RelayScenario.sizes(mode)) {
                size(mode, out, camel, harness, jar, route, script, size);
            }
        } catch (Exception e) {
            out.accept(Row.failed(RUNNER_ROW, "-", "set-up: " + e));
        } finally {
            camel.stop();
        }
    }

    private static void size(Mode mode, Consumer<Row> out, CamelContext camel, ZContext harness, Path jar, Path route,
                             Path script, int size) {
        String label = Ports.sizeLabel(size);
        int hwm = RelayScenario.hwm(size);
        Map<String, String[]> ends = Map.of("in-process", addresses(), "runner", addresses(), "python", addresses());
        try (ChildRelay runner = ChildRelay.runner(jar, route, ends.get("runner")[0], ends.get("runner")[1], hwm,
                Ports.free());
             ChildRelay python = ChildRelay.python(script, ends.get("python")[0], ends.get("python")[1], hwm)) {
            // an untimed first trial each: the child is up and connected, and its JIT has seen the traffic
            for (ChildRelay child : List.of(runner, python)) {
                String v = child == runner ? "runner" : "python";
                trial(harness, mode, v, size, ends.get(v), new ChildHop(child), CHILD_FIRST_MESSAGE_MILLIS);
            }
            Map<String, Map<String, Double>> m = Alternation.run(VARIANTS, mode.rounds(), v -> {
                String[] ab = ends.get(v);
                // the same options zmq-relay.yaml gets from the runner's --prop lines
                Hop hop = switch (v) {
                    case "runner" -> new ChildHop(runner);
                    case "python" -> new ChildHop(python);
                    default -> new CamelHop(camel, true, "arroyo-zmq:" + ab[0] + "?socketType=PULL&receiveHighWaterMark="
                                                         + hwm, "arroyo-zmq:" + ab[1] + "?socketType=PUSH&sendHighWaterMark="
                                                                + hwm + "&sendQueueSize=" + Math.min(100, hwm));
                };
                return trial(harness, mode, v, size, ab, hop, RelayScenario.FIRST_MESSAGE_TIMEOUT_MILLIS);
            });
            for (String metric : List.of("msgs/s", "bytes/s")) {
                out.accept(new Row(RUNNER_ROW, label, metric + " (raw col = in-process)",
                        RelayScenario.get(m, "runner", metric), RelayScenario.get(m, "in-process", metric)));
                out.accept(new Row(PYTHON_ROW, label, metric + " (raw col = Python)",
                        RelayScenario.get(m, "runner", metric), RelayScenario.get(m, "python", metric)));
            }
        } catch (Exception e) {
            out.accept(Row.failed(RUNNER_ROW, label, e.getMessage()));
        }
    }

    /** The relay binds its input (as zmq-relay.yaml's PULL does) and connects to the sink: the source connects. */
    private static Map<String, Double> trial(ZContext harness, Mode mode, String variant, int size, String[] ab,
                                             Hop hop, long firstMessageMillis) throws Exception {
        int hwm = RelayScenario.hwm(size);
        return RelayScenario.saturate(mode, variant, Ends.Source.saturating(harness, ab[0], hwm, size).connecting(),
                new Ends.Sink(harness, SocketType.PULL, ab[1], hwm, 0, false), hop, firstMessageMillis);
    }

    /** A path of the repository from its root (java -jar benchmarks/target/...) or from benchmarks/ (the smoke test). */
    private static Path fromRoot(String path) {
        Path p = Path.of(path);
        return Files.exists(p) || p.isAbsolute() ? p : Path.of("..").resolve(p);
    }

    private static String[] addresses() {
        return new String[] { "tcp://127.0.0.1:" + Ports.free(), "tcp://127.0.0.1:" + Ports.free() };
    }

    /** A child relay as the hop of one trial: already running, it outlives the trial. */
    private record ChildHop(ChildRelay child) implements Hop {

        @Override
        public void start() {
            child.checkAlive();
        }

        @Override
        public void close() {
            child.checkAlive();
        }
    }
}
