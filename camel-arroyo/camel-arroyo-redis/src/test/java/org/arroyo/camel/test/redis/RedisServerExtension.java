package org.arroyo.camel.test.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a private {@code redis-server} on a free port for tests that stop, kill or restart Redis. Data lives in a
 * temporary directory that survives {@link #kill9()} and {@link #restart()}, so a restart with AOF on finds the same
 * data. Register it as a static field with {@code @RegisterExtension}.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

    private static final String REDIS_SERVER = "/usr/bin/redis-server";

    private final boolean appendOnly;
    private final List<String> extraArgs;
    private int port;
    private Path dir;
    private Process process;

    /** @param appendOnly AOF on with fsync at every write, so a kill -9 loses no acknowledged write */
    public RedisServerExtension(boolean appendOnly, String... extraArgs) {
        this.appendOnly = appendOnly;
        this.extraArgs = List.of(extraArgs);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        port = freePort();
        dir = Files.createTempDirectory("arroyo-redis-test");
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts redis-server (again) on the same port and directory and waits until it answers PING. */
    public synchronized void start() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(REDIS_SERVER, "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", appendOnly ? "yes" : "no", "--appendfsync", "always",
                "--dir", dir.toString(), "--daemonize", "no"));
        cmd.addAll(extraArgs);
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "redis-server-" + port + "-reaper"));
        Awaitility.await("redis-server on port " + port + " answers PING").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50)).until(this::answersPing);
    }

    /** SIGKILL: no shutdown, no final save; what AOF holds is what survives. */
    public synchronized void kill9() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    public synchronized void stop() throws InterruptedException {
        kill9();
        process = null;
    }

    public void restart() throws Exception {
        kill9();
        start();
    }

    private boolean answersPing() {
        if (!process.isAlive()) {
            throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; see " + dir);
        }
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64];
            int n = in.read(buf);
            String reply = n > 0 ? new String(buf, 0, n, StandardCharsets.US_ASCII) : "";
            // +PONG, or -NOAUTH when a password is required: either way the server is up
            return reply.startsWith("+PONG") || reply.startsWith("-NOAUTH");
        } catch (IOException e) {
            return false;
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
