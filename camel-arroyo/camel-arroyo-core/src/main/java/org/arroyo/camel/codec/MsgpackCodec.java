package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.MessageType;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arroyosas format (SAS / GISAXS frames): one frame per message holding a msgpack map whose {@code msg_type} is
 * {@code start}, {@code event} or {@code stop}; a map without {@code msg_type} is an event (result events have none).
 * <p>
 * Start and Stop: every field but {@code msg_type} is the data map (ints as {@link Long}, floats as {@link Double},
 * bin as {@code byte[]}). Event: a field holding {@code {"array": ARRAY}} or a bare ARRAY
 * ({@code {"data": bin, "dtype": str, "shape": [..]}}) is an {@link NDArray} of that name, little-endian unless the
 * dtype carries a {@code '>'} mark, whose bytes are a view of the frame (no copy); every other field is metadata.
 * <p>
 * An unknown {@code msg_type} (e.g. {@code result_stop}) is skipped with a WARN log, or, with
 * {@code passUnknownAsEvent}, handed on as an Event whose metadata keeps {@code msg_type}. Encoding writes
 * {@code msg_type} first (an event's own {@code msg_type} metadata wins over {@code event}), then the fields, then
 * each array as {@code name: {"array": ARRAY}}, converting big-endian arrays to little-endian.
 */
public final class MsgpackCodec implements MessageCodec {

    public static final String NAME = "msgpack";

    private static final Logger LOG = LoggerFactory.getLogger(MsgpackCodec.class);

    private final boolean passUnknownAsEvent;
    private final long maxArrayBytes;

    /** A codec that skips unknown message kinds. */
    public MsgpackCodec() {
        this(false);
    }

    /** @param passUnknownAsEvent hand unknown {@code msg_type}s on as events instead of skipping them */
    public MsgpackCodec(boolean passUnknownAsEvent) {
        this(passUnknownAsEvent, CodecLimits.DEFAULT_MAX_ARRAY_BYTES);
    }

    /**
     * @param passUnknownAsEvent hand unknown {@code msg_type}s on as events instead of skipping them
     * @param maxArrayBytes      the largest array, in bytes, a message may declare (default
     *                           {@link CodecLimits#DEFAULT_MAX_ARRAY_BYTES}); a larger one is a CodecException
     */
    public MsgpackCodec(boolean passUnknownAsEvent, long maxArrayBytes) {
        this.passUnknownAsEvent = passUnknownAsEvent;
        this.maxArrayBytes = CodecLimits.requireLimit("maxArrayBytes", maxArrayBytes);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** True: every metadata field is a field of the message's map. */
    @Override
    public boolean carriesMetadata() {
        return true;
    }

    @Override
    public List<ByteBuffer> encode(ArroyoMessage message) {
        if (message instanceof Start start) {
            return List.of(MsgpackFrameWriter.typedMap(NAME, "start", start.getData()));
        }
        if (message instanceof Stop stop) {
            return List.of(MsgpackFrameWriter.typedMap(NAME, "stop", stop.getData()));
        }
        return List.of(encodeEvent((Event) message));
    }

    private static ByteBuffer encodeEvent(Event event) {
        if (event.hasBytes() && event.getPayload().hasRemaining()) {
            throw new CodecException(NAME + " codec: an event with an opaque bytes payload has no msgpack field to"
                                     + " carry it; give it named arrays or use the raw codec");
        }
        Map<String, Object> metadata = event.getMetadata();
        Map<String, NDArray> arrays = event.getArrays();
        if (arrays.containsKey("msg_type")) {
            // the frame's msg_type key is taken: a second one would hide the first
            throw new CodecException(NAME + " codec: an array may not be named 'msg_type'");
        }
        for (String name : arrays.keySet()) {
            if (metadata.containsKey(name)) {
                throw new CodecException(NAME + " codec: '" + name + "' is both a metadata key and an array name");
            }
        }
        Object ownType = metadata.get("msg_type");
        String type = ownType instanceof String s ? s : MessageType.EVENT.wireName();
        MsgpackFrameWriter w = new MsgpackFrameWriter(NAME);
        w.mapHeader(1 + metadata.size() - (metadata.containsKey("msg_type") ? 1 : 0) + arrays.size());
        w.value("msg_type");
        w.value(type);
        w.fields(metadata, "msg_type");
        arrays.forEach((name, array) -> {
            w.value(name);
            w.value(array);
        });
        return w.finish();
    }

    @Override
    public MessageDecoder newDecoder() {
        return this::decode;
    }

    private ArroyoMessage decode(List<ByteBuffer> frames) {
        if (frames.size() != 1) {
            throw new CodecException(NAME + " codec: expected one frame per message, got " + frames.size());
        }
        Map<String, Object> map = MsgpackFrames.readMap(NAME, frames.get(0));
        String type = msgType(NAME, map);
        MessageType kind = type == null ? MessageType.EVENT : MessageType.fromWireName(type);
        if (kind == null) {
            if (!passUnknownAsEvent) {
                LOG.warn("msgpack codec: skipping a message with unknown msg_type '{}' (fields {})", type,
                        map.keySet());
                return null;
            }
            return toEvent(map, true);
        }
        return switch (kind) {
            case START -> new Start(MsgpackFrames.plainWithout(map, "msg_type"));
            case STOP -> new Stop(MsgpackFrames.plainWithout(map, "msg_type"));
            case EVENT -> toEvent(map, false);
        };
    }

    /** The map's {@code msg_type}, {@code null} when absent; fails when it is not a string. */
    static String msgType(String codec, Map<String, Object> map) {
        Object type = map.get("msg_type");
        if (type != null && !(type instanceof String)) {
            throw new CodecException(codec + " codec: msg_type is " + type + ", expected a string");
        }
        return (String) type;
    }

    private Event toEvent(Map<String, Object> map, boolean keepType) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        map.forEach((field, value) -> {
            Map<?, ?> array = "msg_type".equals(field) ? null : ArraySpec.arrayMapOf(value);
            if (array != null) {
                ArraySpec spec = ArraySpec.parse(NAME, field, array.get("dtype"), array.get("shape"),
                        ByteOrder.LITTLE_ENDIAN).checkSize(NAME, maxArrayBytes);
                arrays.put(field, spec.wrap(NAME, array.get("data")));
            } else if (keepType || !"msg_type".equals(field)) {
                metadata.put(field, MsgpackFrames.plain(value));
            }
        });
        return Event.ofArrays(metadata, arrays);
    }
}
