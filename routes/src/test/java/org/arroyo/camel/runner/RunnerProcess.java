package org.arroyo.camel.runner;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The built runner jar started as users start it, {@code java -jar target/arroyo.jar ARGS...}, in a process of its
 * own; its output (stdout and stderr) goes to a log file that failures quote. Closing sends SIGTERM (a graceful stop)
 * and kills it if it has not ended within 30 s.
 */
public final class RunnerProcess implements AutoCloseable {

    public static final Path JAR = Path.of("target/arroyo.jar");

    private final List<String> args;
    private final Process process;
    private final Path log;

    private RunnerProcess(List<String> args, Process process, Path log) {
        this.args = args;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -jar target/arroyo.jar ARGS...}. */
    public static RunnerProcess start(String... args) throws IOException {
        Path log = Files.createTempFile("arroyo-runner", ".log");
        Process process = new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        return new RunnerProcess(List.of(args), process, log);
    }

    /** Runs a command that ends by itself (e.g. the streampy client) and returns what it printed. */
    public static Result run(Duration timeout, String... args) throws Exception {
        Path out = Files.createTempFile("arroyo-runner", ".out");
        Path err = Files.createTempFile("arroyo-runner", ".err");
        Process process = new ProcessBuilder(command(args)).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("arroyo " + String.join(" ", args) + " did not end within " + timeout);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static List<String> command(String... args) {
        assertTrue(Files.isRegularFile(JAR), "run after package: " + JAR.toAbsolutePath());
        // C1 only: tests start several short-lived runners at once on 2 cores, and C2's warm-up compiles would take
        // the CPU that what they test needs (three workers' C2 compiles cost more CPU than their first 10,000 messages)
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java", "-Xmx512m",
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Everything the process printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Waits until the output contains the text; fails at once, with the output, if the process ends first. */
    public RunnerProcess awaitOutput(String text, Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (output().contains(text)) {
                    return true;
                }
                if (!process.isAlive()) {
                    throw new AssertionError(describe() + " ended with " + process.exitValue() + " before printing '"
                                             + text + "':\n" + output());
                }
                return false;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(describe() + " did not print '" + text + "' within " + timeout + ":\n"
                                     + output(), e);
        }
        return this;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, a crash: no shutdown hook, no acknowledgement, no goodbye; returns once the process is gone. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Sends SIGTERM and waits for the exit code. */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail(describe() + " did not stop within " + timeout + " of SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    public String describe() {
        return "arroyo " + String.join(" ", args);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        Files.deleteIfExists(log);
    }

    /** What a command that ended printed. */
    public record Result(int exitCode, String stdout, String stderr) {
    }
}
