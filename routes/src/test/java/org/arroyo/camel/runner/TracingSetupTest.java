package org.arroyo.camel.runner;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TracingSetupTest {

    private static final List<String> KEYS = List.of(TracingSetup.AUTOCONFIGURE, "otel.service.name",
            "otel.metrics.exporter", "otel.logs.exporter", "otel.exporter.otlp.endpoint");

    @AfterEach
    void clear() {
        KEYS.forEach(System::clearProperty);
    }

    @Test
    void otelPropsReachTheSdkAndDefaultsFillOnlyWhatIsUnset() {
        KEYS.forEach(System::clearProperty);
        System.setProperty("otel.service.name", "detector");

        TracingSetup.apply(Map.of("otel.exporter.otlp.endpoint", "http://collector:4318", "arroyo.input", "tcp://x"));

        assertEquals("http://collector:4318", System.getProperty("otel.exporter.otlp.endpoint"));
        assertNull(System.getProperty("arroyo.input"), "only otel.* properties are the SDK's");
        assertEquals("detector", System.getProperty("otel.service.name"), "a setting of the user's stays");
        assertEquals("true", System.getProperty(TracingSetup.AUTOCONFIGURE));
        assertEquals("none", System.getProperty("otel.metrics.exporter"));
        assertEquals("none", System.getProperty("otel.logs.exporter"));
    }

    @Test
    void environmentNamesFollowTheSdksRule() {
        assertEquals("OTEL_SERVICE_NAME", TracingSetup.environmentName("otel.service.name"));
        assertEquals("OTEL_JAVA_GLOBAL_AUTOCONFIGURE_ENABLED",
                TracingSetup.environmentName(TracingSetup.AUTOCONFIGURE));
    }
}
