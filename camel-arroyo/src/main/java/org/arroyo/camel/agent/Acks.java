package org.arroyo.camel.agent;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;

/**
 * The {@link Ack}s an exchange holds, kept in the exchange property {@value #PROPERTY} as an immutable list (copied
 * exchanges, e.g. split parts, share it safely). A batch holds the acks of all its records.
 */
public final class Acks {

    /** The exchange property holding the exchange's {@code List<Ack>}. */
    public static final String PROPERTY = "ArroyoAcks";

    private Acks() {
    }

    /** The acks this exchange holds (empty when none). */
    @SuppressWarnings("unchecked")
    public static List<Ack> of(Exchange exchange) {
        List<Ack> acks = exchange.getProperty(PROPERTY, List.class);
        return acks == null ? List.of() : acks;
    }

    /** Adds acks to the exchange (their holds move to it). */
    public static void add(Exchange exchange, List<Ack> more) {
        if (more.isEmpty()) {
            return;
        }
        List<Ack> all = new ArrayList<>(of(exchange));
        all.addAll(more);
        exchange.setProperty(PROPERTY, List.copyOf(all));
    }

    /** The exchange is about to become {@code 1 + more} messages: each of them will release once. */
    public static void retain(Exchange exchange, int more) {
        if (more > 0) {
            for (Ack ack : of(exchange)) {
                ack.retain(more);
            }
        }
    }

    /** The exchange is done: releases its holds, once (the property is removed). */
    public static void release(Exchange exchange) {
        List<Ack> acks = of(exchange);
        exchange.removeProperty(PROPERTY);
        for (Ack ack : acks) {
            ack.release();
        }
    }
}
