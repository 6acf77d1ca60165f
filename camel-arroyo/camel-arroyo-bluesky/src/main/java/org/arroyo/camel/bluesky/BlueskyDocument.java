package org.arroyo.camel.bluesky;

import java.util.Map;

/**
 * One event-model document as a RunEngine emits it: its name ({@code start}, {@code descriptor}, {@code event},
 * {@code event_page}, {@code resource}, {@code datum}, {@code datum_page}, {@code stream_resource},
 * {@code stream_datum}, {@code stop}) and its body.
 */
public record BlueskyDocument(String name, Map<String, Object> body) {

    /** The names a document may have (bluesky's {@code DocumentNames} without the deprecated bulk ones). */
    static final java.util.Set<String> NAMES = java.util.Set.of("start", "descriptor", "event", "event_page",
            "resource", "datum", "datum_page", "stream_resource", "stream_datum", "stop");
}
