package org.arroyo.camel.bluesky;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;

import static org.arroyo.camel.bluesky.BlueskyFields.DOCUMENT;
import static org.arroyo.camel.bluesky.BlueskyFields.FILLED;
import static org.arroyo.camel.bluesky.BlueskyFields.SEQ_NUM;
import static org.arroyo.camel.bluesky.BlueskyFields.STREAM;
import static org.arroyo.camel.bluesky.BlueskyFields.TIME;
import static org.arroyo.camel.bluesky.BlueskyFields.TIMESTAMPS;
import static org.arroyo.camel.bluesky.BlueskyFields.UID;

/**
 * Writes a run of Arroyo messages from any source as event-model documents. A Start is a {@code start} (its data,
 * with a new uid and the current time unless it carries a string {@code uid} and a numeric {@code time}); an Event
 * is an {@code event} of its {@value BlueskyFields#STREAM} (default {@code primary}), preceded by a
 * {@code descriptor} inferred from it when it is the stream's first or its data keys changed; a Stop is a
 * {@code stop} with the run's uid, {@code exit_status} (the Stop's own when valid, else {@code success}) and the events
 * written per stream. An Event whose {@value BlueskyFields#DOCUMENT} names a reference document is written as that
 * document. A Start while a run is open closes it first with {@code exit_status: abort}.
 * <p>
 * An Event's data are its metadata but its own fields (see {@link BlueskyFields}), its arrays, and an opaque bytes
 * payload as the uint8 array {@value BlueskyFields#PAYLOAD}. Not thread-safe: the codec serializes calls.
 */
final class DocumentWriter {

    static final String DEFAULT_STREAM = "primary";

    /** The data keys' {@code source}: where the data was read, for a document written here. */
    static final String SOURCE = "arroyo";

    private static final Set<String> EXIT_STATUSES = Set.of("success", "abort", "fail");
    private static final Set<String> START_OWN = Set.of("uid", "time");
    private static final Set<String> STOP_OWN = Set.of("uid", "time", "run_start", "exit_status", "reason",
            "num_events");

    /** A stream of the open run: its current descriptor and how many events it has had. */
    private static final class StreamState {
        String descriptor;
        Map<String, Object> dataKeys;
        long seqNum;
        long events;
    }

    private final String codec;
    private String run;
    private final Map<String, StreamState> streams = new LinkedHashMap<>();

    DocumentWriter(String codec) {
        this.codec = codec;
    }

    /** The documents one message becomes, in order. */
    List<BlueskyDocument> write(ArroyoMessage message) {
        if (message instanceof Start start) {
            return start(start);
        }
        if (message instanceof Stop stop) {
            if (run == null) {
                throw new CodecException(codec + " codec: a Stop outside a run (no Start before it)");
            }
            return List.of(stop(stop.getData(), null, null));
        }
        Event event = (Event) message;
        Object kind = event.get(DOCUMENT);
        if (kind instanceof String name && BlueskyFields.REFERENCES.contains(name)) {
            Map<String, Object> doc = new LinkedHashMap<>(event.getMetadata());
            doc.remove(DOCUMENT);
            return List.of(new BlueskyDocument(name, doc));
        }
        if (run == null) {
            throw new CodecException(codec + " codec: an Event outside a run (no Start before it); Bluesky events"
                                     + " belong to a run_start, so send a Start first");
        }
        return event(event);
    }

    private List<BlueskyDocument> start(Start start) {
        List<BlueskyDocument> out = new ArrayList<>(2);
        if (run != null) {
            out.add(stop(Map.of(), "abort", "a new run started before this one stopped"));
        }
        Map<String, Object> data = start.getData();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("uid", data.get("uid") instanceof String s ? s : uid());
        doc.put("time", data.get("time") instanceof Number t ? t : now());
        copyTopLevel(data, START_OWN, doc, "start");
        if (doc.containsKey("scan_id") && !isInteger(doc.get("scan_id"))) {
            throw new CodecException(codec + " codec: the Start's scan_id is " + doc.get("scan_id")
                                     + "; a run_start's scan_id must be an integer");
        }
        run = (String) doc.get("uid");
        streams.clear();
        out.add(new BlueskyDocument("start", doc));
        return out;
    }

    private BlueskyDocument stop(Map<String, Object> data, String status, String reason) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("uid", data.get("uid") instanceof String s ? s : uid());
        doc.put("time", data.get("time") instanceof Number t ? t : now());
        doc.put("run_start", run);
        Object own = data.get("exit_status");
        doc.put("exit_status", status != null ? status : own instanceof String s && EXIT_STATUSES.contains(s)
                ? s : "success");
        Object why = reason != null ? reason : data.get("reason");
        if (why instanceof String s) {
            doc.put("reason", s);
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        streams.forEach((name, state) -> counts.put(name, state.events));
        doc.put("num_events", counts);
        copyTopLevel(data, STOP_OWN, doc, "stop");
        run = null;
        streams.clear();
        return new BlueskyDocument("stop", doc);
    }

