package org.arroyo.camel.bench.zmq;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Our hop: a route {@code from(in).to(out)} between two arroyo-zmq endpoints, added to a running CamelContext either
 * with the Java DSL or loaded from YAML text, and removed again after the trial.
 */
final class CamelHop implements Hop {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final CamelContext context;
    private final boolean yaml;
    private final String in;
    private final String out;
    private final String routeId;

    CamelHop(CamelContext context, boolean yaml, String in, String out) {
        this.context = context;
        this.yaml = yaml;
        this.in = in;
        this.out = out;
        this.routeId = (yaml ? "relay-yaml-" : "relay-java-") + IDS.incrementAndGet();
    }

    @Override
    public void start() throws Exception {
        if (yaml) {
            String text = "- route:\n"
                          + "    id: " + routeId + "\n"
                          + "    from:\n"
                          + "      uri: \"" + in + "\"\n"
                          + "      steps:\n"
                          + "        - to:\n"
                          + "            uri: \"" + out + "\"\n";
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString(routeId + ".yaml", text));
        } else {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(in).routeId(routeId).to(out);
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
