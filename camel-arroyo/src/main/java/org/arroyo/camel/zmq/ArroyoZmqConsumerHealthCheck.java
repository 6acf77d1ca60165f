package org.arroyo.camel.zmq;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness of an {@code arroyo-zmq} consumer: UP while its receive loop runs on an open socket. */
public class ArroyoZmqConsumerHealthCheck extends AbstractHealthCheck {

    private final ArroyoZmqConsumer consumer;

    public ArroyoZmqConsumerHealthCheck(ArroyoZmqConsumer consumer, String routeId) {
        super("camel", "consumer:arroyo-zmq-" + routeId);
        this.consumer = consumer;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("address", consumer.getEndpoint().getAddress());
        builder.detail("received", consumer.getReceivedCount());
        builder.detail("decodeErrors", consumer.getDecodeErrorCount());
        if (consumer.isRunning()) {
            builder.up();
        } else {
            builder.down();
            String error = consumer.lastError();
            builder.message(error != null ? error : "receive loop is not running");
        }
    }
}
