package org.arroyo.camel.message;

import java.util.Map;

/** Opens a run. Its data map holds the run's settings (run name, detector size, dtype, ...). */
public final class Start extends RunMarker {

    public Start(Map<String, Object> data) {
        super(data);
    }

    public static Start of(Map<String, Object> data) {
        return new Start(data);
    }

    @Override
    public MessageType type() {
        return MessageType.START;
    }
}
