package org.arroyo.camel.bench.zmq;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A relay hop in a process of its own (the arroyo runner jar, or a Python relay), connecting to a fixed source and
 * sink address, up for all the rounds of one size. Its output goes to target/bench-NAME.log, named in failures.
 */
final class ChildRelay implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ChildRelay(String name, List<String> command) throws IOException {
        this.name = name;
        Path dir = Path.of("benchmarks/target").toFile().isDirectory() ? Path.of("benchmarks/target") : Path.of("target");
        Files.createDirectories(dir);
        this.log = dir.resolve("bench-" + name + ".log");
        this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The runner jar relaying routes/zmq-relay.yaml, as users start it, with the hop's addresses and queue depths. */
    static ChildRelay runner(Path jar, Path route, String in, String out, int hwm, int managementPort)
            throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(), "run", route.toString(),
                "--prop", "arroyo.input=" + in, "--prop", "arroyo.output=" + out,
                "--prop", "camel.component.arroyo-zmq.receiveHighWaterMark=" + hwm,
                "--prop", "camel.component.arroyo-zmq.sendHighWaterMark=" + hwm,
                "--prop", "camel.component.arroyo-zmq.sendQueueSize=" + Math.min(100, hwm),
                "--prop", "camel.management.port=" + managementPort));
        // -Dbench.runnerProps=k=v,k=v: settings to compare, e.g. camel.metrics.enableRoutePolicy=false
        for (String prop : System.getProperty("bench.runnerProps", "").split(",")) {
            if (!prop.isBlank()) {
                command.addAll(List.of("--prop", prop.trim()));
            }
        }
        return new ChildRelay("runner", command);
    }

    /** arroyopy's listener loop on pyzmq (Debian's python3-zmq), see src/main/python/arroyopy_relay.py. */
    static ChildRelay python(Path script, String in, String out, int hwm) throws IOException {
        return new ChildRelay("python", List.of("/usr/bin/python3", script.toString(), in, out, String.valueOf(hwm)));
    }

    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " relay exited (" + process.exitValue() + "), see " + log);
        }
    }

    String describe() {
        return name + " relay (log " + log + ")";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
