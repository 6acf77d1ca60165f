package org.arroyo.camel.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Converter;

/**
 * Natural views of Arroyo messages for plain Camel endpoints ({@code file:}, {@code log:}, {@code kafka:}): an event
 * becomes its bytes, its array or a map; bytes and text become an event.
 */
@Converter(generateLoader = true)
public final class ArroyoConverters {

    private ArroyoConverters() {
    }

    /** The event's payload bytes (a copy): its opaque bytes or the data of its single array. */
    @Converter
    public static byte[] eventToBytes(Event event) {
        return event.getPayloadBytes();
    }

    /** A read-only view of the event's payload, no copy. */
    @Converter
    public static ByteBuffer eventToByteBuffer(Event event) {
        return event.getPayload();
    }

    /** The event's first array. */
    @Converter(allowNull = true)
    public static NDArray eventToArray(Event event) {
        return event.firstArray();
    }

    /** An event whose payload is these bytes (not copied). */
    @Converter
    public static Event bytesToEvent(byte[] bytes) {
        return Event.ofBytes(bytes);
    }

    /** An event whose payload is the UTF-8 bytes of the text. */
    @Converter
    public static Event stringToEvent(String text) {
        return Event.ofBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** An event whose payload is the buffer's remaining bytes (not copied). */
    @Converter
    public static Event byteBufferToEvent(ByteBuffer buffer) {
        return Event.ofBytes(Map.of(), buffer);
    }

    /** As {@link #bytesToEvent(byte[])}, typed for endpoints that ask for any Arroyo message. */
    @Converter
    public static ArroyoMessage bytesToMessage(byte[] bytes) {
        return bytesToEvent(bytes);
    }

    /** As {@link #stringToEvent(String)}, typed for endpoints that ask for any Arroyo message. */
    @Converter
    public static ArroyoMessage stringToMessage(String text) {
        return stringToEvent(text);
    }

    /**
     * The message as a map: {@code msg_type}, then the data (Start/Stop) or the metadata (Event), then for an event
     * each array as a map of {@code dtype}, {@code shape} and {@code byteSize}, or {@code payloadSize} for bytes.
     * Handy for {@code log:}, JSON marshalling and the simple language.
     */
    @Converter
    public static Map<String, Object> messageToMap(ArroyoMessage message) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("msg_type", message.type().wireName());
        if (message instanceof RunMarker marker) {
            map.putAll(marker.getData());
        } else if (message instanceof Event e) {
            map.putAll(e.getMetadata());
            if (e.hasBytes()) {
                map.put("payloadSize", e.payloadSize());
            }
            e.getArrays().forEach((name, a) -> map.put(name, Map.of("dtype", a.dtype().numpyName(), "shape",
                    Arrays.stream(a.shape()).boxed().toList(), "byteSize", a.byteSize())));
        }
        return map;
    }
}
