package org.arroyo.camel.bluesky;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.arroyo.camel.bluesky.BlueskyFields.DESCRIPTOR;
import static org.arroyo.camel.bluesky.BlueskyFields.DOCUMENT;
import static org.arroyo.camel.bluesky.BlueskyFields.FILLED;
import static org.arroyo.camel.bluesky.BlueskyFields.SEQ_NUM;
import static org.arroyo.camel.bluesky.BlueskyFields.STREAM;
import static org.arroyo.camel.bluesky.BlueskyFields.TIME;
import static org.arroyo.camel.bluesky.BlueskyFields.TIMESTAMPS;
import static org.arroyo.camel.bluesky.BlueskyFields.UID;

/**
 * Turns one stream's documents into Arroyo messages, in order, on one thread: {@code start} is a Start,
 * {@code descriptor} is remembered for its run (and is no message), {@code event} an Event, {@code event_page} one
 * Event per row, the reference documents ({@code resource}, {@code datum}, {@code datum_page} row by row,
 * {@code stream_resource}, {@code stream_datum}) Events whose {@value BlueskyFields#DOCUMENT} names them, and
 * {@code stop} a Stop, which forgets its run's descriptors.
 * <p>
 * An event of a descriptor the stream never showed (a subscriber that joined mid-run) is still decoded, without its
 * stream name, its arrays known only when they describe themselves (msgpack-numpy); that is logged once per descriptor.
 */
