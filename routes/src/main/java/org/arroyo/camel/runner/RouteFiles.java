package org.arroyo.camel.runner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/** Loads YAML route files into a Camel context that is not started: for {@code validate} and {@code list}. */
final class RouteFiles {

    private RouteFiles() {
    }

    static int validate(List<Path> files, Map<String, String> props, PrintStream out, PrintStream err) {
        int failed = 0;
        for (Path file : files) {
            try (CamelContext context = load(List.of(file), props)) {
                int routes = context.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions()
                        .size();
                out.println("OK     " + file + " (" + routes + " route" + (routes == 1 ? "" : "s") + ")");
            } catch (Exception e) {
                failed++;
                err.println("ERROR  " + file + ": " + describe(e));
            }
        }
        return failed == 0 ? 0 : 1;
    }

    static int list(List<Path> files, Map<String, String> props, PrintStream out, PrintStream err) {
        try (CamelContext context = load(files, props)) {
            for (RouteDefinition route : context.getCamelContextExtension().getContextPlugin(Model.class)
                    .getRouteDefinitions()) {
                String where = route.getLocation() != null ? "  (" + route.getLocation() + ":" + route.getLineNumber()
                                                             + ")" : "";
                out.println(route.getRouteId() + where);
                out.println("  from: " + resolved(context, route.getInput().getEndpointUri()));
                for (String to : targets(route)) {
                    out.println("  to:   " + resolved(context, to));
                }
            }
            return 0;
        } catch (Exception e) {
            err.println("ERROR  " + describe(e));
            return 1;
        }
    }

    /**
     * The URI with its placeholders resolved; as written when they are a kamelet's own parameters
     * ({@code {{address}}}), which only the kamelet endpoint that uses the template knows.
     */
    private static String resolved(CamelContext context, String uri) {
        try {
            return context.resolvePropertyPlaceholders(uri);
        } catch (IllegalArgumentException kameletParameter) {
            return uri;
        }
    }

    /** A context with these routes created (endpoints resolved, options checked) but not started. */
    static CamelContext load(List<Path> files, Map<String, String> props) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.setSourceLocationEnabled(true);
        context.setAutoStartup(false);
        context.getPropertiesComponent().setLocation("file:application.properties;optional=true");
        Properties overrides = new Properties();
        overrides.putAll(props);
        context.getPropertiesComponent().setOverrideProperties(overrides);
        try {
            for (Path file : files) {
                PluginHelper.getRoutesLoader(context)
                        .loadRoutes(ResourceHelper.resolveMandatoryResource(context, "file:" + file));
            }
            context.start();
            return context;
        } catch (Exception e) {
            String where = locate(context, e);
            context.close();
            throw where == null ? e : new IllegalArgumentException(where + ": " + describe(e), e);
        }
    }

    /** file:line of the route a start-up failure names, when the YAML loader recorded it. */
    private static String locate(CamelContext context, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FailedToCreateRouteException failed && failed.getRouteId() != null) {
                RouteDefinition route = context.getCamelContextExtension().getContextPlugin(Model.class)
                        .getRouteDefinition(failed.getRouteId());
                if (route != null && route.getLocation() != null) {
                    return route.getLocation() + ":" + route.getLineNumber() + " (route " + failed.getRouteId() + ")";
                }
            }
        }
        return null;
    }

    /** The endpoints a route sends to, in order, without repeats. */
    static List<String> targets(RouteDefinition route) {
        Set<String> uris = new LinkedHashSet<>();
        collect(route.getOutputs(), uris);
        return new ArrayList<>(uris);
    }

    private static void collect(List<ProcessorDefinition<?>> outputs, Set<String> uris) {
        for (ProcessorDefinition<?> p : outputs) {
            if (p instanceof SendDefinition<?> send) {
                uris.add(send.getEndpointUri());
            } else if (p instanceof ToDynamicDefinition dynamic) {
                uris.add(dynamic.getUri());
            }
            collect(p.getOutputs(), uris);
        }
    }

    /** Every message in the cause chain, once each: the YAML DSL puts the file and line in one of them. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Set<String> seen = new LinkedHashSet<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() != null ? t.getMessage().strip() : t.getClass().getSimpleName();
            if (seen.add(m)) {
                if (sb.length() > 0) {
                    sb.append("\n       caused by: ");
                }
                sb.append(m);
            }
        }
        return sb.toString();
    }
}
