package org.arroyo.camel.runner;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner jar started as users start it ({@code java -jar target/arroyo.jar ...}), its output in a file. */
final class RunnerJar implements AutoCloseable {

    private final Process process;
    private final Path log;

    private RunnerJar(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static RunnerJar start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    /** Started with these variables added to the environment. */
    static RunnerJar start(Map<String, String> env, String... args) throws IOException {
        Path jar = Path.of("target/arroyo.jar");
        assertTrue(Files.isRegularFile(jar), "run after package: " + jar.toAbsolutePath());
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("arroyo-runner", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        return new RunnerJar(process, log);
    }

    Process process() {
        return process;
    }

    /** Waits for the process to end; its exit code. */
    int awaitExit(long seconds) throws InterruptedException {
        assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), "the runner did not end within " + seconds + " s\n"
                                                               + output());
        return process.exitValue();
    }

    /**
     * Waits until the runner's health endpoint on this management port says UP (its routes started, its consumers
     * connected), failing with its output if it does not within that many seconds or the process ends.
     */
    void awaitHealthy(int managementPort, long seconds) {
        awaitHealthy(process, managementPort, seconds, this::output);
    }

    /** The same for a runner process started another way. */
    static void awaitHealthy(Process process, int managementPort, long seconds, Supplier<String> output) {
        String url = "http://127.0.0.1:" + managementPort + "/observe/health";
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try {
            await().atMost(seconds, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS)
                    .until(() -> !process.isAlive() || HealthProbe.check(url, quiet, quiet) == 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the runner was not healthy at " + url + " within " + seconds + " s\n"
                                     + output.get(), e);
        }
        assertTrue(process.isAlive(), "the runner ended before it was healthy\n" + output.get());
    }

    /** What it printed so far. */
    String output() {
        return read(log);
    }

    /** A runner's log file as it is now. */
    static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
