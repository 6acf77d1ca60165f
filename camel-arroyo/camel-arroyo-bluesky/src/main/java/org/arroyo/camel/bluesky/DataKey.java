package org.arroyo.camel.bluesky;

import java.util.List;
import java.util.Map;

/**
 * What a descriptor says of one data key: its broad type ({@code number}, {@code integer}, {@code array} ...), its
 * shape (a dimension may be unknown), its numpy dtype when given, and where external data lives.
 */
record DataKey(String dtype, List<?> shape, String dtypeNumpy, String external) {

    static DataKey of(Map<?, ?> dataKey) {
        Object dtype = dataKey.get("dtype");
        Object shape = dataKey.get("shape");
        Object numpy = dataKey.get("dtype_numpy");
        Object external = dataKey.get("external");
        return new DataKey(dtype instanceof String s ? s : null, shape instanceof List<?> l ? l : List.of(),
                numpy instanceof String s && !s.isEmpty() ? s : null,
                external instanceof String s && !s.isEmpty() ? s : null);
    }

    /** Whether the key holds arrays. */
    boolean isArray() {
        return "array".equals(dtype) || !shape.isEmpty();
    }

    /** The shape when every dimension is known, else null. */
    int[] knownShape() {
        if (shape.isEmpty()) {
            return null;
        }
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            if (!(shape.get(i) instanceof Number n) || n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE) {
                return null;
            }
            dims[i] = n.intValue();
        }
        return dims;
    }
}
