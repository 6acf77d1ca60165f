package org.arroyo.camel.message;

import java.util.Map;

/** Closes a run. Its data map holds the run's closing figures (for example {@code num_frames}). */
public final class Stop extends RunMarker {

    public Stop(Map<String, Object> data) {
        super(data);
    }

    public static Stop of(Map<String, Object> data) {
        return new Stop(data);
    }

    @Override
    public MessageType type() {
        return MessageType.STOP;
    }
}
