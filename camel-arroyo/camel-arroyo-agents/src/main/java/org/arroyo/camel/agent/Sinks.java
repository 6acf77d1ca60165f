package org.arroyo.camel.agent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.arroyo.camel.support.TemplateBean;


/**
 * Named sinks an agent can publish to from its code: Simple-Stream-Processor's {@code send(producer_id, message)}.
 * Declare it as a bean with its sinks ({@code name: endpoint URI}) and hand it to agents:
 * {@code sinks.send("redis-results", message)}. A send waits for the endpoint and throws when it fails, so the
 * agent fails and the route's error handler retries it: a message sent this way is delivered at least once.
 */
public class Sinks extends TemplateBean {

    private final Map<String, String> uris = new ConcurrentHashMap<>();

    /** Sends the message to the named sink; throws when there is no such sink or the endpoint fails. */
    public void send(String sink, Object message) {
        String uri = uris.get(sink);
        if (uri == null) {
            throw new IllegalArgumentException("no sink '" + sink + "'; the sinks are " + uris.keySet());
        }
        Exchange sent = template().send(uri, exchange -> exchange.getMessage().setBody(message));
        if (sent.getException() != null) {
            // the endpoint's own words (not Camel's generic "exception occurred during execution"); no URI, it may
            // hold a password
            throw new IllegalStateException("sink '" + sink + "' failed: " + sent.getException().getMessage(),
                    sent.getException());
        }
    }

    /** The sinks, name to endpoint URI; Camel's property binding fills it from a YAML map. */
    public Map<String, String> getUris() {
        return uris;
    }

    /** The sinks: name to endpoint URI, e.g. {@code redis-results: "arroyo-redis:results?mode=stream"}. */
    public void setUris(Map<String, String> sinks) {
        uris.clear();
        uris.putAll(sinks);
    }

    /** Adds or replaces one sink. */
    public void put(String name, String uri) {
        uris.put(name, uri);
    }
}
