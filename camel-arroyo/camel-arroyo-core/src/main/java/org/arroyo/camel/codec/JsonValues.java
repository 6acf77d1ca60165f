package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * JSON frames in and out, with the value types Python's {@code json} module gives them, so metadata passes through a
 * route unchanged: integers as {@link Long} (or {@link java.math.BigInteger} beyond 64 bits), numbers with a fraction
 * or exponent as {@link Double}, objects as order-keeping maps, arrays as lists. Public for codec modules that carry
 * JSON documents (camel-arroyo-bluesky); {@code nonFinite} reads and writes {@code NaN}, {@code Infinity} and
 * {@code -Infinity} as Python's {@code json} module does by default.
 */
public final class JsonValues {

    private JsonValues() {
    }

    /**
     * Parses a UTF-8 frame holding one JSON object, keeping key order.
     *
     * @throws CodecException when the frame is not UTF-8 or not a JSON object
     */
    public static Map<String, Object> readObject(String codec, ByteBuffer frame) {
        return readObject(codec, frame, false);
    }

    /**
     * As {@link #readObject(String, ByteBuffer)}; with {@code nonFinite}, {@code NaN}, {@code Infinity} and
     * {@code -Infinity} read as doubles.
     */
    public static Map<String, Object> readObject(String codec, ByteBuffer frame, boolean nonFinite) {
        ByteBuffer view = frame.duplicate();
        int first = 0;
        while (first < view.remaining() && Character.isWhitespace(view.get(view.position() + first))) {
            first++;
        }
        // a cheap first look, so a 10 MB pixel frame is never decoded as text
        if (first == view.remaining() || view.get(view.position() + first) != '{') {
            throw new CodecException(codec + " codec: a frame of " + frame.remaining()
                                     + " bytes is not a JSON object");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(view).toString();
        } catch (CharacterCodingException e) {
            throw new CodecException(codec + " codec: the JSON frame is not valid UTF-8", e);
        }
        return JsonReader.readObject(codec, text, nonFinite);
    }

    /**
     * Writes a map as one compact UTF-8 JSON frame, keeping key order.
     *
     * @throws CodecException for values JSON cannot carry
     */
    public static ByteBuffer writeObject(String codec, Map<String, Object> map) {
        return writeObject(codec, map, false);
    }

    /** As {@link #writeObject(String, Map)}; with {@code nonFinite}, NaN and infinities are written, not refused. */
    public static ByteBuffer writeObject(String codec, Map<String, Object> map, boolean nonFinite) {
        return ByteBuffer.wrap(JsonWriter.write(codec, map, nonFinite).getBytes(StandardCharsets.UTF_8));
    }
}
