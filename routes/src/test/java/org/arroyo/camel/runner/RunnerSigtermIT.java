package org.arroyo.camel.runner;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.arroyo.camel.routes.TestSockets;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runner jar, as users start it, relaying a stream at full rate, is sent SIGTERM: it stops gracefully (exit 0,
 * or 143 after its shutdown hooks, in bounded time) and what came out is the stream's beginning with no hole:
 * nothing it took in was lost.
 */
class RunnerSigtermIT {

    @Test
    void sigtermMidStreamLosesNothingTheRelayTook() throws Exception {
        Path jar = Path.of("target/arroyo.jar");
        assertTrue(Files.isRegularFile(jar), "run after package: " + jar.toAbsolutePath());
        String in = "tcp://127.0.0.1:" + port();
        String out = "tcp://127.0.0.1:" + port();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Path log = Files.createTempFile("arroyo-runner", ".log");
        Process runner = new ProcessBuilder(java, "-jar", jar.toString(), "run", "zmq-relay.yaml",
                "--prop", "arroyo.input=" + in, "--prop", "arroyo.output=" + out,
                "--prop", "camel.management.enabled=false")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        List<Long> received = new ArrayList<>();
        AtomicBoolean feeding = new AtomicBoolean(true);
        try (ZContext zmq = new ZContext();
             ZMQ.Socket collector = zmq.createSocket(SocketType.PULL);
             ZMQ.Socket feeder = zmq.createSocket(SocketType.PUSH)) {
            collector.bind(out);
            collector.setReceiveTimeOut(100);
            feeder.setHandshakeIvl(1000);
            feeder.setSendTimeOut(100);
            feeder.setLinger(0);
            TestSockets.connect(feeder, in);
            Thread feed = new Thread(() -> {
                for (long i = 0; feeding.get(); ) {
                    if (feeder.send(ByteBuffer.allocate(8).putLong(0, i).array(), 0)) {
                        i++;
                    }
                }
            });
            feed.start();
            await().atMost(60, TimeUnit.SECONDS).until(() -> {
                drain(collector, received);
                return received.size() >= 20_000;
            });
            runner.destroy(); // SIGTERM
            assertTrue(runner.waitFor(30, TimeUnit.SECONDS), "the runner stops within 30 s of SIGTERM");
            feeding.set(false);
            feed.join();
            // what the relay sent before it exited is still arriving: read until quiet
            int before;
            do {
                before = received.size();
                await().pollDelay(300, TimeUnit.MILLISECONDS).atMost(1, TimeUnit.SECONDS).until(() -> true);
                drain(collector, received);
            } while (received.size() > before);
        } finally {
            runner.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        // 143 = 128 + SIGTERM: the JVM's status after its shutdown hooks (camel-main's graceful stop) ran
        assertTrue(runner.exitValue() == 0 || runner.exitValue() == 143, "exit " + runner.exitValue() + "\n" + output);
        assertTrue(received.size() >= 20_000);
        for (int i = 0; i < received.size(); i++) {
            assertEquals(i, received.get(i), "a hole at " + i + ": a message the relay took was lost\n" + output);
        }
    }

    /** Reads what has arrived, at most a bounded batch, so a stream that never pauses cannot keep it here. */
    private static void drain(ZMQ.Socket collector, List<Long> received) {
        byte[] frame;
        for (int i = 0; i < 50_000 && (frame = collector.recv(0)) != null; i++) {
            received.add(ByteBuffer.wrap(frame).getLong());
        }
    }

    /** A free port below Linux's ephemeral range, which no connecting socket's local port can take meanwhile. */
    private static int port() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(20000, 32000);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // another
            }
        }
        throw new IllegalStateException("no free port");
    }
}
