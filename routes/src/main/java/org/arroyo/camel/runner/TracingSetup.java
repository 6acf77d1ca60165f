package org.arroyo.camel.runner;

import java.util.Locale;
import java.util.Map;

/**
 * Prepares the OpenTelemetry SDK that camel-opentelemetry2 uses once {@code camel.opentelemetry2.enabled=true}: the
 * SDK's autoconfigure builds it on first use from the standard settings ({@code OTEL_*} environment variables or
 * {@code otel.*} system properties, e.g. {@code OTEL_EXPORTER_OTLP_ENDPOINT}), so the runner bundles the OTLP exporter
 * and only switches autoconfigure on. Nothing is built while tracing is off: no tracer ever asks for the SDK.
 * <p>
 * {@code --prop otel.KEY=VALUE} (and {@code -Dotel.KEY=VALUE} after the command) become system properties, where
 * autoconfigure reads them. Defaults, each used only when neither its variable nor its property is set: the service
 * name {@code arroyo}, and no OTLP metrics or logs (the runner serves metrics on /observe/metrics).
 */
final class TracingSetup {

    static final String AUTOCONFIGURE = "otel.java.global-autoconfigure.enabled";

    private static final Map<String, String> DEFAULTS = Map.of(
            AUTOCONFIGURE, "true",
            "otel.service.name", "arroyo",
            "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none");

    private TracingSetup() {
    }

    /** Passes the otel.* properties to the SDK and sets the defaults the user did not set. */
    static void apply(Map<String, String> props) {
        props.forEach((key, value) -> {
            if (key.startsWith("otel.")) {
                System.setProperty(key, value);
            }
        });
        DEFAULTS.forEach((key, value) -> {
            if (System.getProperty(key) == null && System.getenv(environmentName(key)) == null) {
                System.setProperty(key, value);
            }
        });
    }

    /** The environment variable autoconfigure reads for a property: otel.service.name -> OTEL_SERVICE_NAME. */
    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
