package org.arroyo.camel.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Read-only, order-keeping copies of the maps messages carry. */
final class Maps {

    private Maps() {
    }

    static <V> Map<String, V> frozen(Map<String, ? extends V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
