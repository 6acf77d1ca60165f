package org.arroyo.camel.routes;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * routes/nats-from-zmq.yaml and routes/nats-to-zmq.yaml (camel-nats, JetStream: acknowledged publishing, a durable
 * push consumer) against the NATS server on 127.0.0.1:4222: a stream and subject of their own, the stream deleted
 * after (see {@link BrokerRoundTrip}).
 */
class NatsRoundTripIT {

    @BeforeAll
    static void natsIsRunning() {
        Services.require("NATS", 4222, "nats-server -js -a 127.0.0.1 -p 4222");
    }

    @Test
    void aRunCrossesNatsJetStreamIntoTheRoiCutByteForByte() throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "");
        String stream = "ARROYO_IT_" + id;
        String subject = "arroyo.it." + id;
        try (Connection nats = Nats.connect("nats://" + Services.HOST + ":4222")) {
            try {
                BrokerRoundTrip.check("nats", Map.of("arroyo.nats.stream", stream, "arroyo.nats.subject", subject,
                        "arroyo.nats.durable", "it-" + id), payload -> {
                            // camel-nats creates the stream while its consumer starts, after the route reports started
                            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                                    .until(() -> nats.jetStreamManagement().getStreamInfo(stream) != null);
                            nats.jetStream().publish(subject, payload);
                        });
            } finally {
                try {
                    nats.jetStreamManagement().deleteStream(stream);
                } catch (JetStreamApiException notCreated) {
                    // the routes never got as far as creating it
                }
            }
        }
    }
}
