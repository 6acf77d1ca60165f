package org.arroyo.camel.message;

import java.util.Map;

/** What Start and Stop share: they mark a run's ends and carry a data map. */
public abstract sealed class RunMarker implements ArroyoMessage permits Start, Stop {

    private final Map<String, Object> data;

    RunMarker(Map<String, Object> data) {
        this.data = Maps.frozen(data);
    }

    /** The run's settings (Start) or closing figures (Stop), in wire order; read-only. */
    public Map<String, Object> getData() {
        return data;
    }

    /** One entry of the data, or {@code null}. */
    public Object get(String key) {
        return data.get(key);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && data.equals(((RunMarker) o).data);
    }

    @Override
    public int hashCode() {
        return 31 * getClass().hashCode() + data.hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + data;
    }
}