final class DocumentReader {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentReader.class);

    /** More descriptors than open runs ever hold; beyond it the oldest are forgotten, so memory stays bounded. */
    static final int MAX_DESCRIPTORS = 4096;

    private final String codec;
    private final Map<String, Descriptor> descriptors = bounded(MAX_DESCRIPTORS);
    private final Set<String> unknownSeen = Collections.newSetFromMap(bounded(1024));

    DocumentReader(String codec) {
        this.codec = codec;
    }

    private static <V> Map<String, V> bounded(int max) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    /**
     * The messages one document becomes.
     *
     * @throws CodecException when the name is no document name or the document lacks what its kind needs
     */
    List<ArroyoMessage> read(String name, Map<String, Object> doc) {
        switch (name) {
            case "start":
                return List.of(new Start(DocumentValues.plainMap(codec, doc)));
            case "descriptor":
                remember(doc);
                return List.of();
            case "event":
                return List.of(event(doc));
            case "event_page":
                return eventPage(doc);
            case "stop":
                forgetRun(doc.get("run_start"));
                return List.of(new Stop(DocumentValues.plainMap(codec, doc)));
            case "datum_page":
                return datumPage(doc);
            case "resource", "datum", "stream_resource", "stream_datum":
                return List.of(reference(name, doc));
            case "bulk_events", "bulk_datum":
                throw new CodecException(codec + " codec: '" + name + "' documents are deprecated in event-model"
                                         + " and not supported; publish event_page / datum_page instead");
            default:
                throw new CodecException(codec + " codec: '" + abbreviated(name) + "' is no Bluesky document name;"
                                         + " expected one of " + BlueskyDocument.NAMES);
        }
    }

    private void remember(Map<String, Object> doc) {
        String uid = string(doc, "uid", "descriptor");
        Map<String, DataKey> keys = new LinkedHashMap<>();
        if (!(doc.get("data_keys") instanceof Map<?, ?> dataKeys)) {
            throw new CodecException(codec + " codec: descriptor " + uid + " has no data_keys map");
        }
        dataKeys.forEach((k, v) -> {
            if (v instanceof Map<?, ?> key) {
                keys.put(DocumentValues.key(codec, k), DataKey.of(key));
            }
        });
        Object stream = doc.get("name");
        Object run = doc.get("run_start");
        descriptors.put(uid, new Descriptor(uid, run instanceof String r ? r : null,
                stream instanceof String s ? s : null, keys));
    }

    private void forgetRun(Object runStart) {
        if (runStart instanceof String run) {
            descriptors.values().removeIf(d -> run.equals(d.runStart()));
        }
    }

    private Event event(Map<String, Object> doc) {
        Descriptor descriptor = descriptorOf(doc);
        if (!(doc.get("data") instanceof Map<?, ?> data)) {
            throw new CodecException(codec + " codec: event " + doc.get("uid") + " has no data map");
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(DOCUMENT, "event");
        if (descriptor != null && descriptor.stream() != null) {
            metadata.put(STREAM, descriptor.stream());
        }
        metadata.put(DESCRIPTOR, doc.get("descriptor"));
        metadata.put(UID, DocumentValues.plain(codec, doc.get("uid")));
        metadata.put(SEQ_NUM, DocumentValues.plain(codec, doc.get("seq_num")));
        metadata.put(TIME, DocumentValues.plain(codec, doc.get("time")));
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        data.forEach((k, value) -> {
            String key = DocumentValues.key(codec, k);
            DataKey dataKey = descriptor == null ? null : descriptor.dataKeys().get(key);
            NDArray array = EventArrays.toArray(codec, key, value, dataKey);
            if (array != null) {
                arrays.put(key, array);
            } else {
                metadata.put(BlueskyFields.metadataKey(key), DocumentValues.plain(codec, value));
            }
        });
        metadata.put(TIMESTAMPS, DocumentValues.plain(codec, doc.get("timestamps")));
        if (doc.containsKey("filled")) {
            metadata.put(FILLED, DocumentValues.plain(codec, doc.get("filled")));
        }
        return Event.ofArrays(metadata, arrays);
    }

    private Descriptor descriptorOf(Map<String, Object> doc) {
        String uid = string(doc, "descriptor", "event");
        Descriptor descriptor = descriptors.get(uid);
        if (descriptor == null && unknownSeen.add(uid)) {
            LOG.warn("{} codec: events of descriptor {} came before (or without) it, e.g. a subscriber that joined"
                     + " mid-run; decoding them without their stream name and data keys", codec, uid);
        }
        return descriptor;
    }

    // the columns of a page, row by row, each as an event document
    private List<ArroyoMessage> eventPage(Map<String, Object> doc) {
        if (!(doc.get("uid") instanceof List<?> uids)) {
            throw new CodecException(codec + " codec: event_page has no uid list");
        }
        int rows = uids.size();
        Map<?, ?> data = map(doc, "data", "event_page");
        Map<?, ?> timestamps = map(doc, "timestamps", "event_page");
        Map<?, ?> filled = doc.get("filled") instanceof Map<?, ?> f ? f : null;
        List<ArroyoMessage> events = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("descriptor", doc.get("descriptor"));
            row.put("uid", uids.get(i));
            row.put("seq_num", EventArrays.row(codec, "seq_num", doc.get("seq_num"), i, rows));
            row.put("time", EventArrays.row(codec, "time", doc.get("time"), i, rows));
            row.put("data", rowOf(data, i, rows));
            row.put("timestamps", rowOf(timestamps, i, rows));
            if (filled != null) {
                row.put("filled", rowOf(filled, i, rows));
            }
            events.add(event(row));
        }
        return events;
    }

    private Map<String, Object> rowOf(Map<?, ?> columns, int i, int rows) {
        Map<String, Object> row = new LinkedHashMap<>();
        columns.forEach((k, column) -> {
            String key = DocumentValues.key(codec, k);
            row.put(key, EventArrays.row(codec, key, column, i, rows));
        });
        return row;
    }

    private Event reference(String name, Map<String, Object> doc) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(DOCUMENT, name);
        doc.forEach((k, v) -> {
            if (!DOCUMENT.equals(k)) {
                metadata.put(k, DocumentValues.plain(codec, v));
            }
        });
        return Event.ofMetadata(metadata);
    }

    private List<ArroyoMessage> datumPage(Map<String, Object> doc) {
        if (!(doc.get("datum_id") instanceof List<?> ids)) {
            throw new CodecException(codec + " codec: datum_page has no datum_id list");
        }
        Map<?, ?> kwargs = map(doc, "datum_kwargs", "datum_page");
        List<ArroyoMessage> datums = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Map<String, Object> datum = new LinkedHashMap<>();
            datum.put("datum_id", ids.get(i));
            datum.put("resource", doc.get("resource"));
            datum.put("datum_kwargs", rowOf(kwargs, i, ids.size()));
            datums.add(reference("datum", datum));
        }
        return datums;
    }

    private Map<?, ?> map(Map<String, Object> doc, String field, String kind) {
        if (!(doc.get(field) instanceof Map<?, ?> map)) {
            throw new CodecException(codec + " codec: " + kind + " has no " + field + " map");
        }
        return map;
    }

    private String string(Map<String, Object> doc, String field, String kind) {
        if (!(doc.get(field) instanceof String s)) {
            throw new CodecException(codec + " codec: " + kind + " has no " + field + " string (got "
                                     + doc.get(field) + ")");
        }
        return s;
    }

    private static String abbreviated(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "..." : name;
    }
}
