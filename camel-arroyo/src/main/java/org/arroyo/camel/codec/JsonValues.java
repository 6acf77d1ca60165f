package org.arroyo.camel.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.util.json.DeserializationException;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * JSON frames through Camel's bundled Jsoner, with the value types the other codecs use: integers as {@link Long},
 * other numbers as {@link Double}, objects as order-keeping maps.
 */
final class JsonValues {

    // deeper nesting than any Arroyo message uses; plain() recurses, so this guards the stack
    private static final int MAX_DEPTH = 64;

    private JsonValues() {
    }

    /**
     * Parses a UTF-8 frame holding one JSON object, keeping key order.
     *
     * @throws CodecException when the frame is not UTF-8 or not a JSON object
     */
    static Map<String, Object> readObject(String codec, ByteBuffer frame) {
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
        Object parsed;
        try {
            parsed = Jsoner.deserialize(text);
        } catch (DeserializationException e) {
            throw new CodecException(codec + " codec: the frame is not valid JSON: " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            // Jsoner hands numbers to BigDecimal, which refuses exponents beyond an int
            throw new CodecException(codec + " codec: the frame holds a number out of range: " + e.getMessage(), e);
        }
        if (!(parsed instanceof JsonObject object)) {
            throw new CodecException(codec + " codec: the frame is JSON but not an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) plain(codec, object, 0);
        return map;
    }

    private static Object plain(String codec, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new CodecException(codec + " codec: JSON values nested deeper than " + MAX_DEPTH);
        }
        if (value instanceof BigDecimal number) {
            return toNumber(number);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(codec, v, depth + 1)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(plain(codec, v, depth + 1)));
            return out;
        }
        return value;
    }

    private static Object toNumber(BigDecimal number) {
        if (number.scale() <= 0) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException tooBig) {
                return number.doubleValue();
            }
        }
        return number.doubleValue();
    }

    /**
     * Writes a map as one UTF-8 JSON frame, keeping key order.
     *
     * @throws CodecException for values JSON cannot carry
     */
    static ByteBuffer writeObject(String codec, Map<String, Object> map) {
        return ByteBuffer.wrap(Jsoner.serialize(json(codec, map)).getBytes(StandardCharsets.UTF_8));
    }

    private static Object json(String codec, Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
            || value instanceof Integer || value instanceof Short || value instanceof Byte
            || value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new CodecException(codec + " codec: JSON cannot carry the number " + d);
            }
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            JsonObject out = new JsonObject();
            map.forEach((k, v) -> out.put(String.valueOf(k), json(codec, v)));
            return out;
        }
        if (value instanceof Collection<?> list) {
            JsonArray out = new JsonArray();
            list.forEach(v -> out.add(json(codec, v)));
            return out;
        }
        if (value instanceof CharSequence cs) {
            return cs.toString();
        }
        throw new CodecException(codec + " codec: JSON cannot carry a value of type " + value.getClass().getName());
    }
}
