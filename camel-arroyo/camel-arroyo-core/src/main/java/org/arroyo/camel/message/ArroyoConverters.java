package org.arroyo.camel.message;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Converter;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.util.IOHelper;

/**
 * Natural views of Arroyo messages for plain Camel endpoints ({@code file:}, {@code log:}, {@code kafka:}): an event
 * becomes its bytes, its text, its array or a map; bytes and text become an event.
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

    /**
     * The text of a bytes event (the {@code raw} and {@code forward} formats): its payload decoded as UTF-8, or in the
     * charset the route asked for ({@code convertBodyTo(String.class, "ISO-8859-1")} sets the exchange's
     * {@code CamelCharsetName}). Bytes that are not valid in that charset become U+FFFD, as with Camel's own
     * {@code byte[]} to {@code String}. This is what {@code ${bodyAs(String)}}, {@code log: ${body}} and the
     * {@code log:} component show.
     * <p>
     * An event of arrays, or of metadata only, is not text: this returns {@code null} and Camel falls back to
     * {@link Event#toString()} (its metadata and each array's dtype and shape), rather than pixels read as characters.
     */
    @Converter
    public static String eventToString(Event event, Exchange exchange) {
        if (!event.hasBytes()) {
            return null;
        }
        return charsetOf(exchange).decode(event.getPayload()).toString();
    }

    // only a charset the route set explicitly; Camel's default charset is the JVM's, and Arroyo text is UTF-8
    private static Charset charsetOf(Exchange exchange) {
        String name = exchange == null ? null : exchange.getProperty(ExchangePropertyKey.CHARSET_NAME, String.class);
        return name == null ? StandardCharsets.UTF_8 : Charset.forName(IOHelper.normalizeCharset(name));
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

    /** As {@link #byteBufferToEvent(ByteBuffer)}, typed for endpoints that ask for any Arroyo message. */
    @Converter
    public static ArroyoMessage byteBufferToMessage(ByteBuffer buffer) {
        return byteBufferToEvent(buffer);
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
