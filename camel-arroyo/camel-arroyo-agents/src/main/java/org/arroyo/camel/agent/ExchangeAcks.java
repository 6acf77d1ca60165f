package org.arroyo.camel.agent;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;

/**
 * The {@link RecordAck}s an exchange holds, kept in the exchange property {@value #PROPERTY} as an immutable list (copied
 * exchanges, e.g. split parts, share it safely). A batch holds the acks of all its records.
 */
public final class ExchangeAcks {

    /** The exchange property holding the exchange's {@code List<RecordAck>}. */
    public static final String PROPERTY = "ArroyoAcks";

    private ExchangeAcks() {
    }

    /** The acks this exchange holds (empty when none). */
    @SuppressWarnings("unchecked")
    public static List<RecordAck> of(Exchange exchange) {
        List<RecordAck> acks = exchange.getProperty(PROPERTY, List.class);
        return acks == null ? List.of() : acks;
    }

    /** Adds acks to the exchange (their holds move to it). */
    public static void add(Exchange exchange, List<RecordAck> more) {
        if (more.isEmpty()) {
            return;
        }
        List<RecordAck> all = new ArrayList<>(of(exchange));
        all.addAll(more);
        exchange.setProperty(PROPERTY, List.copyOf(all));
    }

    /** The exchange is about to become {@code 1 + more} messages: each of them will release once. */
    public static void retain(Exchange exchange, int more) {
        if (more > 0) {
            for (RecordAck ack : of(exchange)) {
                ack.retain(more);
            }
        }
    }

    /** The exchange is done: releases its holds, once (the property is removed). */
    public static void release(Exchange exchange) {
        List<RecordAck> acks = of(exchange);
        exchange.removeProperty(PROPERTY);
        for (RecordAck ack : acks) {
            ack.release();
        }
    }
}
