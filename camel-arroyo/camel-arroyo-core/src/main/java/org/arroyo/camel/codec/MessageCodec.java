package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.List;

import org.arroyo.camel.message.ArroyoMessage;

/**
 * Turns Arroyo messages into transport frames and back (the design's "message parser"). An endpoint picks one with
 * {@code codec=NAME} (see {@link Codecs}) or {@code codec=#beanName} for a user's own implementation.
 * <p>
 * Implementations are thread-safe; per-stream state (a format whose event spans two transport messages, or whose
 * events depend on the run's Start) lives in the {@link MessageDecoder} each consumer creates.
 */
public interface MessageCodec {

    /** The name this codec is registered under, e.g. {@code msgpack}. */
    String name();

    /**
     * Writes one message as the frames of one transport message (one ZeroMQ multipart message). Frames may be views
     * of the message's payload: callers must not write into them.
     *
     * @throws CodecException when this format cannot carry the message
     */
    List<ByteBuffer> encode(ArroyoMessage message);

    /**
     * Writes one message as the transport messages it becomes on the wire, in order; producers send each as its own
     * transport message. Nearly always one ({@link #encode}, the default), none when {@link #encode} writes no frames;
     * several for a format where one Arroyo message is several documents (a Bluesky descriptor before the first event
     * of a stream).
     *
     * @throws CodecException when this format cannot carry the message
     */
    default List<List<ByteBuffer>> encodeAll(ArroyoMessage message) {
        List<ByteBuffer> frames = encode(message);
        return frames.isEmpty() ? List.of() : List.of(frames);
    }

    /**
     * Whether this format writes every field of a message's metadata (an Event's metadata, a Start's or Stop's data)
     * where a reader gets it back, so a producer may add fields of its own, such as the trace context
     * ({@link org.arroyo.camel.support.TraceContext}). False (the default) for formats of opaque bytes or of fixed
     * documents, which then carry nothing extra.
     */
    default boolean carriesMetadata() {
        return false;
    }

    /** A decoder for one incoming stream; consumers make one each and use it from one thread. */
    MessageDecoder newDecoder();
}
