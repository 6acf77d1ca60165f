package org.arroyo.camel.message;

import java.util.Map;

/**
 * Closes a run. Its data map holds the run's closing figures (for example {@code num_frames}).
 */
public final class Stop implements ArroyoMessage {

    private final Map<String, Object> data;

    public Stop(Map<String, Object> data) {
        this.data = Maps.frozen(data);
    }

    public static Stop of(Map<String, Object> data) {
        return new Stop(data);
    }

    /** The run's closing figures, in wire order; read-only. */
    public Map<String, Object> getData() {
        return data;
    }

    /** One figure, or {@code null}. */
    public Object get(String key) {
        return data.get(key);
    }

    @Override
    public MessageType type() {
        return MessageType.STOP;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stop s && data.equals(s.data);
    }

    @Override
    public int hashCode() {
        return data.hashCode();
    }

    @Override
    public String toString() {
        return "Stop" + data;
    }
}
