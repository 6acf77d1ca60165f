package org.arroyo.camel.view;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one view ({@code producer:arroyo-view-NAME}): UP while its page server (or arroyosas WebSocket)
 * listens; details give its address, connected pages and what it was shown.
 */
final class ViewHealthCheck extends AbstractHealthCheck {

    private final ArroyoViewEndpoint endpoint;

    ViewHealthCheck(ArroyoViewEndpoint endpoint) {
        super("camel", "producer:arroyo-view-" + endpoint.getName());
        this.endpoint = endpoint;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        ArroyosasFeed feed = endpoint.feed();
        boolean listening = feed != null ? feed.isListening() : endpoint.getComponent().isPageServing();
        builder.detail("url", String.valueOf(endpoint.getUrl()));
        builder.detail("shown", endpoint.stats().messages());
        builder.detail("clients", feed != null ? feed.clientCount() : endpoint.getComponent().hub().clientCount());
        if (listening) {
            builder.up();
        } else {
            builder.down().message("the view's server is not listening");
        }
    }
}
