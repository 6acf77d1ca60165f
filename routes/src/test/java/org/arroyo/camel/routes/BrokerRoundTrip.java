package org.arroyo.camel.routes;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.test.FreePorts;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a broker's two ready routes, each in its own Camel context as two processes would: routes/BROKER-to-zmq.yaml
 * (broker -> ROI cut -> ZeroMQ PUSH) and routes/BROKER-from-zmq.yaml (ZeroMQ PULL -> broker). First a message that
 * is no msgpack goes straight onto the broker: it must fail once, as a CodecException naming the codec. Then a run
 * of 1000 SAS frames goes in over ZeroMQ and must come out byte for byte, in order, with nothing lost or added.
 */
final class BrokerRoundTrip {

    static final int FRAMES = 1000;

    /** Puts a message straight onto the broker, where the to-zmq route reads. */
    @FunctionalInterface
    interface BadMessage {
        void send(byte[] payload) throws Exception;
    }

    private BrokerRoundTrip() {
    }

    static void check(String broker, Map<String, String> brokerProperties, BadMessage badMessage) throws Exception {
        String input = FreePorts.tcpAddress();
        String output = FreePorts.tcpAddress();
        Map<String, String> props = new HashMap<>(brokerProperties);
        props.put("arroyo.input", input);
        props.put("arroyo.output", output);
        props.put("arroyo.output.socketType", "PUSH");
        String toZmq = broker + "-to-zmq";
        String fromZmq = broker + "-from-zmq";
        // the reading side first: an MQTT subscription or a JetStream stream must exist before anything is sent
        try (YamlRoutes reader = new YamlRoutes(toZmq + ".yaml", props);
             YamlRoutes writer = new YamlRoutes(fromZmq + ".yaml", props)) {
            badMessage.send(new byte[] { (byte) 0xc1, 0x00 });
            await().atMost(Duration.ofSeconds(30)).until(() -> !reader.failures(toZmq).isEmpty());
            CodecException rejected = assertInstanceOf(CodecException.class, reader.failures(toZmq).get(0));
            assertTrue(rejected.getMessage().contains("codec 'msgpack') rejected a payload of 2 bytes"),
                    rejected.getMessage());

            RunOverZmq.check(new SasRun(broker, FRAMES, broker.hashCode()), input, output, Duration.ofSeconds(120));
            List<Throwable> failures = reader.failures(toZmq);
            assertEquals(1, failures.size(), "only the bad message failed: " + failures);
            assertEquals(FRAMES + 2, writer.completed(fromZmq), "messages the writer sent to " + broker);
            assertEquals(FRAMES + 2, reader.completed(toZmq), "messages the reader took from " + broker);
        }
    }
}
