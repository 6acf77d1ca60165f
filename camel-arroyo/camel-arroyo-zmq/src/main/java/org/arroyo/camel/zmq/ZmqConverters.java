package org.arroyo.camel.zmq;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.camel.Converter;

/** URI option values to the component's enums, case-insensitively, with errors that list what is accepted. */
@Converter(generateLoader = true)
public final class ZmqConverters {

    private ZmqConverters() {
    }

    @Converter
    public static ZmqSocketType toSocketType(String value) {
        return parse(ZmqSocketType.class, "socketType", value);
    }

    @Converter
    public static ZmqMode toMode(String value) {
        return parse(ZmqMode.class, "mode", value);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String option, String value) {
        String name = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("unknown " + option + " '" + value + "'; accepted: "
                                           + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                                                   .collect(Collectors.joining(", ")));
    }
}
