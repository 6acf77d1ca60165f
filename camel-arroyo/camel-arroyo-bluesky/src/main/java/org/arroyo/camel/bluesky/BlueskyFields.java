package org.arroyo.camel.bluesky;

import java.util.Set;

/**
 * The metadata keys of the Events the Bluesky codecs decode, and read back when they encode. An Event's own fields
 * ({@value #DOCUMENT}, {@value #STREAM}, {@value #DESCRIPTOR}, {@value #UID}, {@value #SEQ_NUM}, {@value #TIME},
 * {@value #TIMESTAMPS}, {@value #FILLED}) sit beside its scalar data; a data key that has one of these names is kept
 * as {@value #DATA_PREFIX}{@code <name>} (Bluesky data keys never contain a dot).
 */
public final class BlueskyFields {

    /**
     * The document an Event came from: {@code event} (data), or one of the reference documents {@code resource},
     * {@code datum}, {@code stream_resource}, {@code stream_datum}; routes filter on it, e.g.
     * {@code ${body.metadata[document]} == 'event'}.
     */
    public static final String DOCUMENT = "document";

    /** The stream the event belongs to, the descriptor's {@code name} ({@code primary}, {@code baseline}, ...). */
    public static final String STREAM = "stream";

    /** The uid of the event's descriptor. */
    public static final String DESCRIPTOR = "descriptor";

    /** The event's uid. */
    public static final String UID = "uid";

    /** The event's sequence number in its stream, from 1. */
    public static final String SEQ_NUM = "seq_num";

    /** The event's time, seconds since the Unix epoch. */
    public static final String TIME = "time";

    /** The map of each data key's timestamp. */
    public static final String TIMESTAMPS = "timestamps";

    /** The event's {@code filled} map (external data keys not loaded yet), when it has one. */
    public static final String FILLED = "filled";

    /** The prefix of a data key named like one of the fields above. */
    public static final String DATA_PREFIX = "data.";

    /** The data key the encoder gives an Event's opaque bytes payload (a uint8 array). */
    public static final String PAYLOAD = "payload";

    /** The event's own fields, which are not data. */
    static final Set<String> RESERVED = Set.of(DOCUMENT, STREAM, DESCRIPTOR, UID, SEQ_NUM, TIME, TIMESTAMPS, FILLED);

    /** The reference documents, which travel as Events whose {@value #DOCUMENT} names them. */
    static final Set<String> REFERENCES = Set.of("resource", "datum", "stream_resource", "stream_datum");

    private BlueskyFields() {
    }

    /** The metadata key of a data key. */
    static String metadataKey(String dataKey) {
        return RESERVED.contains(dataKey) ? DATA_PREFIX + dataKey : dataKey;
    }

    /** The data key of a metadata key, or null when the key is one of the event's own fields. */
    static String dataKey(String metadataKey) {
        if (RESERVED.contains(metadataKey)) {
            return null;
        }
        return metadataKey.startsWith(DATA_PREFIX) ? metadataKey.substring(DATA_PREFIX.length()) : metadataKey;
    }
}
