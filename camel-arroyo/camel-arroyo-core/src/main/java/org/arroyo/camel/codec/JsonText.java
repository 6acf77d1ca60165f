package org.arroyo.camel.codec;

import java.util.Map;

/**
 * JSON text of a metadata map, for components that speak JSON beside a codec: the compact layout the
 * {@code json-frames} codec writes, or exactly what Python's {@code json.dumps(obj)} writes with its defaults (the
 * text a Python peer's {@code json.dumps(model.model_dump())} sends). Keys keep the map's order; numbers are written
 * as Python writes them.
 */
public final class JsonText {

    private static final String NAME = "json";

    private JsonText() {
    }

    /**
     * Compact JSON: no spaces, UTF-8 text.
     *
     * @throws CodecException for NaN, the infinities and values of types JSON cannot carry
     */
    public static String compact(Map<?, ?> map) {
        return JsonWriter.write(NAME, map, JsonWriter.Layout.COMPACT);
    }

    /**
     * Python's {@code json.dumps(map)}: {@code ", "} and {@code ": "} separators, everything above ASCII as
     * {@code \\uXXXX}, NaN and the infinities as {@code NaN}, {@code Infinity}, {@code -Infinity}.
     *
     * @throws CodecException for values of types JSON cannot carry
     */
    public static String pythonDumps(Map<?, ?> map) {
        return JsonWriter.write(NAME, map, JsonWriter.Layout.PYTHON_DUMPS);
    }
}
