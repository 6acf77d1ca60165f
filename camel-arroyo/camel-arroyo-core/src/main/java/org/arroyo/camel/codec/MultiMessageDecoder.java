package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.List;

import org.arroyo.camel.message.ArroyoMessage;

/**
 * A decoder whose one transport message may hold several Arroyo messages (a Bluesky {@code event_page}: one Event
 * per row). It implements {@link #decodeAll}; {@link #decode}, for callers that take one message per transport
 * message, gives that one and refuses several with a {@link CodecException} rather than drop any.
 */
public abstract class MultiMessageDecoder implements MessageDecoder {

    private final String codec;

    /** @param codec the codec's name, for error messages */
    protected MultiMessageDecoder(String codec) {
        this.codec = codec;
    }

    @Override
    public abstract List<ArroyoMessage> decodeAll(List<ByteBuffer> frames);

    @Override
    public final ArroyoMessage decode(List<ByteBuffer> frames) {
        List<ArroyoMessage> messages = decodeAll(frames);
        if (messages.size() > 1) {
            throw new CodecException(codec + " codec: one transport message holds " + messages.size()
                                     + " messages; this caller takes one per transport message (use decodeAll)");
        }
        return messages.isEmpty() ? null : messages.get(0);
    }
}
