package org.arroyo.camel.support;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;

/**
 * The one rule for what every arroyo producer accepts as a body: an {@link ArroyoMessage} (Start, Event, Stop); a
 * {@link Collection} of them, sent in order (an operator's several results, a consumer's batch); or anything Camel
 * converts to one ({@code byte[]}, {@code String}, {@code ByteBuffer} and what your own converters add), also as
 * elements of a collection.
 */
public final class ProducerBodies {

    private ProducerBodies() {
    }

    /**
     * The exchange's body as the one message to send, or null when the body is a collection (use
     * {@link #messages}). The common case, without lists built around it.
     */
    public static ArroyoMessage single(Exchange exchange) throws InvalidPayloadException {
        Object body = exchange.getMessage().getBody();
        return body instanceof Collection<?> ? null : convert(exchange, body);
    }

    /** The exchange's body as the messages to send, in order. */
    public static List<ArroyoMessage> messages(Exchange exchange) throws InvalidPayloadException {
        Object body = exchange.getMessage().getBody();
        if (body instanceof ArroyoMessage one) {
            return List.of(one);
        }
        if (body instanceof Collection<?> many) {
            List<ArroyoMessage> out = new ArrayList<>(many.size());
            for (Object element : many) {
                out.add(convert(exchange, element));
            }
            return out;
        }
        return List.of(convert(exchange, body));
    }

    /**
     * One value (a body, or an element of a collection body) as the message it stands for, by the same rule: for
     * readers other than producers that take one message at a time (the {@code arroyo} data format's marshal).
     */
    public static ArroyoMessage message(Exchange exchange, Object value) throws InvalidPayloadException {
        return convert(exchange, value);
    }

    private static ArroyoMessage convert(Exchange exchange, Object value) throws InvalidPayloadException {
        if (value instanceof ArroyoMessage message) {
            return message;
        }
        // the usual payloads directly, as their converters would: no converter lookup per message
        if (value instanceof byte[] bytes) {
            return Event.ofBytes(bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            return Event.ofBytes(Map.of(), buffer);
        }
        ArroyoMessage converted = value == null ? null
                : exchange.getContext().getTypeConverter().tryConvertTo(ArroyoMessage.class, exchange, value);
        if (converted == null) {
            throw new InvalidPayloadException(exchange, ArroyoMessage.class, exchange.getMessage(),
                    new IllegalArgumentException("expected an Arroyo message (Start, Event, Stop), a List of them, "
                                                 + "or byte[] / String / ByteBuffer; got "
                                                 + (value == null ? "null" : value.getClass().getName())));
        }
        return converted;
    }
}
