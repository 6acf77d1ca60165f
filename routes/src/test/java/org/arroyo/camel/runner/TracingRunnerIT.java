package org.arroyo.camel.runner;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.codec.PackedFrames;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.routes.TestSockets;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runner jar, as users start it, with {@code --prop camel.opentelemetry2.enabled=true} and the standard OTLP
 * settings: a message that arrives carrying an upstream trace context leaves in the same trace, as a child of the
 * runner's own span, and the runner exports its spans by OTLP (HTTP/protobuf) to a collector played by this test.
 */
class TracingRunnerIT {

    private static final String UPSTREAM_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String UPSTREAM_SPAN = "b7ad6b7169203331";

    @Test
    void theRunnerContinuesTheTraceAndExportsItsSpansByOtlp() throws Exception {
        Path jar = Path.of("target/arroyo.jar");
        assertTrue(Files.isRegularFile(jar), "run after package: " + jar.toAbsolutePath());
        BlockingQueue<byte[]> exported = new LinkedBlockingQueue<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            exported.add(exchange.getRequestBody().readAllBytes());
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse
            exchange.close();
        });
        collector.start();
        String in = FreePorts.tcpAddress();
        String out = FreePorts.tcpAddress();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Path log = Files.createTempFile("arroyo-tracing", ".log");
        int managementPort = FreePorts.next();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString(), "run",
                "src/test/resources/traced-relay.yaml",
                "--prop", "arroyo.input=" + in, "--prop", "arroyo.output=" + out,
                "--prop", "camel.management.port=" + managementPort,
                "--prop", "camel.opentelemetry2.enabled=true",
                "--prop", "otel.exporter.otlp.protocol=http/protobuf",
                "--prop", "otel.bsp.schedule.delay=100")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort();
        builder.environment().put("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
        builder.environment().put("OTEL_SERVICE_NAME", "arroyo-tracing-it");
        Process runner = builder.start();
        MsgpackCodec codec = new MsgpackCodec();
        try (ZContext zmq = new ZContext();
             ZMQ.Socket source = zmq.createSocket(SocketType.PUSH);
             ZMQ.Socket sink = zmq.createSocket(SocketType.PULL)) {
            sink.bind(out);
            sink.setReceiveTimeOut(200);
            // the route's PULL is bound once the runner is healthy; a fresh connection JeroMQ leaves without its
            // handshake (zeromq/jeromq#1022) is retried after a second, not 30
            RunnerJar.awaitHealthy(runner, managementPort, 60, () -> RunnerJar.read(log));
            TestSockets.connect(source, in);
            Event sent = Event.ofMetadata(Map.of("frame_number", 1L,
                    "traceparent", "00-" + UPSTREAM_TRACE + "-" + UPSTREAM_SPAN + "-01"));
            assertTrue(source.send(PackedFrames.bytes(codec.encode(sent).get(0)), 0), "the runner took the event");

            byte[][] frame = new byte[1][];
            await().atMost(60, TimeUnit.SECONDS).until(() -> runner.isAlive() && (frame[0] = sink.recv(0)) != null);
            Event relayed = (Event) codec.newDecoder().decode(List.of(ByteBuffer.wrap(frame[0])));
            assertEquals(1L, relayed.get("frame_number"));
            String[] traceparent = ((String) relayed.get("traceparent")).split("-");
            assertEquals(UPSTREAM_TRACE, traceparent[1], "the relayed message stays in the upstream trace");
            assertNotEquals(UPSTREAM_SPAN, traceparent[2], "its parent is now the runner's own send span");

            // the spans reach the collector: the upstream trace id (16 raw bytes in the protobuf) and our service
            byte[] traceId = HexFormat.of().parseHex(UPSTREAM_TRACE);
            byte[] parentSpan = HexFormat.of().parseHex(traceparent[2]);
            StringBuilder seen = new StringBuilder();
            await().atMost(30, TimeUnit.SECONDS).until(() -> {
                byte[] body = exported.poll(200, TimeUnit.MILLISECONDS);
                if (body != null) {
                    seen.append(new String(body, StandardCharsets.ISO_8859_1));
                }
                String all = seen.toString();
                return all.contains(latin1(traceId)) && all.contains(latin1(parentSpan))
                       && all.contains("arroyo-tracing-it");
            });
        } finally {
            runner.destroy();
            runner.waitFor(30, TimeUnit.SECONDS);
            runner.destroyForcibly();
            collector.stop(0);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        // the SDK logs a failed export through java.util.logging, on this output
        assertFalse(output.contains("Failed to export"), output);
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
