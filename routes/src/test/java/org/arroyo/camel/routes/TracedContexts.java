package org.arroyo.camel.routes;

import java.util.List;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CamelContexts traced by camel-opentelemetry2 into memory, each as one process with its own service name. */
final class TracedContexts {

    static final AttributeKey<String> OP = AttributeKey.stringKey("op");
    static final AttributeKey<String> URI = AttributeKey.stringKey("camel.uri");
    static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");

    private TracedContexts() {
    }

    /** A context named {@code service} whose tracer exports every finished span to {@code exporter}. */
    static CamelContext traced(String service, InMemorySpanExporter exporter) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE, service))))
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build();
        CamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName(service);
        // camel-opentelemetry2 takes the Tracer and the propagators from the registry before the global SDK
        context.getRegistry().bind("otelTracer", Tracer.class, provider.get("camel"));
        context.getRegistry().bind("otelPropagators", ContextPropagators.class,
                ContextPropagators.create(W3CTraceContextPropagator.getInstance()));
        new OpenTelemetryTracer().init(context);
        return context;
    }

    /** The one span with this op whose endpoint URI starts so. */
    static SpanData only(List<SpanData> spans, String op, String uriStart) {
        List<SpanData> found = spans.stream()
                .filter(s -> op.equals(s.getAttributes().get(OP))
                             && String.valueOf(s.getAttributes().get(URI)).startsWith(uriStart))
                .toList();
        assertEquals(1, found.size(), () -> op + " " + uriStart + " in " + describe(spans));
        return found.get(0);
    }

    /** One line per span: op, endpoint, trace, span and parent ids (for failure messages). */
    static String describe(List<SpanData> spans) {
        return spans.stream().map(s -> s.getAttributes().get(OP) + " " + s.getAttributes().get(URI) + " trace "
                                       + s.getTraceId() + " span " + s.getSpanId() + " parent "
                                       + s.getParentSpanId())
                .collect(Collectors.joining("\n  ", "spans:\n  ", ""));
    }
}
