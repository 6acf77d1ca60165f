package org.arroyo.camel.streampy;

import java.util.Locale;

/**
 * What a stream-py worker does to each message it takes from a queue. Returning {@code null} drops the message
 * (nothing is put downstream); throwing skips it and the worker goes on with the next one.
 */
@FunctionalInterface
public interface WorkerFunction {

    String apply(String message);

    /** The ping/pong game: {@code ping} becomes {@code pong}, anything else becomes {@code ping} (as stream-py). */
    static WorkerFunction pong() {
        return m -> "ping".equals(m) ? "pong" : "ping";
    }

    /** Hands the message on unchanged. */
    static WorkerFunction passthrough() {
        return m -> m;
    }

    /** A built-in function by name: {@code pong} or {@code passthrough}. */
    static WorkerFunction named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "pong" -> pong();
            case "passthrough" -> passthrough();
            default -> throw new IllegalArgumentException("unknown worker function '" + name
                                                          + "'; built in: pong, passthrough");
        };
    }
}
