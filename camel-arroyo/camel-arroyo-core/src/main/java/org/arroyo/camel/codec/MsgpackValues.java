package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Reads and writes msgpack values with the types the built-in msgpack codecs use, for codec modules that carry
 * msgpack documents (camel-arroyo-bluesky). Reading: strings as {@link String}, integers as {@link Long} (or
 * {@link java.math.BigInteger} above {@code Long.MAX_VALUE}), floats as {@link Double}, arrays as lists, maps as
 * order-keeping maps (keys of any type), the timestamp extension as {@link java.time.Instant}, and bin values as
 * read-only {@link ByteBuffer} views of the frame (never copied; {@link #plain} copies them into {@code byte[]}).
 * Writing takes the same types back ({@code byte[]} and {@code ByteBuffer} as bin, copied once into the frame; an
 * {@link org.arroyo.camel.message.NDArray} as the arroyosas {@code {"array": {"data", "dtype", "shape"}}} map).
 */
public final class MsgpackValues {

    private MsgpackValues() {
    }

    /**
     * The frame's single top-level map, whose keys are strings.
     *
     * @throws CodecException when the frame is not exactly one msgpack map with string keys
     */
    public static Map<String, Object> readMap(String codec, ByteBuffer frame) {
        return MsgpackFrames.readMap(codec, frame);
    }

    /**
     * The frame's single top-level value, of any type.
     *
     * @throws CodecException when the frame is not exactly one msgpack value
     */
    public static Object readValue(String codec, ByteBuffer frame) {
        return MsgpackFrames.readValue(codec, frame);
    }

    /** A copy of a read value with every bin view turned into a {@code byte[]}, to keep after the frame is gone. */
    public static Object plain(Object value) {
        return MsgpackFrames.plain(value);
    }

    /**
     * One frame holding the value.
     *
     * @throws CodecException for a value of a type msgpack cannot carry, naming it
     */
    public static ByteBuffer write(String codec, Object value) {
        return write(codec, new byte[0], value);
    }

    /**
     * One frame holding {@code lead} and then the value, written once into a buffer of the exact size (for formats
     * that put a text header before the msgpack bytes, such as Bluesky's 0MQ {@code prefix name document}).
     *
     * @throws CodecException for a value of a type msgpack cannot carry, naming it
     */
    public static ByteBuffer write(String codec, byte[] lead, Object value) {
        MsgpackFrameWriter writer = new MsgpackFrameWriter(codec);
        writer.value(value);
        return writer.finish(lead);
    }
}
