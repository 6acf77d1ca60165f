package org.arroyo.camel.message;

import java.util.Map;

/**
 * Opens a run. Its data map holds the run's settings (run name, detector size, dtype, ...).
 */
public final class Start implements ArroyoMessage {

    private final Map<String, Object> data;

    public Start(Map<String, Object> data) {
        this.data = Maps.frozen(data);
    }

    public static Start of(Map<String, Object> data) {
        return new Start(data);
    }

    /** The run's settings, in wire order; read-only. */
    public Map<String, Object> getData() {
        return data;
    }

    /** One setting, or {@code null}. */
    public Object get(String key) {
        return data.get(key);
    }

    @Override
    public MessageType type() {
        return MessageType.START;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Start s && data.equals(s.data);
    }

    @Override
    public int hashCode() {
        return data.hashCode();
    }

    @Override
    public String toString() {
        return "Start" + data;
    }
}
