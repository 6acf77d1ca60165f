package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.List;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;

/**
 * arroyopy's own format: one frame of opaque bytes per message, no type. Every frame decodes to an {@link Event}
 * whose payload is the frame (several frames of one multipart message are concatenated). Start and Stop cannot be
 * told apart from events in this format: encoding them fails unless {@code skipStartStop} drops them silently.
 */
public final class RawCodec implements MessageCodec {

    public static final String NAME = "raw";

    private final boolean skipStartStop;
    private final long maxMessageBytes;

    /** A codec that drops Start and Stop when encoding and accepts messages up to 256 MiB. */
    public RawCodec() {
        this(true);
    }

    /** @param skipStartStop encode Start/Stop as nothing (zero frames) instead of failing */
    public RawCodec(boolean skipStartStop) {
        this(skipStartStop, CodecLimits.DEFAULT_MAX_MESSAGE_BYTES);
    }

    /**
     * @param skipStartStop   encode Start/Stop as nothing (zero frames) instead of failing
     * @param maxMessageBytes the largest message, all its frames together, a decoder accepts (default
     *                        {@link CodecLimits#DEFAULT_MAX_MESSAGE_BYTES}); checked before frames are joined
     */
    public RawCodec(boolean skipStartStop, long maxMessageBytes) {
        this.skipStartStop = skipStartStop;
        this.maxMessageBytes = CodecLimits.requireLimit("maxMessageBytes", maxMessageBytes);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ByteBuffer> encode(ArroyoMessage message) {
        ByteBuffer payload = TypelessPayload.of(NAME, message, skipStartStop);
        return payload == null ? List.of() : List.of(payload);
    }

    @Override
    public MessageDecoder newDecoder() {
        return frames -> Event.ofBytes(java.util.Map.of(), concat(frames));
    }

    private ByteBuffer concat(List<ByteBuffer> frames) {
        long size = 0;
        for (ByteBuffer f : frames) {
            size += f.remaining();
        }
        CodecLimits.checkMessage(NAME, size, maxMessageBytes);
        if (frames.size() == 1) {
            return frames.get(0);
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new CodecException("raw codec: " + frames.size() + " frames of " + size
                                     + " bytes together do not fit one buffer");
        }
        ByteBuffer all = ByteBuffer.allocate((int) size);
        for (ByteBuffer f : frames) {
            all.put(f.duplicate());
        }
        return all.flip();
    }
}
