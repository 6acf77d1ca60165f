package org.arroyo.camel.view;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metadata made fit for the page's JSON: whatever a route put in a Start, Stop or event (nested maps, byte arrays,
 * NaN, objects of any class) becomes numbers, strings, lists and maps, shortened to what a table shows.
 */
final class PageValues {

    private static final int MAX_ITEMS = 64;
    private static final int MAX_TEXT = 300;
    private static final int MAX_DEPTH = 8;

    private PageValues() {
    }

    /** The map with every value made safe, or null for null. */
    static Map<String, Object> safeMap(Map<?, ?> map) {
        return map == null ? null : map(map, 0);
    }

    private static Map<String, Object> map(Map<?, ?> map, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (out.size() == MAX_ITEMS) {
                out.put("\u2026", (map.size() - MAX_ITEMS) + " more");
                break;
            }
            out.put(text(String.valueOf(e.getKey())), value(e.getValue(), depth + 1));
        }
        return out;
    }

    private static Object value(Object v, int depth) {
        if (v == null || v instanceof Boolean || v instanceof String s && s.length() <= MAX_TEXT) {
            return v;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? v : String.valueOf(d);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return v;
        }
        if (v instanceof Number n) {
            return n.toString();
        }
        if (v instanceof byte[] b) {
            return b.length + " bytes";
        }
        if (v instanceof ByteBuffer b) {
            return b.remaining() + " bytes";
        }
        if (depth > MAX_DEPTH) {
            return "\u2026";
        }
        if (v instanceof Map<?, ?> m) {
            return map(m, depth);
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(Math.min(c.size(), MAX_ITEMS));
            for (Object item : c) {
                if (out.size() == MAX_ITEMS) {
                    out.add("\u2026 " + (c.size() - MAX_ITEMS) + " more");
                    break;
                }
                out.add(value(item, depth + 1));
            }
            return out;
        }
        return text(v.toString());
    }

    private static String text(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "\u2026";
    }
}
