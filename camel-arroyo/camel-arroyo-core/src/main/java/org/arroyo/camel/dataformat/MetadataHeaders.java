package org.arroyo.camel.dataformat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Message;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.MessageType;
import org.arroyo.camel.message.RunMarker;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;

/**
 * A message's type and scalar metadata as prefixed exchange headers, the form every transport has headers for
 * (Kafka record headers, AMQP headers, MQTT 5 user properties, NATS headers): names that are header tokens, values
 * as text.
 */
final class MetadataHeaders {

    /** The key of the type header, as arroyosas names the type field on the wire. */
    static final String TYPE = "msg_type";

    private final String prefix;

    MetadataHeaders(String prefix) {
        this.prefix = prefix;
    }

    /** Replaces the prefixed headers of {@code out} with the message's type and scalar entries. */
    void write(Message out, ArroyoMessage message) {
        for (String name : prefixedNames(out)) {
            out.removeHeader(name);
        }
        out.setHeader(prefix + TYPE, message.type().wireName());
        Map<String, Object> entries = message instanceof Event e ? e.getMetadata() : ((RunMarker) message).getData();
        entries.forEach((key, value) -> {
            if (!TYPE.equals(key) && isToken(key) && isScalar(value)) {
                String text = String.valueOf(value);
                if (isPrintable(text)) {
                    out.setHeader(prefix + key, text);
                }
            }
        });
    }

    /** Takes the prefixed headers off {@code in}: the type they name and the other entries. */
    Fields take(Message in) {
        if (!in.hasHeaders()) {
            return Fields.NONE;
        }
        List<String> names = prefixedNames(in);
        if (names.isEmpty()) {
            return Fields.NONE;
        }
        MessageType type = null;
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : names) {
            Object value = text(in.removeHeader(name));
            String key = name.substring(prefix.length());
            if (TYPE.equalsIgnoreCase(key)) {
                type = MessageType.fromWireName(String.valueOf(value));
            } else {
                values.put(key, value);
            }
        }
        return new Fields(type, values);
    }

    private List<String> prefixedNames(Message message) {
        List<String> names = new ArrayList<>();
        for (String name : message.getHeaders().keySet()) {
            if (name.regionMatches(true, 0, prefix, 0, prefix.length()) && name.length() > prefix.length()) {
                names.add(name);
            }
        }
        return names;
    }

    /** Kafka hands header values over as bytes; the others as text or their typed value. */
    private static Object text(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value instanceof Number || value instanceof Boolean ? value : String.valueOf(value);
    }

    private static boolean isScalar(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean;
    }

    /** RFC 9110 token characters: what every transport accepts in a header name (no spaces, no colons). */
    static boolean isToken(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                         || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPrintable(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** What the headers of one received message said. */
    record Fields(MessageType type, Map<String, Object> values) {

        static final Fields NONE = new Fields(null, Map.of());

        /** The Start or Stop the headers describe alone (an empty payload), or null. */
        ArroyoMessage marker() {
            if (type == MessageType.START) {
                return Start.of(values);
            }
            return type == MessageType.STOP ? Stop.of(values) : null;
        }

        /** The decoded message with the header entries its payload lacks; the payload's own values win. */
        ArroyoMessage restoreInto(ArroyoMessage message) {
            Map<String, Object> own = message instanceof Event e ? e.getMetadata() : ((RunMarker) message).getData();
            if (own.keySet().containsAll(values.keySet())) {
                return message;
            }
            Map<String, Object> merged = new LinkedHashMap<>(own);
            values.forEach(merged::putIfAbsent);
            if (message instanceof Event e) {
                return e.withMetadata(merged);
            }
            return message instanceof Start ? Start.of(merged) : Stop.of(merged);
        }
    }
}
