package org.arroyo.camel.routes;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * routes/rabbitmq-from-zmq.yaml and routes/rabbitmq-to-zmq.yaml (camel-spring-rabbitmq) against the RabbitMQ on
 * 127.0.0.1:5672: a durable queue and a direct exchange of their own, deleted after (see {@link BrokerRoundTrip}).
 */
class RabbitMqRoundTripIT {

    @BeforeAll
    static void rabbitMqIsRunning() {
        Services.require("RabbitMQ", 5672, "rabbitmq-server -detached");
    }

    @Test
    void aRunCrossesRabbitMqIntoTheRoiCutByteForByte() throws Exception {
        String name = "arroyo-it-" + UUID.randomUUID();
        CachingConnectionFactory connection = new CachingConnectionFactory(Services.HOST, 5672);
        try {
            BrokerRoundTrip.check("rabbitmq", Map.of("arroyo.rabbitmq.exchange", name, "arroyo.rabbitmq.queue", name,
                    // a message no retry can decode is rejected at once
                    "arroyo.rabbitmq.retries", "1"), payload -> {
                        MessageProperties binary = new MessageProperties();
                        binary.setContentType(MessageProperties.CONTENT_TYPE_BYTES);
                        new RabbitTemplate(connection).send(name, name, new Message(payload, binary));
                    });
        } finally {
            RabbitAdmin admin = new RabbitAdmin(connection);
            admin.deleteQueue(name);
            admin.deleteExchange(name);
            connection.destroy();
        }
    }
}
