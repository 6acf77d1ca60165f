package org.arroyo.camel.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.spi.CamelTracingService;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.RunMarker;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;

/**
 * Carries the W3C trace context ({@code traceparent}, {@code tracestate}) inside an Arroyo message, for transports
 * without headers of their own (ZeroMQ, Redis).
 * <p>
 * Camel's tracing (camel-opentelemetry2, or any {@link CamelTracingService}) puts a producer span's context into the
 * exchange's headers just before the producer runs, and takes a route's parent span from the headers of the exchange
 * its consumer made. This class moves those two headers across the wire: a producer copies them into the message's
 * metadata (an Event's metadata, a Start's or Stop's data) as fields of the same names, a consumer copies such fields
 * back into headers. Both only while a tracer is active, so with tracing off messages go out byte for byte as before;
 * a reader that does not trace (arroyopy) sees two more string fields.
 */
public final class TraceContext {

    /** The W3C field and header holding version, trace id, parent span id and flags. */
    public static final String TRACEPARENT = "traceparent";

    /** The W3C field and header holding vendor-specific trace state; absent when empty. */
    public static final String TRACESTATE = "tracestate";

    private TraceContext() {
    }

    /** Whether a tracer is active in this context (looked up once, when an endpoint's consumer or producer starts). */
    public static boolean isTracing(CamelContext context) {
        return context.hasService(CamelTracingService.class) != null;
    }

    /**
     * The message with the trace context of these headers in its metadata, replacing one it carried; the message
     * itself when the headers hold no {@code traceparent} or the same context already.
     */
    public static ArroyoMessage inject(Message headers, ArroyoMessage message) {
        if (!headers.hasHeaders()) {
            return message;
        }
        String parent = headers.getHeader(TRACEPARENT, String.class);
        if (parent == null || parent.isEmpty()) {
            return message;
        }
        String state = headers.getHeader(TRACESTATE, String.class);
        if (state != null && state.isEmpty()) {
            state = null;
        }
        Map<String, Object> fields = fields(message);
        if (parent.equals(fields.get(TRACEPARENT)) && Objects.equals(state, fields.get(TRACESTATE))) {
            return message;
        }
        Map<String, Object> traced = new LinkedHashMap<>(fields);
        traced.put(TRACEPARENT, parent);
        if (state != null) {
            traced.put(TRACESTATE, state);
        } else {
            traced.remove(TRACESTATE); // an upstream state belongs to the upstream context
        }
        return with(message, traced);
    }

    /** Copies the trace context a message carries into these headers, where Camel's tracer looks for a parent. */
    public static void extract(ArroyoMessage message, Message headers) {
        Map<String, Object> fields = fields(message);
        if (fields.get(TRACEPARENT) instanceof String parent) {
            headers.setHeader(TRACEPARENT, parent);
            if (fields.get(TRACESTATE) instanceof String state) {
                headers.setHeader(TRACESTATE, state);
            }
        }
    }

    private static Map<String, Object> fields(ArroyoMessage message) {
        return message instanceof Event event ? event.getMetadata() : ((RunMarker) message).getData();
    }

    private static ArroyoMessage with(ArroyoMessage message, Map<String, Object> fields) {
        if (message instanceof Event event) {
            return event.withMetadata(fields); // the payload stays a view
        }
        return message instanceof Start ? new Start(fields) : new Stop(fields);
    }
}
