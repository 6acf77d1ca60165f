package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.List;

import org.arroyo.camel.message.ArroyoMessage;

/**
 * Decodes the messages of one stream, in order, on one thread. Decoders of formats that span several transport
 * messages keep the pending part between calls.
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
}
