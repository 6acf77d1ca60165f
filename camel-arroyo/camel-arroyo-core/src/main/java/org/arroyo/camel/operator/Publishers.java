package org.arroyo.camel.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.arroyo.camel.support.TemplateBean;

/**
 * A set of publishers (endpoint URIs) that a running pipeline can change: arroyopy's {@code add_publisher} /
 * {@code remove_publisher}. As a processor it sends each exchange to every current publisher, in the order they were
 * added; a publisher that fails does not keep the message from the others, and the exchange then fails naming it.
 * For Camel's own recipient list use {@link #recipients()} as its expression.
 * <p>
 * The set is copy-on-write: sending iterates a snapshot, so adding or removing never races with a message in flight.
 */
public class Publishers extends TemplateBean implements Processor {

    private final Set<String> uris = new CopyOnWriteArraySet<>();

    public Publishers() {
    }

    public Publishers(String... initial) {
        uris.addAll(List.of(initial));
    }

    /** Adds a publisher; returns false if it was already there. */
    public boolean add(String uri) {
        return uris.add(uri);
    }

    /** Removes a publisher; returns false if it was not there. */
    public boolean remove(String uri) {
        return uris.remove(uri);
    }

    /** The current publishers, in the order they were added. */
    public List<String> recipients() {
        return new ArrayList<>(uris);
    }

    /** Comma-separated initial publishers, for YAML bean properties. */
    public void setUris(String commaSeparated) {
        for (String uri : commaSeparated.split(",")) {
            if (!uri.isBlank()) {
                uris.add(uri.trim());
            }
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        List<String> failed = new ArrayList<>();
        Exception first = null;
        for (String uri : uris) {
            Exchange copy = template().send(uri, exchange.copy());
            if (copy.getException() != null) {
                failed.add(uri);
                first = first == null ? copy.getException() : first;
            }
        }
        if (first != null) {
            exchange.setException(new IllegalStateException("publishing failed to " + failed + ": "
                                                            + first.getMessage(), first));
        }
    }
}
