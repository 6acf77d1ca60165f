package org.arroyo.camel.runner;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.arroyo.camel.routes.TestSockets;
import org.arroyo.camel.test.FreePorts;
import org.arroyo.camel.test.LoopbackConnections;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runner jar takes a pipeline's addresses and secrets from the environment ({@code {{env:VAR}}}, Camel's form of
 * arroyopy's {@code ${VAR}}): a CURVE-encrypted relay whose keys and addresses are environment variables moves a run,
 * and the secret key never appears in what the runner prints.
 */
class EnvironmentRunnerIT {

    private static final String ROUTE = """
            - route:
                id: env-relay
                from:
                  uri: "arroyo-zmq:{{env:ARROYO_IN}}"
                  parameters:
                    socketType: PULL
                    curveServer: true
                    curvePublicKey: "{{env:ARROYO_CURVE_PUBLIC}}"
                    curveSecretKey: "{{env:ARROYO_CURVE_SECRET}}"
                  steps:
                    - to:
                        uri: "arroyo-zmq:{{env:ARROYO_OUT:tcp://127.0.0.1:1}}"
                        parameters:
                          socketType: PUSH
            """;

    @Test
    void addressesAndSecretsComeFromTheEnvironment() throws Exception {
        Path jar = Path.of("target/arroyo.jar");
        assertTrue(Files.isRegularFile(jar), "run after package: " + jar.toAbsolutePath());
        Path route = Files.createTempFile("env-relay", ".yaml");
        Files.writeString(route, ROUTE);
        String in = FreePorts.tcpAddress();
        String out = FreePorts.tcpAddress();
        ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
        ZMQ.Curve.KeyPair client = ZMQ.Curve.generateKeyPair();
        String serverSecretHex = hex(server.secretKey);
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Path log = Files.createTempFile("arroyo-env-runner", ".log");
        int managementPort = FreePorts.next();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString(), "run", route.toString(),
                "--prop", "camel.management.port=" + managementPort)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("ARROYO_IN", in, "ARROYO_OUT", out,
                "ARROYO_CURVE_PUBLIC", hex(server.publicKey), "ARROYO_CURVE_SECRET", serverSecretHex));
        Process runner = builder.start();
        List<String> received = new ArrayList<>();
        try (ZContext zmq = new ZContext();
             ZMQ.Socket collector = zmq.createSocket(SocketType.PULL);
             ZMQ.Socket feeder = zmq.createSocket(SocketType.PUSH)) {
            collector.bind(out);
            collector.setReceiveTimeOut(100);
            feeder.setCurveServerKey(ZMQ.Curve.z85Decode(server.publicKey));
            feeder.setCurvePublicKey(ZMQ.Curve.z85Decode(client.publicKey));
            feeder.setCurveSecretKey(ZMQ.Curve.z85Decode(client.secretKey));
            feeder.setLinger(1000);
            // the route's PULL is bound once the runner is healthy; a fresh connection JeroMQ leaves without its
            // handshake (zeromq/jeromq#1022) is retried after a second, not 30
            RunnerJar.awaitHealthy(runner, managementPort, 60, () -> RunnerJar.read(log));
            TestSockets.connect(feeder, in);
            for (int i = 0; i < 100; i++) {
                assertTrue(feeder.send("frame-" + i), "the runner took frame-" + i);
            }
            try {
                await().atMost(60, TimeUnit.SECONDS).until(() -> {
                    String frame;
                    while ((frame = collector.recvStr()) != null) {
                        received.add(frame);
                    }
                    return received.size() >= 100 || !runner.isAlive();
                });
            } catch (ConditionTimeoutException e) {
                // once seen in a full CI run: the runner relayed all 100, none reached the collector
                throw new AssertionError("received " + received.size() + " of 100; "
                                         + LoopbackConnections.describe(LoopbackConnections.port(in),
                                                 LoopbackConnections.port(out))
                                         + "\nthe runner printed:\n" + Files.readString(log, StandardCharsets.UTF_8), e);
            }
        } finally {
            runner.destroy();
            runner.waitFor(30, TimeUnit.SECONDS);
            runner.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(100, received.size(), output);
        for (int i = 0; i < 100; i++) {
            assertEquals("frame-" + i, received.get(i));
        }
        assertFalse(output.contains(serverSecretHex), "the secret key was printed:\n" + output);
    }

    private static String hex(String z85Key) {
        return HexFormat.of().formatHex(ZMQ.Curve.z85Decode(z85Key));
    }
}