    // run_start and run_stop take further keys without '.' or '/' (event-model's pattern ^([^./]+)$)
    private void copyTopLevel(Map<String, Object> data, Set<String> own, Map<String, Object> doc, String kind) {
        data.forEach((key, value) -> {
            if (own.contains(key)) {
                return;
            }
            if (key.isEmpty() || key.indexOf('.') >= 0 || key.indexOf('/') >= 0) {
                throw new CodecException(codec + " codec: the " + kind + "'s key '" + key + "' cannot be a Bluesky"
                                         + " document key (no '.' or '/', not empty)");
            }
            doc.put(key, value);
        });
    }

    private List<BlueskyDocument> event(Event event) {
        Object streamName = event.get(STREAM);
        String stream = streamName instanceof String s && !s.isEmpty() ? s : DEFAULT_STREAM;
        Map<String, Object> data = dataOf(event);
        Map<String, Object> dataKeys = new LinkedHashMap<>();
        data.forEach((key, value) -> dataKeys.put(key, dataKey(key, value)));
        List<BlueskyDocument> out = new ArrayList<>(2);
        StreamState state = streams.computeIfAbsent(stream, s -> new StreamState());
        double time = event.get(TIME) instanceof Number t ? t.doubleValue() : now();
        if (!dataKeys.equals(state.dataKeys)) {
            state.descriptor = uid();
            state.dataKeys = dataKeys;
            Map<String, Object> descriptor = new LinkedHashMap<>();
            descriptor.put("uid", state.descriptor);
            descriptor.put("run_start", run);
            descriptor.put("time", time);
            descriptor.put("name", stream);
            descriptor.put("data_keys", dataKeys);
            out.add(new BlueskyDocument("descriptor", descriptor));
        }
        Object seq = event.get(SEQ_NUM);
        state.seqNum = isInteger(seq) ? Math.max(state.seqNum, ((Number) seq).longValue()) : state.seqNum + 1;
        state.events++;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("uid", event.get(UID) instanceof String s ? s : uid());
        doc.put("time", time);
        doc.put("seq_num", isInteger(seq) ? ((Number) seq).longValue() : state.seqNum);
        doc.put("descriptor", state.descriptor);
        doc.put("data", data);
        doc.put("timestamps", timestamps(event, data, time));
        Map<String, Object> filled = filled(event, data);
        if (!filled.isEmpty()) {
            doc.put("filled", filled);
        }
        out.add(new BlueskyDocument("event", doc));
        return out;
    }

    private static Map<String, Object> dataOf(Event event) {
        Map<String, Object> data = new LinkedHashMap<>();
        event.getMetadata().forEach((key, value) -> {
            String dataKey = BlueskyFields.dataKey(key);
            if (dataKey != null) {
                data.put(dataKey, value);
            }
        });
        data.putAll(event.getArrays());
        if (event.hasBytes()) {
            data.put(BlueskyFields.PAYLOAD, NDArray.wrap(DType.UINT8, new int[] { (int) event.payloadSize() },
                    ByteOrder.LITTLE_ENDIAN, event.getPayload()));
        }
        return data;
    }

    private Map<String, Object> dataKey(String key, Object value) {
        Map<String, Object> dataKey = new LinkedHashMap<>();
        List<Object> shape = new ArrayList<>();
        String dtype;
        if (value instanceof NDArray array) {
            dtype = "array";
            for (int d : array.shape()) {
                shape.add((long) d);
            }
            dataKey.put("dtype_numpy", NumpyValues.typeString(array));
        } else if (value instanceof Boolean) {
            dtype = "boolean";
        } else if (isInteger(value)) {
            dtype = "integer";
        } else if (value instanceof Double || value instanceof Float) {
            dtype = "number";
        } else if (value instanceof String) {
            dtype = "string";
        } else if (value instanceof List<?> list) {
            dtype = "array";
            shape.add((long) list.size());
        } else {
            throw new CodecException(codec + " codec: event data '" + key + "' is "
                                     + (value == null ? "null" : "a " + value.getClass().getSimpleName())
                                     + ", which no Bluesky data key describes (numbers, booleans, strings, lists and"
                                     + " arrays can be data)");
        }
        dataKey.put("dtype", dtype);
        dataKey.put("shape", shape);
        dataKey.put("source", SOURCE);
        return dataKey;
    }

    private static Map<String, Object> timestamps(Event event, Map<String, Object> data, double time) {
        Map<?, ?> given = event.get(TIMESTAMPS) instanceof Map<?, ?> m ? m : Map.of();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : data.keySet()) {
            out.put(key, given.get(key) instanceof Number n ? n : time);
        }
        return out;
    }

    private static Map<String, Object> filled(Event event, Map<String, Object> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (event.get(FILLED) instanceof Map<?, ?> given) {
            given.forEach((k, v) -> {
                if (data.containsKey(String.valueOf(k)) && (v instanceof Boolean || v instanceof String)) {
                    out.put(String.valueOf(k), v);
                }
            });
        }
        return out;
    }

    private static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
               || value instanceof BigInteger;
    }

    private static String uid() {
        return UUID.randomUUID().toString();
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }
}
