package org.arroyo.camel.support;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.arroyo.camel.codec.MessageCodec;
import org.arroyo.camel.message.ArroyoMessage;

/**
 * A producer's side of {@link TraceContext}: puts the exchange's trace context into each message it sends, when a
 * tracer is active and the endpoint's codec has room for it ({@link MessageCodec#carriesMetadata()}); otherwise hands
 * every message on untouched. Decided once, when the producer starts, so a producer without tracing pays nothing.
 */
public final class TraceContextInjector {

    /** Hands every message on untouched (a producer not yet started, or no tracer). */
    public static final TraceContextInjector OFF = new TraceContextInjector(false);

    private final boolean active;

    private TraceContextInjector(boolean active) {
        this.active = active;
    }

    /** The injector for a producer of this context writing with this codec. */
    public static TraceContextInjector of(CamelContext context, MessageCodec codec) {
        return codec.carriesMetadata() && TraceContext.isTracing(context) ? new TraceContextInjector(true) : OFF;
    }

    /** Whether messages get the trace context. */
    public boolean isActive() {
        return active;
    }

    /** The message to encode: with the exchange's trace context in its metadata when active, else itself. */
    public ArroyoMessage apply(Exchange exchange, ArroyoMessage message) {
        return active ? TraceContext.inject(exchange.getIn(), message) : message;
    }
}
