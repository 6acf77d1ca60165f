package org.arroyo.camel.support;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one arroyo consumer ({@code consumer:<scheme>-<routeId>}): UP while it can take messages, DOWN with
 * the reason while its loop is not running or its server is unreachable; details give what it received so far.
 */
final class ArroyoConsumerHealthCheck extends AbstractHealthCheck {

    private final ArroyoConsumer consumer;

    ArroyoConsumerHealthCheck(ArroyoConsumer consumer, String routeId) {
        super("camel", "consumer:" + consumer.getEndpoint().getComponent().getDefaultName() + "-" + routeId);
        this.consumer = consumer;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("endpoint", consumer.describe());
        builder.detail("received", consumer.getArroyoStats().messages());
        builder.detail("decodeErrors", consumer.getArroyoStats().errors());
        String reason = !consumer.isRunAllowed() ? "consumer is not running" : consumer.notReadyReason();
        if (reason == null) {
            builder.up();
        } else {
            builder.down().message(reason);
        }
    }
}
