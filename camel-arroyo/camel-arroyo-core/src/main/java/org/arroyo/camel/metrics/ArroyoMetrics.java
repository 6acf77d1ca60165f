package org.arroyo.camel.metrics;

import org.apache.camel.CamelContext;

/**
 * Publishes Arroyo counters and operator timings to Micrometer when the application has it (camel-micrometer, the
 * runner) and a {@code MeterRegistry} bean; otherwise every call here is a no-op and Micrometer is never loaded.
 * <p>
 * Meters: {@code arroyo.messages}, {@code arroyo.bytes}, {@code arroyo.errors}, {@code arroyo.dropped} (counters,
 * tagged {@code endpoint} and {@code direction} = received|sent) and {@code arroyo.operator.processing} (a timer with
 * a histogram, tagged {@code operator}); Prometheus names them {@code arroyo_messages_total},
 * {@code arroyo_operator_processing_seconds_bucket}, ...
 */
public final class ArroyoMetrics {

    private static final boolean MICROMETER = present("io.micrometer.core.instrument.MeterRegistry");

    /** A binding to undo when the consumer or producer stops, so a restart binds its new counters. */
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /** Records how long an operator took for one message. */
    @FunctionalInterface
    public interface OperatorTimer {
        void record(long nanos);
    }

    private static final Binding NONE = () -> {
    };
    private static final OperatorTimer NO_TIMER = nanos -> {
    };

    private ArroyoMetrics() {
    }

    /** Publishes the source's counters under the endpoint's (sanitized) URI. */
    public static Binding bind(CamelContext context, ArroyoStatsSource source, String endpointUri) {
        return MICROMETER ? MicrometerBinding.bind(context, source, endpointUri, NONE) : NONE;
    }

    /** A timer for the named operator, or one that records nothing. */
    public static OperatorTimer operatorTimer(CamelContext context, String operator) {
        return MICROMETER ? MicrometerBinding.operatorTimer(context, operator, NO_TIMER) : NO_TIMER;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ArroyoMetrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
