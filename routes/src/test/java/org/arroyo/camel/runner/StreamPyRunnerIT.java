package org.arroyo.camel.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.arroyo.camel.streampy.ForwardUdpClient;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * stream-py's three scripts in runner form, each {@code java -jar target/arroyo.jar streampy ...} in a process of its
 * own: queue nodes, a pong worker between them and the one-shot client play a round; a Python peer speaking the
 * original protocol gets stream-py's replies from the jar's node byte for byte; and a Python stand-in for stream-py's
 * node hears from the jar's client and worker exactly the datagrams the Python client and worker send.
 */
class StreamPyRunnerIT {

    /** The protocol script of camel-arroyo-streampy's own interop test, run here against the jar's node. */
    private static final Path PEER = Path.of("../camel-arroyo/camel-arroyo-streampy/src/test/python/streampy_peer.py");
    private static final Path PYTHON_NODE = Path.of("src/test/python/streampy_mq_node.py");
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration CLIENT = Duration.ofSeconds(60);

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable c : started) {
            c.close();
        }
    }

    @Test
    void nodesWorkerAndClientFromTheJarPlayARoundOfPingPong() throws Exception {
        String q0 = "127.0.0.1:" + FreePorts.nextUdp();
        String q1 = "127.0.0.1:" + FreePorts.nextUdp();
        RunnerProcess node0 = runner("streampy", "node", q0);
        RunnerProcess node1 = runner("streampy", "node", "--capacity", "5", q1);
        // a generous timeout: on a loaded machine a late reply would make the worker PUT twice (at least once)
        RunnerProcess worker = runner("streampy", "worker", "--name", "w0", "--timeout", "5000", q0, q1);
        node0.awaitOutput("streampy node: listening on udp://" + q0 + " (capacity 10000)", STARTUP);
        node1.awaitOutput("streampy node: listening on udp://" + q1 + " (capacity 5)", STARTUP);
        worker.awaitOutput("streampy worker w0: [" + q0 + "] -> [" + q1 + "], function pong", STARTUP);

        assertEquals(new RunnerProcess.Result(0, "PUT 4 bytes\n", ""), client(q0, "PUT:ping"));
        // the worker took ping from q0 and put pong on q1
        try (ForwardUdpClient q1Client = new ForwardUdpClient(ForwardUdpClient.address(q1), Duration.ofSeconds(1), 5)) {
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> q1Client.size() > 0);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("no pong on q1; worker:\n" + worker.output() + "\nq0:\n" + node0.output()
                                         + "\nq1:\n" + node1.output(), e);
            }
        }
        assertEquals(new RunnerProcess.Result(0, "1\n", ""), client(q1, "SIZE"));
        assertEquals(new RunnerProcess.Result(0, "pong\n", ""), client(q1, "GET"));
        assertEquals(new RunnerProcess.Result(0, "\n", ""), client(q1, "GET"), "the queue is empty: the empty message");
        assertEquals(new RunnerProcess.Result(0, "0\n", ""), client(q0, "SIZE"), "the worker took the ping");
        // the client joins its words with spaces, as udp-client.py does
        assertEquals(new RunnerProcess.Result(0, "PUT 11 bytes\n", ""), client(q1, "PUT:hello", "world"));
        assertEquals(new RunnerProcess.Result(0, "hello world\n", ""), client(q1, "GET"));
        assertEquals(new RunnerProcess.Result(3, "", "ERR unknown verb 'FOO'\n"), client(q1, "FOO"));

        // a graceful stop reports what each did
        int workerExit = worker.stop(Duration.ofSeconds(30));
        assertTrue(workerExit == 0 || workerExit == 143, "exit " + workerExit + "\n" + worker.output());
        assertTrue(worker.output().contains("streampy worker w0: stopped after 1 messages"), worker.output());
        int nodeExit = node1.stop(Duration.ofSeconds(30));
        assertTrue(nodeExit == 0 || nodeExit == 143, "exit " + nodeExit + "\n" + node1.output());
        assertTrue(node1.output().contains("streampy node: stopped with 0 queued; 2 PUT, 0 refused, 1 ERR"),
                node1.output());
    }

    @Test
    void aPythonPeerGetsStreamPysRepliesFromTheJarsNodeByteForByte() throws Exception {
        assertTrue(Files.isRegularFile(PEER), "missing " + PEER.toAbsolutePath());
        String q = "127.0.0.1:" + FreePorts.nextUdp();
        runner("streampy", "node", q).awaitOutput("listening on udp://" + q, STARTUP);

        Process python = new ProcessBuilder("/usr/bin/python3", PEER.toString(), q)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines;
        try {
            python.getOutputStream().close();
            lines = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertTrue(python.waitFor(30, TimeUnit.SECONDS), "python peer did not exit");
        } finally {
            python.destroyForcibly();
        }
        assertEquals(0, python.exitValue(), "python peer failed: " + lines);
        assertEquals(List.of(
                "b'14SIZE' b'110'",
                "b'13GET' b'10'",
                "b'1fPUT:Hello World' b'1cPUT 11 bytes'",
                "b'21ePUT:abcdefghijklmnopqrstuvwxyz' b'1cPUT 26 bytes'",
                "b'14SIZE' b'112'",
                "b'13GET' b'1bHello World'",
                "b'13GET' b'21aabcdefghijklmnopqrstuvwxyz'",
                "b'13GET' b'10'",
                "b'14SIZE' b'110'",
                "b'13FOO' b\"216ERR unknown verb 'FOO'\"",
                "OK"), lines);
    }

    @Test
    void theJarsClientAndWorkerSendWhatStreamPysClientAndWorkerSend() throws Exception {
        PythonNode in = pythonNode();
        PythonNode out = pythonNode();

        assertEquals(new RunnerProcess.Result(0, "PUT 4 bytes\n", ""), client(in.address, "PUT:ping"));
        assertEquals(List.of("b'18PUT:ping'"), in.received());

        RunnerProcess worker = runner("streampy", "worker", "--timeout", "5000", in.address, out.address)
                .awaitOutput("streampy worker", STARTUP);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !out.received().isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no PUT reached the output; worker:\n" + worker.output() + "\ninput heard "
                                     + in.received(), e);
        }
        // the worker asked with GET, got ping, and put pong, framed as worker.py frames them
        assertEquals(List.of("b'18PUT:pong'"), out.received());
        List<String> asked = in.received();
        assertEquals("b'18PUT:ping'", asked.get(0));
        assertTrue(asked.size() > 1 && asked.subList(1, asked.size()).stream().allMatch("b'13GET'"::equals),
                "the worker only GETs from its input: " + asked);
    }

    private RunnerProcess runner(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        RunnerProcess p = RunnerProcess.start(all.toArray(String[]::new));
        started.add(p);
        return p;
    }

    private static RunnerProcess.Result client(String address, String... words) throws Exception {
        List<String> args = new ArrayList<>(List.of("streampy", "client", "--timeout", "2000", address));
        args.addAll(List.of(words));
        return RunnerProcess.run(CLIENT, args.toArray(String[]::new));
    }

    private PythonNode pythonNode() throws Exception {
        assertTrue(Files.isRegularFile(PYTHON_NODE), "missing " + PYTHON_NODE.toAbsolutePath());
        PythonNode node = new PythonNode(new ProcessBuilder("/usr/bin/python3", PYTHON_NODE.toString())
                .redirectErrorStream(true).redirectOutput(Files.createTempFile("streampy-node", ".log").toFile()));
        started.add(node);
        return node;
    }

    /** The Python stand-in for stream-py's node, and the datagrams it received. */
    private static final class PythonNode implements AutoCloseable {

        private final Process process;
        private final Path log;
        private final String address;

        PythonNode(ProcessBuilder builder) throws Exception {
            this.log = builder.redirectOutput().file().toPath();
            this.process = builder.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> lines().stream().anyMatch(l -> l.startsWith("listening")));
            this.address = lines().get(0).substring("listening ".length());
        }

        private List<String> lines() throws IOException {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        }

        List<String> received() throws IOException {
            List<String> lines = lines();
            return lines.subList(1, lines.size());
        }

        @Override
        public void close() throws Exception {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
        }
    }
}
