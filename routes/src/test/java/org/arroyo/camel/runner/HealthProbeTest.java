package org.arroyo.camel.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code arroyo health [URL]} against a real runner's management endpoint and real HTTP servers that are not UP. */
class HealthProbeTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void exitsZeroWhileARunnerIsUpAndOneOnceItStopped() throws Exception {
        int managementPort = port();
        String url = "http://127.0.0.1:" + managementPort + "/observe/health";
        Main main = PipelineRunner.newMain(List.of(Path.of("src/test/resources/observed-pipeline.yaml")
                .toAbsolutePath()), Map.of("arroyo.input", "tcp://127.0.0.1:" + port(),
                        "arroyo.output", "tcp://127.0.0.1:" + port(),
                        "camel.management.port", String.valueOf(managementPort)));
        Thread runner = new Thread(() -> {
            try {
                main.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "health-probe-test-runner");
        runner.start();
        try {
            await().atMost(30, TimeUnit.SECONDS).until(() -> cli("health", url) == 0);
            assertTrue(out().contains("arroyo health: UP (" + url + ")"), out());
        } finally {
            main.completed();
            runner.join(20_000);
        }
        assertEquals(1, cli("health", url), "nothing listens once the runner stopped");
        assertTrue(err().contains("no answer from " + url), err());
    }

    @Test
    void aDownAnswerExitsOneWithTheStatus() throws IOException {
        String url = serve(503, "{\"status\":\"DOWN\",\"checks\":[]}");
        assertEquals(1, cli("health", url));
        assertTrue(err().contains("arroyo health: DOWN, HTTP 503"), err());
    }

    @Test
    void anAnswerThatIsNoHealthDocumentExitsOne() throws IOException {
        String url = serve(200, "<html>UP</html>");
        assertEquals(1, cli("health", url));
        assertTrue(err().contains("arroyo health: no status, HTTP 200"), err());
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        // the kernel completes the connection from the backlog; nobody ever reads the request or answers
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long t0 = System.nanoTime();
            assertEquals(1, cli("health", "http://127.0.0.1:" + silent.getLocalPort() + "/observe/health"));
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
            assertTrue(seconds >= HealthProbe.TIMEOUT.toSeconds() - 1 && seconds < 15, seconds + " s");
            assertTrue(err().contains("no answer from"), err());
        }
    }

    @Test
    void badArguments() {
        assertEquals(2, cli("health", "not a url"));
        assertTrue(err().contains("not an http URL: not a url"), err());
        assertEquals(2, cli("health", "http://127.0.0.1:1/a", "http://127.0.0.1:1/b"));
        assertTrue(err().contains("health takes at most one URL"), err());
        assertEquals(0, cli("--help"));
        assertTrue(out().contains("health [URL]"), out());
    }

    private String serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/observe/health", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/observe/health";
    }

    private int cli(String... args) {
        out.reset();
        err.reset();
        return ArroyoCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static int port() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
