package org.arroyo.camel.bench.zmq;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Our hop: a route {@code from(in).to(out)} between two arroyo-zmq endpoints (for the live view's rows with a view
 * before the publisher), added to a running CamelContext either with the Java DSL or loaded from YAML text, and
 * removed again after the trial.
 */
final class CamelHop implements Hop {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final CamelContext context;
    private final boolean yaml;
    private final String in;
    private final String[] out;
    private final String routeId;

    /** {@code from(in).to(out[0]).to(out[1])...}: the relay, or the relay with a step before its publisher. */
    CamelHop(CamelContext context, boolean yaml, String in, String... out) {
        this.context = context;
        this.yaml = yaml;
        this.in = in;
        this.out = out;
        this.routeId = (yaml ? "relay-yaml-" : "relay-java-") + IDS.incrementAndGet();
    }

    @Override
    public void start() throws Exception {
        if (yaml) {
            StringBuilder text = new StringBuilder("- route:\n"
                                                   + "    id: " + routeId + "\n"
                                                   + "    from:\n"
                                                   + "      uri: \"" + in + "\"\n"
                                                   + "      steps:\n");
            for (String to : out) {
                text.append("        - to:\n            uri: \"").append(to).append("\"\n");
            }
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString(routeId + ".yaml", text.toString()));
        } else {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    RouteDefinition route = from(in).routeId(routeId);
                    for (String to : out) {
                        route.to(to);
                    }
                }
            });
        }
        context.getRouteController().startRoute(routeId);
    }

    @Override
    public void close() throws Exception {
        context.getRouteController().stopRoute(routeId, 10, TimeUnit.SECONDS);
        context.removeRoute(routeId);
    }
}
