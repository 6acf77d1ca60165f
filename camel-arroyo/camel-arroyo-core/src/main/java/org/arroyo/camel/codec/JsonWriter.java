package org.arroyo.camel.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes metadata as compact JSON ({@code {"a":1,"b":[2.5]}}, as the LabVIEW program sends it), numbers as Python's
 * {@code json.dumps} writes them: integers with all their digits, floats as {@code repr(float)} (see
 * {@link PythonFloats}). Strings are written as UTF-8 text with {@code "}, {@code \}, control characters and lone
 * surrogates escaped, so every string reads back as it was.
 * <p>
 * {@link Layout#PYTHON_DUMPS} writes what Python's {@code json.dumps(obj)} writes with its defaults instead:
 * {@code ", "} and {@code ": "} between items, every character above ASCII escaped ({@code ensure_ascii}), and NaN
 * and the infinities as {@code NaN}, {@code Infinity}, {@code -Infinity} ({@code allow_nan}).
 */
final class JsonWriter {

    /** How the text is laid out. */
    enum Layout {
        /** No spaces, UTF-8 text, finite numbers only. */
        COMPACT,
        /** Python's {@code json.dumps} defaults. */
        PYTHON_DUMPS
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String codec;
    private final boolean python;
    private final boolean nonFinite;
    private final StringBuilder out = new StringBuilder(128);

    private JsonWriter(String codec, Layout layout, boolean nonFinite) {
        this.codec = codec;
        this.python = layout == Layout.PYTHON_DUMPS;
        this.nonFinite = nonFinite || python;
    }

    /**
     * The map as one JSON object, keys in the map's order.
     *
     * @throws CodecException for values JSON cannot carry (NaN, infinities, other types), or nesting deeper than
     *                        {@link JsonReader#MAX_DEPTH}
     */
    static String write(String codec, Map<?, ?> map) {
        return write(codec, map, Layout.COMPACT, false);
    }

    /**
     * As {@link #write(String, Map)}; {@code nonFinite} writes NaN and the infinities as Python's {@code json.dumps}
     * does ({@code NaN}, {@code Infinity}, {@code -Infinity}) instead of failing.
     */
    static String write(String codec, Map<?, ?> map, boolean nonFinite) {
        return write(codec, map, Layout.COMPACT, nonFinite);
    }

    /** The map as one JSON object in that layout, keys in the map's order (Python's layout writes NaN as it does). */
    static String write(String codec, Map<?, ?> map, Layout layout) {
        return write(codec, map, layout, false);
    }

    private static String write(String codec, Map<?, ?> map, Layout layout, boolean nonFinite) {
        JsonWriter writer = new JsonWriter(codec, layout, nonFinite);
        writer.object(map, 0);
        return writer.out.toString();
    }

    private void value(Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s);
        } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer
                   || value instanceof Short || value instanceof Byte || value instanceof BigInteger
                   || value instanceof BigDecimal) {
            out.append(value);
        } else if (value instanceof Double d) {
            floating(d);
        } else if (value instanceof Float f) {
            // the float's own shortest digits, not those of its widened double (0.1f is not 0.10000000149011612)
            floating(Float.isFinite(f) ? Double.parseDouble(Float.toString(f)) : f);
        } else if (value instanceof Map<?, ?> map) {
            object(map, depth + 1);
        } else if (value instanceof Collection<?> list) {
            array(list, depth + 1);
        } else if (value instanceof CharSequence cs) {
            string(cs.toString());
        } else {
            throw new CodecException(codec + " codec: JSON cannot carry a value of type " + value.getClass().getName());
        }
    }

    private void floating(double d) {
        if (nonFinite && !Double.isFinite(d)) {
            out.append(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
            return;
        }
        if (!Double.isFinite(d)) {
            throw new CodecException(codec + " codec: JSON cannot carry the number " + d);
        }
        PythonFloats.append(out, d);
    }

    private void object(Map<?, ?> map, int depth) {
        checkDepth(depth);
        out.append('{');
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<?, ?> e = it.next();
            string(String.valueOf(e.getKey()));
            out.append(python ? ": " : ":");
            value(e.getValue(), depth);
            if (it.hasNext()) {
                out.append(python ? ", " : ",");
            }
        }
        out.append('}');
    }

    private void array(Collection<?> list, int depth) {
        checkDepth(depth);
        out.append('[');
        Iterator<?> it = list.iterator();
        while (it.hasNext()) {
            value(it.next(), depth);
            if (it.hasNext()) {
                out.append(python ? ", " : ",");
            }
        }
        out.append(']');
    }

    private void checkDepth(int depth) {
        if (depth > JsonReader.MAX_DEPTH) {
            throw new CodecException(codec + " codec: JSON values nested deeper than " + JsonReader.MAX_DEPTH);
        }
    }

    private void string(String s) {
        out.append('"');
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escape = python && c > 0x7E ? unicodeEscape(c) : escape(s, i, c);
            if (escape != null) {
                out.append(s, plain, i).append(escape);
                plain = i + 1;
            } else if (Character.isHighSurrogate(c)) {
                i++; // a valid pair: both halves go out as they are
            }
        }
        out.append(s, plain, s.length()).append('"');
    }

    /** The escape for the char at {@code i}, or {@code null} when it is written as it is. */
    private static String escape(String s, int i, char c) {
        switch (c) {
            case '"':
                return "\\\"";
            case '\\':
                return "\\\\";
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '\b':
                return "\\b";
            case '\f':
                return "\\f";
            default:
                break;
        }
        boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < s.length()
                             && Character.isLowSurrogate(s.charAt(i + 1));
        // a lone surrogate has no UTF-8 form: only as an escape does it survive
        if (c < 0x20 || (Character.isSurrogate(c) && !pairedHigh)) {
            return unicodeEscape(c);
        }
        return null;
    }

    // ensure_ascii writes DEL and everything above as \\uXXXX, a pair's halves each on their own, as Python does
    private static String unicodeEscape(char c) {
        return "\\u" + HEX[c >> 12 & 0xF] + HEX[c >> 8 & 0xF] + HEX[c >> 4 & 0xF] + HEX[c & 0xF];
    }
}
