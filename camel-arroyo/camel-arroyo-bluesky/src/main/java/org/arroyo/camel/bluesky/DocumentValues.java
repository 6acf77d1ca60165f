package org.arroyo.camel.bluesky;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.CodecException;

/**
 * Turns the values a document was read into (JSON's, or msgpack's with bin views) into the values messages carry:
 * msgpack-numpy's scalars ({@code {b"nd": False, b"type": "<f8", b"data": ...}}) become Java numbers, its arrays
 * {@link org.arroyo.camel.message.NDArray}s (views), its complex numbers their text, bin values {@code byte[]} and
 * bin map keys strings.
 */
final class DocumentValues {

    private DocumentValues() {
    }

    /** A document's top-level map with string keys, its values made plain. */
    static Map<String, Object> plainMap(String codec, Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(key(codec, k), plain(codec, v)));
        return out;
    }

    static Object plain(String codec, Object value) {
        if (value instanceof ByteBuffer bin) {
            byte[] bytes = new byte[bin.remaining()];
            bin.duplicate().get(bytes);
            return bytes;
        }
        if (value instanceof Map<?, ?> map) {
            if (NumpyValues.isArray(map)) {
                return NumpyValues.array(codec, "(a value)", map);
            }
            if (NumpyValues.isScalar(map)) {
                return NumpyValues.scalar(codec, map);
            }
            if (NumpyValues.isComplex(map)) {
                return text(field(map, "data"));
            }
            return plainMap(codec, map);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(plain(codec, v)));
            return out;
        }
        return value;
    }

    /** A map key as a string: msgpack-numpy and {@code use_bin_type} write bytes keys as bin. */
    static String key(String codec, Object key) {
        if (key instanceof String s) {
            return s;
        }
        if (key instanceof ByteBuffer bin) {
            return StandardCharsets.UTF_8.decode(bin.duplicate()).toString();
        }
        if (key instanceof Long || key instanceof Boolean || key instanceof Double) {
            return String.valueOf(key);
        }
        throw new CodecException(codec + " codec: a document has a map key of type "
                                 + (key == null ? "nil" : key.getClass().getSimpleName()));
    }

    /** A field of a map whose keys may be str or bin (msgpack-numpy's are bin). */
    static Object field(Map<?, ?> map, String name) {
        Object value = map.get(name);
        if (value == null && !map.isEmpty() && !(map.keySet().iterator().next() instanceof String)) {
            value = map.get(ByteBuffer.wrap(name.getBytes(StandardCharsets.US_ASCII)));
        }
        return value;
    }

    /** A str or bin value as text, or null. */
    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof ByteBuffer bin) {
            return StandardCharsets.UTF_8.decode(bin.duplicate()).toString();
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return null;
    }
}
