package org.arroyo.camel.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.PackedFrames;

/**
 * How the frames a codec writes for one message are stored in Redis.
 * <ul>
 * <li>pub/sub and list: one value, packed as {@link PackedFrames} does (a single frame as it is, so the {@code raw}
 * codec is byte-identical to arroyopy).</li>
 * <li>stream: one entry per message whose fields {@code f0}, {@code f1}, ... hold the frames in order; or, with
 * {@code payloadField}, the packed frames in that one field and (optionally) the metadata in fields of their own, the
 * way other tools write entries.</li>
 * </ul>
 */
public final class ArroyoRedisFrames {

    private static final byte[][] FIELD_NAMES = new byte[16][];

    static {
        for (int i = 0; i < FIELD_NAMES.length; i++) {
            FIELD_NAMES[i] = fieldName(i);
        }
    }

    private ArroyoRedisFrames() {
    }

    private static byte[] fieldName(int i) {
        return i < FIELD_NAMES.length && FIELD_NAMES[i] != null ? FIELD_NAMES[i]
                : ("f" + i).getBytes(StandardCharsets.US_ASCII);
    }

    /** The fields {@code f0}, {@code f1}, ... of an entry holding the frames, with the frames themselves as values. */
    static Map<byte[], ByteBuffer> toFieldViews(List<ByteBuffer> frames) {
        if (frames.size() == 1) {
            return Map.of(FIELD_NAMES[0], frames.get(0));
        }
        Map<byte[], ByteBuffer> fields = new LinkedHashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            fields.put(fieldName(i), frames.get(i));
        }
        return fields;
    }

    /** The fields of a stream entry holding the frames: {@code f0}, {@code f1}, ... in order. */
    public static Map<byte[], byte[]> toFields(List<ByteBuffer> frames) {
        Map<byte[], byte[]> fields = new LinkedHashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            fields.put(fieldName(i), PackedFrames.bytes(frames.get(i)));
        }
        return fields;
    }

    /**
     * The frames of a stream entry: the values of fields {@code f0}, {@code f1}, ... up to the first missing index.
     *
     * @throws CodecException when the entry has no {@code f0} field (an entry another tool wrote: see payloadField)
     */
    public static List<ByteBuffer> fromFields(Map<byte[], byte[]> fields) {
        if (fields.size() == 1) {
            // the common case, one frame: no map of names to build
            Map.Entry<byte[], byte[]> only = fields.entrySet().iterator().next();
            if (Arrays.equals(only.getKey(), FIELD_NAMES[0])) {
                return List.of(ByteBuffer.wrap(only.getValue()));
            }
        }
        Map<String, byte[]> byName = byName(fields);
        List<ByteBuffer> frames = new ArrayList<>(byName.size());
        for (int i = 0; byName.containsKey("f" + i); i++) {
            frames.add(ByteBuffer.wrap(byName.get("f" + i)));
        }
        if (frames.isEmpty()) {
            throw new CodecException("stream entry has no frame field f0 (fields: " + byName.keySet()
                                     + "); for entries other tools write, name the field that holds the message "
                                     + "with payloadField");
        }
        return frames;
    }

    /**
     * The frames held in an entry's payload field (packed as {@link PackedFrames} does).
     *
     * @throws CodecException when the entry has no such field
     */
    static List<ByteBuffer> fromPayloadField(Map<byte[], byte[]> fields, byte[] payloadField, boolean framed) {
        for (Map.Entry<byte[], byte[]> field : fields.entrySet()) {
            if (Arrays.equals(field.getKey(), payloadField)) {
                return PackedFrames.unpack(field.getValue(), framed);
            }
        }
        throw new CodecException("stream entry has no field '" + new String(payloadField, StandardCharsets.UTF_8)
                                 + "' (payloadField; fields: " + byName(fields).keySet() + ")");
    }

    /** The entry's fields other than the payload field, as metadata: names and values as UTF-8 strings, in order. */
    static Map<String, Object> otherFields(Map<byte[], byte[]> fields, byte[] payloadField) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (Map.Entry<byte[], byte[]> field : fields.entrySet()) {
            if (!Arrays.equals(field.getKey(), payloadField)) {
                metadata.put(new String(field.getKey(), StandardCharsets.UTF_8),
                        new String(field.getValue(), StandardCharsets.UTF_8));
            }
        }
        return metadata;
    }

    /** The entry's field values in order, as received (kept on an exchange whose entry cannot be decoded). */
    static List<ByteBuffer> values(Map<byte[], byte[]> fields) {
        List<ByteBuffer> values = new ArrayList<>(fields.size());
        for (byte[] value : fields.values()) {
            values.add(ByteBuffer.wrap(value));
        }
        return values;
    }

    private static Map<String, byte[]> byName(Map<byte[], byte[]> fields) {
        Map<String, byte[]> byName = new LinkedHashMap<>();
        fields.forEach((k, v) -> byName.put(new String(k, StandardCharsets.UTF_8), v));
        return byName;
    }
}
