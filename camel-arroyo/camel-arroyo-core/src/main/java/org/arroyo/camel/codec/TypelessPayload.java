package org.arroyo.camel.codec;

import java.nio.ByteBuffer;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;

/** What formats without a message type (raw, forward) can carry: one event's payload, and no Start or Stop. */
final class TypelessPayload {

    private TypelessPayload() {
    }

    /**
     * The event's payload, or null for a Start/Stop the codec drops ({@code skipStartStop}).
     *
     * @throws CodecException for an event of several arrays, or a Start/Stop the codec may not drop
     */
    static ByteBuffer of(String codec, ArroyoMessage message, boolean skipStartStop) {
        if (message instanceof Event event) {
            if (!event.hasBytes() && event.getArrays().size() > 1) {
                throw new CodecException(codec + " codec: an event with " + event.getArrays().size()
                                         + " arrays has no single payload; use the msgpack codec");
            }
            return event.getPayload();
        }
        if (skipStartStop) {
            return null;
        }
        throw new CodecException(codec + " codec cannot carry a " + message.type() + " message (the format has no type)");
    }
}
