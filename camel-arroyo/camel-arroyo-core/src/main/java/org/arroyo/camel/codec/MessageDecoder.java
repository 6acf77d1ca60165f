package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.List;

import org.arroyo.camel.message.ArroyoMessage;

/**
 * Decodes the messages of one stream, in order, on one thread. Decoders of formats that span several transport
 * messages keep the pending part between calls. Consumers call {@link #decodeAll}, which also serves formats whose
 * one transport message holds several Arroyo messages (see {@link MultiMessageDecoder}).
 */
@FunctionalInterface
public interface MessageDecoder {

    /**
     * Decodes the frames of one received transport message. The returned message may hold views of the frames (no
     * copy), so callers must not reuse their buffers.
     *
     * @return the message, or {@code null} when there is nothing to hand on yet: the frames are the first part of a
     *         message that continues in the next transport message, or a kind the codec was told to skip (it says so
     *         in its log)
     * @throws CodecException naming what is wrong with the bytes; the decoder is ready for the next message
     */
    ArroyoMessage decode(List<ByteBuffer> frames);

    /**
     * Decodes the frames of one received transport message into every message they hold, in order: none (as when
     * {@link #decode} returns null), one, or several (a Bluesky {@code event_page} is one Event per row). The views
     * rule of {@link #decode} applies. The default gives what {@link #decode} gives.
     *
     * @throws CodecException naming what is wrong with the bytes; the decoder is ready for the next message
     */
    default List<ArroyoMessage> decodeAll(List<ByteBuffer> frames) {
        ArroyoMessage message = decode(frames);
        return message == null ? List.of() : List.of(message);
    }

    /**
     * Whether the decoder holds the first part of a message and waits for the next transport message to complete it.
     * Transports that acknowledge what they delivered acknowledge such a part only together with the message it
     * becomes.
     */
    default boolean isAwaitingPart() {
        return false;
    }

    /**
     * Drops the first part the decoder holds, if any, keeping the rest of its state (a run's geometry). For readers
     * whose every transport message must be a whole Arroyo message (the {@code arroyo} data format).
     */
    default void discardPart() {
    }
}
