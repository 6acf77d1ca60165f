package org.arroyo.camel.redis;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness of one {@code arroyo-redis} consumer: UP while its Redis connection is open, DOWN while unreachable. */
final class ArroyoRedisConsumerHealthCheck extends AbstractHealthCheck {

    private final ArroyoRedisConsumerSupport consumer;

    ArroyoRedisConsumerHealthCheck(ArroyoRedisConsumerSupport consumer, String routeId) {
        super("camel", "consumer:arroyo-redis-" + routeId);
        this.consumer = consumer;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String address = consumer.config.describeAddress();
        builder.detail("redis.address", address);
        builder.detail("redis.mode", consumer.config.getMode().name());
        builder.detail("redis.name", consumer.endpoint.getName());
        if (!consumer.isRunAllowed()) {
            builder.down().message("consumer is not running");
        } else if (consumer.isConnected()) {
            builder.up();
        } else {
            builder.down().message("Redis at " + address + " is unreachable: " + consumer.lastError());
        }
    }
}
