package org.arroyo.camel.routes;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.EventNotifierSupport;

/** A Camel context running one of the ready YAML files of routes/, with counts of completed exchanges per route. */
final class YamlRoutes implements AutoCloseable {

    final CamelContext context = new DefaultCamelContext();
    private final Map<String, LongAdder> completed = new ConcurrentHashMap<>();
    private final Map<String, List<Object>> bodies = new ConcurrentHashMap<>();
    private final Map<String, List<Throwable>> failures = new ConcurrentHashMap<>();

    YamlRoutes(String file, Map<String, String> properties) throws Exception {
        Properties p = new Properties();
        p.putAll(properties);
        context.getPropertiesComponent().setInitialProperties(p);
        // also counts while stopping (a route policy does not); multicast copies count for the route that made them
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeCompletedEvent e && e.getExchange().getFromRouteId() != null) {
                    String route = e.getExchange().getFromRouteId();
                    completed.computeIfAbsent(route, k -> new LongAdder()).increment();
                    bodies.computeIfAbsent(route, k -> new CopyOnWriteArrayList<>())
                            .add(e.getExchange().getMessage().getBody());
                } else if (event instanceof CamelEvent.ExchangeFailedEvent e && e.getExchange().getFromRouteId() != null) {
                    failures.computeIfAbsent(e.getExchange().getFromRouteId(), k -> new CopyOnWriteArrayList<>())
                            .add(e.getExchange().getException() != null ? e.getExchange().getException()
                                    : e.getExchange().getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
                }
            }
        });
        PluginHelper.getRoutesLoader(context).loadRoutes(PluginHelper.getResourceLoader(context).resolveResource("file:" + file));
        context.start();
    }

    /** Exchanges the route has completed so far (with multicast copies: use routes without a multicast). */
    long completed(String routeId) {
        LongAdder a = completed.get(routeId);
        return a == null ? 0 : a.sum();
    }

    /** The bodies of the route's completed exchanges, in order. */
    List<Object> bodies(String routeId) {
        return bodies.getOrDefault(routeId, List.of());
    }

    /** The exceptions of the route's failed exchanges, in order. */
    List<Throwable> failures(String routeId) {
        return failures.getOrDefault(routeId, List.of());
    }

    @Override
    public void close() {
        context.stop();
    }
}
