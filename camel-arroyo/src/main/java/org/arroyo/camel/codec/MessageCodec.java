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

    /** A decoder for one incoming stream; consumers make one each and use it from one thread. */
    MessageDecoder newDecoder();
}
