package org.arroyo.camel.view;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultProducer;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.metrics.ArroyoMetrics;
import org.arroyo.camel.metrics.ArroyoStats;
import org.arroyo.camel.metrics.ArroyoStatsSource;
import org.arroyo.camel.support.ProducerBodies;

/**
 * Hands each message to the view and returns at once: a few counters and a reference to the latest event, no copy,
 * no rendering, no waiting for a page. The exchange leaves unchanged, so the route goes on with it.
 */
final class ArroyoViewProducer extends DefaultProducer implements ArroyoStatsSource {

    private ArroyoMetrics.Binding metrics;
    private ViewHealthCheck healthCheck;
    private WritableHealthCheckRepository healthRepository;
    private boolean watching;

    ArroyoViewProducer(ArroyoViewEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public ArroyoViewEndpoint getEndpoint() {
        return (ArroyoViewEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        getEndpoint().acquire();
        metrics = ArroyoMetrics.bind(getEndpoint().getCamelContext(), this, getEndpoint().getEndpointUri());
        healthRepository = HealthCheckHelper.getHealthCheckRepository(getEndpoint().getCamelContext(), "producers",
                WritableHealthCheckRepository.class);
        if (healthRepository != null) {
            healthCheck = new ViewHealthCheck(getEndpoint());
            healthCheck.setEnabled(getEndpoint().getComponent().isHealthCheckProducerEnabled());
            healthRepository.addHealthCheck(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthRepository != null && healthCheck != null) {
            healthRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
        getEndpoint().release();
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ArroyoMessage one = ProducerBodies.single(exchange);
        if (one != null) {
            show(exchange, one);
        } else {
            List<ArroyoMessage> many = ProducerBodies.messages(exchange);
            for (ArroyoMessage m : many) {
                show(exchange, m);
            }
        }
    }

    private void show(Exchange exchange, ArroyoMessage message) {
        ArroyoViewEndpoint endpoint = getEndpoint();
        ArroyosasFeed feed = endpoint.feed();
        if (feed != null) {
            if (message instanceof Event e) {
                feed.onEvent(e);
            } else if (message instanceof Start s) {
                feed.onStart(s);
            } else {
                feed.onStop((Stop) message);
            }
        } else {
            LiveView view = endpoint.view();
            if (!watching) {
                watchRouteConsumer(exchange, view);
            }
            if (message instanceof Event e) {
                view.onEvent(e);
            } else if (message instanceof Start s) {
                view.onStart(s);
            } else {
                view.onStop((Stop) message);
            }
        }
        endpoint.stats().countMessage(message instanceof Event e ? e.payloadSize() : 0);
    }

    // the route's consumer counts codec errors and drops the view shows with the run
    private void watchRouteConsumer(Exchange exchange, LiveView view) {
        watching = true;
        String routeId = exchange.getFromRouteId();
        Route route = routeId == null ? null : exchange.getContext().getRoute(routeId);
        if (route != null && route.getConsumer() instanceof ArroyoStatsSource source) {
            view.watch(source);
        }
    }

    @Override
    public ArroyoStats getArroyoStats() {
        return getEndpoint().stats();
    }

    @Override
    public Direction getArroyoDirection() {
        return Direction.SENT;
    }
}
