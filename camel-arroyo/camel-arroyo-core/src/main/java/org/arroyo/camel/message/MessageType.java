package org.arroyo.camel.message;

import java.util.Locale;

/** The three kinds of Arroyo message, named as they appear in the {@code msg_type} field on the wire. */
public enum MessageType {
    START,
    EVENT,
    STOP;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used on the wire and in the {@code CamelArroyoMessageType} header. */
    public String wireName() {
        return wireName;
    }

    /** The type for a wire name such as {@code "start"}, or {@code null} when the name is none of the three. */
    public static MessageType fromWireName(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "start" -> START;
            case "event" -> EVENT;
            case "stop" -> STOP;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return wireName;
    }
}
