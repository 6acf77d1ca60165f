package org.arroyo.camel.metrics;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.util.URISupport;

/** The Micrometer side of {@link ArroyoMetrics}; loaded only when Micrometer is on the classpath. */
final class MicrometerBinding {

    private MicrometerBinding() {
    }

    static ArroyoMetrics.Binding bind(CamelContext context, ArroyoStatsSource source, String endpointUri,
                                      ArroyoMetrics.Binding none) {
        MeterRegistry registry = registry(context);
        if (registry == null) {
            return none;
        }
        ArroyoStats stats = source.getArroyoStats();
        Tags tags = Tags.of("endpoint", URISupport.sanitizeUri(endpointUri), "direction",
                source.getArroyoDirection().name().toLowerCase());
        List<Meter> meters = List.of(
                counter(registry, "arroyo.messages", "Arroyo messages moved", tags, stats, ArroyoStats::messages),
                counter(registry, "arroyo.bytes", "Arroyo payload bytes moved", tags, stats, ArroyoStats::bytes),
                counter(registry, "arroyo.errors", "Messages a codec rejected or a send failed", tags, stats,
                        ArroyoStats::errors),
                counter(registry, "arroyo.dropped", "Messages dropped by policy (high-water mark, slow listener)",
                        tags, stats, ArroyoStats::dropped));
        return () -> meters.forEach(registry::remove);
    }

    static ArroyoMetrics.OperatorTimer operatorTimer(CamelContext context, String operator,
                                                      ArroyoMetrics.OperatorTimer none) {
        MeterRegistry registry = registry(context);
        if (registry == null) {
            return none;
        }
        Timer timer = Timer.builder("arroyo.operator.processing")
                .description("Time an Arroyo operator takes for one message")
                .tag("operator", operator)
                .publishPercentileHistogram()
                .register(registry);
        return nanos -> timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private static Meter counter(MeterRegistry registry, String name, String description, Tags tags,
                                 ArroyoStats stats, ToDoubleFunction<ArroyoStats> value) {
        return FunctionCounter.builder(name, stats, value).description(description).tags(tags).register(registry);
    }

    private static MeterRegistry registry(CamelContext context) {
        return context.getRegistry().findSingleByType(MeterRegistry.class);
    }
}
