package org.arroyo.camel.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.CodecException;

/**
 * How the frames a codec writes for one message are stored in one Redis value.
 * <ul>
 * <li>pub/sub and list: a single frame is stored as-is, so the {@code raw} codec is byte-identical to arroyopy (the
 * payload bytes alone on the channel). Several frames are stored as {@code 00 41 52 46} ("\0ARF"), the frame count
 * as a 4-byte big-endian unsigned int, then per frame its length (4-byte big-endian) and its bytes. A reader unpacks
 * values that start with that marker, except for the {@code raw} codec, whose values are always one opaque frame.</li>
 * <li>stream: one entry per message whose fields {@code f0}, {@code f1}, ... hold the frames in order.</li>
 * </ul>
 */
public final class ArroyoRedisFrames {

    static final byte[] MAGIC = { 0, 'A', 'R', 'F' };

    private ArroyoRedisFrames() {
    }

    /** One Redis value holding the frames: a single frame as-is, several length-prefixed after the marker. */
    public static byte[] pack(List<ByteBuffer> frames) {
        if (frames.size() == 1) {
            return bytes(frames.get(0));
        }
        long size = MAGIC.length + 4L;
        for (ByteBuffer f : frames) {
            size += 4L + f.remaining();
        }
        if (size > Integer.MAX_VALUE) {
            throw new CodecException("a message of " + size + " bytes is too large for one Redis value");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.put(MAGIC).putInt(frames.size());
        for (ByteBuffer f : frames) {
            out.putInt(f.remaining()).put(f.duplicate());
        }
        return out.array();
    }

    /**
     * The frames of a Redis value written by {@link #pack}.
     *
     * @param framed whether a value starting with the marker holds several frames (false for the raw codec)
     * @throws CodecException when a marked value is truncated or has trailing bytes
     */
    public static List<ByteBuffer> unpack(byte[] value, boolean framed) {
        if (!framed || value.length < MAGIC.length + 4 || !Arrays.equals(value, 0, MAGIC.length, MAGIC, 0, 4)) {
            return List.of(ByteBuffer.wrap(value));
        }
        ByteBuffer in = ByteBuffer.wrap(value);
        in.position(MAGIC.length);
        long count = in.getInt() & 0xFFFFFFFFL;
        if (count > in.remaining() / 4) {
            throw new CodecException("multi-frame value of " + value.length + " bytes claims " + count + " frames");
        }
        List<ByteBuffer> frames = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            if (in.remaining() < 4) {
                throw new CodecException("multi-frame value truncated before the length of frame " + i);
            }
            int len = in.getInt();
            if (len < 0 || len > in.remaining()) {
                throw new CodecException("multi-frame value truncated: frame " + i + " claims " + (len & 0xFFFFFFFFL)
                                         + " bytes, " + in.remaining() + " left");
            }
            frames.add(in.slice().limit(len));
            in.position(in.position() + len);
        }
        if (in.hasRemaining()) {
            throw new CodecException("multi-frame value has " + in.remaining() + " bytes after its last frame");
        }
        return frames;
    }

    /**
     * As {@link #pack}, the frame itself when there is one (no copy), for the producers' {@link FrameValueCodec},
     * which reads a duplicate of it.
     */
    static ByteBuffer packView(List<ByteBuffer> frames) {
        return frames.size() == 1 ? frames.get(0) : ByteBuffer.wrap(pack(frames));
    }

    private static final byte[][] FIELD_NAMES = new byte[16][];

    static {
        for (int i = 0; i < FIELD_NAMES.length; i++) {
            FIELD_NAMES[i] = ("f" + i).getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** As {@link #toFields}, with the frames themselves, for the producers' {@link FrameValueCodec}. */
    static Map<byte[], ByteBuffer> toFieldViews(List<ByteBuffer> frames) {
        if (frames.size() == 1) {
            return Map.of(FIELD_NAMES[0], frames.get(0));
        }
        Map<byte[], ByteBuffer> fields = new LinkedHashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            byte[] name = i < FIELD_NAMES.length ? FIELD_NAMES[i] : ("f" + i).getBytes(StandardCharsets.US_ASCII);
            fields.put(name, frames.get(i));
        }
        return fields;
    }

    /** The fields of a stream entry holding the frames: {@code f0}, {@code f1}, ... in order. */
    public static Map<byte[], byte[]> toFields(List<ByteBuffer> frames) {
        Map<byte[], byte[]> fields = new LinkedHashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            fields.put(("f" + i).getBytes(StandardCharsets.US_ASCII), bytes(frames.get(i)));
        }
        return fields;
    }

    /**
     * The frames of a stream entry: the values of fields {@code f0}, {@code f1}, ... up to the first missing index.
     *
     * @throws CodecException when the entry has no {@code f0} field
     */
    public static List<ByteBuffer> fromFields(Map<byte[], byte[]> fields) {
        if (fields != null && fields.size() == 1) {
            // the common case, one frame: no map of names to build
            Map.Entry<byte[], byte[]> only = fields.entrySet().iterator().next();
            if (Arrays.equals(only.getKey(), FIELD_NAMES[0])) {
                return List.of(ByteBuffer.wrap(only.getValue()));
            }
        }
        Map<String, byte[]> byName = new LinkedHashMap<>();
        if (fields != null) {
            fields.forEach((k, v) -> byName.put(new String(k, StandardCharsets.UTF_8), v));
        }
        List<ByteBuffer> frames = new ArrayList<>(byName.size());
        for (int i = 0; byName.containsKey("f" + i); i++) {
            frames.add(ByteBuffer.wrap(byName.get("f" + i)));
        }
        if (frames.isEmpty()) {
            throw new CodecException("stream entry has no frame field f0 (fields: " + byName.keySet() + ")");
        }
        return frames;
    }

    /** The payload bytes of a stream entry's fields together. */
    static long size(Map<byte[], byte[]> fields) {
        long size = 0;
        for (byte[] value : fields.values()) {
            size += value.length;
        }
        return size;
    }

    /** The payload bytes of the frames together. */
    static long size(List<ByteBuffer> frames) {
        long size = 0;
        for (ByteBuffer f : frames) {
            size += f.remaining();
        }
        return size;
    }

    static byte[] bytes(ByteBuffer frame) {
        ByteBuffer view = frame.duplicate();
        if (view.hasArray() && view.arrayOffset() == 0 && view.position() == 0 && view.remaining() == view.array().length
                && !view.isReadOnly()) {
            return view.array();
        }
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }
}
