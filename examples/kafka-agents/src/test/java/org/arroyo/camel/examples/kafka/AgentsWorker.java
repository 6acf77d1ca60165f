package org.arroyo.camel.examples.kafka;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Runs kafka-agents.yaml in a Camel context with the given placeholder values; as a main (key=value arguments) it is
 * the worker process the crash test kills.
 */
final class AgentsWorker {

    // the ready pipeline the arroyo runner runs too
    static final Path YAML = Path.of("../../routes/kafka-agents.yaml").toAbsolutePath();

    private AgentsWorker() {
    }

    static CamelContext start(Map<String, String> props) throws Exception {
        CamelContext context = new DefaultCamelContext();
        Properties initial = new Properties();
        initial.putAll(props);
        context.getPropertiesComponent().setInitialProperties(initial);
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context, "file:" + YAML));
        context.start();
        return context;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> props = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            props.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        start(props);
        System.out.println("worker started");
        Thread.currentThread().join();
    }
}
