package org.arroyo.camel.routes;

import java.util.Map;
import java.util.UUID;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * routes/mqtt-from-zmq.yaml and routes/mqtt-to-zmq.yaml (camel-paho-mqtt5, QoS 1, the subscriber in a persistent
 * session) against the Mosquitto on 127.0.0.1:1883: a topic and client ids of their own, the subscriber's session
 * ended after (see {@link BrokerRoundTrip}). 1002 messages fit Mosquitto's default per-client queue (1000 beyond the
 * 20 in flight) even if the subscriber fell behind entirely.
 */
class MqttRoundTripIT {

    private static final String BROKER = "tcp://" + Services.HOST + ":1883";

    @BeforeAll
    static void mosquittoIsRunning() {
        Services.require("Mosquitto (MQTT)", 1883, "mosquitto -d");
    }

    @Test
    void aRunCrossesMqttIntoTheRoiCutByteForByte() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String topic = "arroyo/it/" + id;
        String subscriber = "arroyo-it-sub-" + id;
        MqttClient injector = new MqttClient(BROKER, "arroyo-it-bad-" + id, new MemoryPersistence());
        injector.connect();
        try {
            BrokerRoundTrip.check("mqtt", Map.of("arroyo.mqtt.topic", topic, "arroyo.mqtt.clientId", subscriber,
                    "arroyo.mqtt.publisherId", "arroyo-it-pub-" + id, "arroyo.mqtt.sessionExpiry", "300"),
                    payload -> injector.publish(topic, payload, 1, false));
        } finally {
            injector.disconnect();
            injector.close();
            endSession(subscriber);
        }
    }

    /** Connects as the subscriber with a clean start and no expiry: Mosquitto forgets its persistent session. */
    private static void endSession(String clientId) throws Exception {
        MqttClient client = new MqttClient(BROKER, clientId, new MemoryPersistence());
        MqttConnectionOptions clean = new MqttConnectionOptions();
        clean.setCleanStart(true);
        clean.setSessionExpiryInterval(0L);
        client.connect(clean);
        client.disconnect();
        client.close();
    }
}
