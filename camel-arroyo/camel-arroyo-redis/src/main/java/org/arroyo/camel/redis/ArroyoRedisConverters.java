package org.arroyo.camel.redis;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.camel.Converter;

/** The mode option to its enum, case-insensitively, with an error that lists the accepted modes. */
@Converter(generateLoader = true)
public final class ArroyoRedisConverters {

    private ArroyoRedisConverters() {
    }

    @Converter
    public static ArroyoRedisMode toMode(String value) {
        String name = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (ArroyoRedisMode mode : ArroyoRedisMode.values()) {
            if (mode.name().equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + value + "'; accepted: "
                                           + Arrays.stream(ArroyoRedisMode.values()).map(Enum::name)
                                                   .collect(Collectors.joining(", ")));
    }
}
