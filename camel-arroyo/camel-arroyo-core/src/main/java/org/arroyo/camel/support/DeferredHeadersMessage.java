package org.arroyo.camel.support;

import java.util.Arrays;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultMessage;

/**
 * A consumer's message whose headers wait in a small array until something first reads or changes the headers; only
 * then are they put into Camel's case-insensitive header map (the way Camel's JMS and mail messages populate theirs).
 * A route that never looks at the headers, a relay or an operator working on the body, builds no map per message.
 */
public final class DeferredHeadersMessage extends DefaultMessage {

    private Object[] deferred; // name, value, name, value, ...
    private int size;

    public DeferredHeadersMessage(Exchange exchange) {
        super(exchange);
    }

    /** Adds a header; it is in the map from the moment the headers are first asked for. */
    public void defer(String name, Object value) {
        if (hasPopulatedHeaders()) {
            setHeader(name, value);
            return;
        }
        if (deferred == null) {
            deferred = new Object[12]; // room for six headers: the most a consumer sets
        } else if (size == deferred.length) {
            deferred = Arrays.copyOf(deferred, size * 2);
        }
        deferred[size++] = name;
        deferred[size++] = value;
    }

    /** Gives another message of the same consumer these headers, still deferred there. */
    public void copyHeadersTo(DeferredHeadersMessage other) {
        if (hasPopulatedHeaders()) {
            getHeaders().forEach(other::defer);
            return;
        }
        for (int i = 0; i < size; i += 2) {
            other.defer((String) deferred[i], deferred[i + 1]);
        }
    }

    @Override
    protected boolean isPopulateHeadersSupported() {
        return size > 0;
    }

    @Override
    protected void populateInitialHeaders(Map<String, Object> map) {
        for (int i = 0; i < size; i += 2) {
            map.put((String) deferred[i], deferred[i + 1]);
        }
        deferred = null;
        size = 0;
    }

    @Override
    public void reset() {
        super.reset();
        deferred = null;
        size = 0;
    }
}
