package org.arroyo.camel.message;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record of a run: a metadata map plus a payload, which is either opaque bytes or one or more named
 * {@link NDArray}s (for example {@code image}, or {@code curve} and {@code raw_frame} for a reduction result).
 * <p>
 * Payload bytes are held as a read-only {@link ByteBuffer} view of the received frame: decoding and forwarding an
 * event never copies its pixels.
 */
public final class Event implements ArroyoMessage {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final Map<String, Object> metadata;
    private final ByteBuffer payload;
    private final Map<String, NDArray> arrays;

    private Event(Map<String, Object> metadata, ByteBuffer payload, Map<String, NDArray> arrays) {
        this.metadata = Maps.frozen(metadata);
        this.payload = payload == null ? null : payload.asReadOnlyBuffer();
        this.arrays = Maps.frozen(arrays);
    }

    /** An event whose payload is opaque bytes (the {@code raw} format). The array is not copied. */
    public static Event ofBytes(byte[] payload) {
        return new Event(Map.of(), ByteBuffer.wrap(payload), Map.of());
    }

    /** An event whose payload is opaque bytes, with metadata. The buffer's remaining bytes are the payload. */
    public static Event ofBytes(Map<String, Object> metadata, ByteBuffer payload) {
        return new Event(metadata, Objects.requireNonNull(payload, "payload").slice(), Map.of());
    }

    /** An event carrying named arrays, in the given order, with metadata. */
    public static Event ofArrays(Map<String, Object> metadata, Map<String, NDArray> arrays) {
        return new Event(metadata, null, arrays);
    }

    /** An event carrying one named array. */
    public static Event ofArray(Map<String, Object> metadata, String name, NDArray array) {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        arrays.put(name, array);
        return new Event(metadata, null, arrays);
    }

    /** An event carrying metadata only. */
    public static Event ofMetadata(Map<String, Object> metadata) {
        return new Event(metadata, null, Map.of());
    }

    /** A copy of this event with other metadata and the same payload. */
    public Event withMetadata(Map<String, Object> newMetadata) {
        return new Event(newMetadata, payload, arrays);
    }

    @Override
    public MessageType type() {
        return MessageType.EVENT;
    }

    /** The metadata (frame number, timestamps, URLs...), in wire order; read-only. */
    public Map<String, Object> getMetadata() {
        return metadata;
    }

    /** One metadata value, or {@code null}. */
    public Object get(String key) {
        return metadata.get(key);
    }

    /** The named arrays, in wire order; read-only and empty for a bytes event. */
    public Map<String, NDArray> getArrays() {
        return arrays;
    }

    /** The array of that name, or {@code null}. */
    public NDArray getArray(String name) {
        return arrays.get(name);
    }

    /** The first array of this event, or {@code null} when it carries none. */
    public NDArray firstArray() {
        Iterator<NDArray> it = arrays.values().iterator();
        return it.hasNext() ? it.next() : null;
    }

    /** Whether this event's payload is opaque bytes rather than arrays. */
    public boolean hasBytes() {
        return payload != null;
    }

    /**
     * The payload as a read-only view: the opaque bytes, or the data of the single array. Empty when the event has
     * neither; for several arrays use {@link #getArrays()}.
     */
    public ByteBuffer getPayload() {
        if (payload != null) {
            return payload.duplicate();
        }
        NDArray only = arrays.size() == 1 ? firstArray() : null;
        return only != null ? only.data() : EMPTY.duplicate();
    }

    /** The payload copied into a new array (see {@link #getPayload()}). */
    public byte[] getPayloadBytes() {
        ByteBuffer view = getPayload();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    /** The payload's size in bytes: the opaque bytes, or all arrays together. */
    public long payloadSize() {
        if (payload != null) {
            return payload.remaining();
        }
        long size = 0;
        for (NDArray a : arrays.values()) {
            size += a.byteSize();
        }
        return size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event e && metadata.equals(e.metadata) && Objects.equals(payload, e.payload)
                && arrays.equals(e.arrays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(metadata, payload, arrays);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Event").append(metadata);
        if (payload != null) {
            sb.append(" bytes=").append(payload.remaining());
        }
        arrays.forEach((name, a) -> sb.append(' ').append(name).append('=').append(a));
        return sb.toString();
    }
}
