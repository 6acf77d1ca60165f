package org.arroyo.camel.runner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.arroyo.camel.codec.MsgpackCodec;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.routes.TestSockets;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runner serves Prometheus metrics (Arroyo counters, operator timings) and health on loopback, without the Camel
 * settings that cost every exchange.
 */
class ObservabilityTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void metricsAndHealthAreServed() throws Exception {
        int httpPort = port();
        String input = "tcp://127.0.0.1:" + port();
        String output = "tcp://127.0.0.1:" + port();
        Main main = PipelineRunner.newMain(List.of(Path.of("src/test/resources/observed-pipeline.yaml")
                .toAbsolutePath()), Map.of("arroyo.input", input, "arroyo.output", output,
                        "camel.management.port", String.valueOf(httpPort), "arroyo.progress.interval", "200"));
        Thread runner = new Thread(() -> {
            try {
                main.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        runner.start();
        MsgpackCodec codec = new MsgpackCodec();
        try (ZContext zmq = new ZContext();
             ZMQ.Socket push = zmq.createSocket(SocketType.PUSH);
             ZMQ.Socket pull = zmq.createSocket(SocketType.PULL)) {
            push.setHandshakeIvl(1000);
            pull.setHandshakeIvl(1000);
            pull.setReceiveTimeOut(200);
            TestSockets.connect(push, input);
            TestSockets.connect(pull, output);
            for (long i = 0; i < 12; i++) {
                push.send(bytes(codec.encode(Event.ofArray(Map.of("frame_number", i), "image", frame()))), 0);
            }
            int[] received = { 0 };
            await().atMost(20, TimeUnit.SECONDS).until(() -> {
                if (pull.recv(0) != null) {
                    received[0]++;
                }
                return received[0] == 12;
            });

            String metrics = get(httpPort, "/observe/metrics");
            assertEquals(12.0, value(metrics, "arroyo_messages_total", "direction=\"received\""), metrics);
            assertEquals(12.0, value(metrics, "arroyo_messages_total", "direction=\"sent\""), metrics);
            assertEquals(12.0, value(metrics, "arroyo_operator_processing_seconds_count",
                    "operator=\"RoiCutOperator\""), metrics);
            assertTrue(metrics.contains("arroyo_operator_processing_seconds_bucket"), "a histogram per operator");

            String health = get(httpPort, "/observe/health");
            assertTrue(health.contains("UP"), health);

            // what every exchange would otherwise pay (BENCHMARKS.md, the runner at 64 B)
            CamelContext context = main.getCamelContext();
            assertEquals(List.of(), context.getManagementStrategy().getEventNotifiers().stream()
                    .filter(n -> !n.isIgnoreExchangeEvents() && !n.isIgnoreExchangeCreatedEvent())
                    .map(n -> n.getClass().getName()).toList(), "event notifiers that want every exchange's events");
            assertTrue(context.getStreamCachingStrategy().getDenyClasses().contains(ArroyoMessage.class),
                    "stream caching skips Arroyo messages: " + context.getStreamCachingStrategy().getDenyClasses());
            assertTrue(context.isStreamCaching(), "stream bodies are still cached");
        } finally {
            main.completed();
            runner.join(20_000);
        }
    }

    private String get(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    /** The value of the first sample of that metric whose labels contain the given label. */
    private static double value(String metrics, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$").matcher(metrics);
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no " + name + "{" + label + "} in the metrics");
    }

    private static byte[] bytes(List<ByteBuffer> frames) {
        ByteBuffer f = frames.get(0).duplicate();
        byte[] b = new byte[f.remaining()];
        f.get(b);
        return b;
    }

    private static NDArray frame() {
        return NDArray.wrap(DType.UINT32, new int[] { 4, 4 }, ByteOrder.LITTLE_ENDIAN,
                ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN));
    }

    private static int port() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

}
