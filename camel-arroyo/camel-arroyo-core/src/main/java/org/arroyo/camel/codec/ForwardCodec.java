package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;

/**
 * stream-py's forward protocol: each frame is one message framed as {@code L HH TTT} (see {@link ForwardFraming}).
 * Decoding gives an {@link Event} whose payload is a view of the message bytes; encoding an Event frames its payload
 * (its bytes, or the data of its single array). Like {@link RawCodec} the format has no message type: Start and Stop
 * encode to nothing unless {@code skipStartStop} is off, when they fail. For a TCP byte stream use
 * {@link ForwardFrameReader}.
 */
public final class ForwardCodec implements MessageCodec {

    public static final String NAME = "forward";

    private final boolean skipStartStop;
    private final long maxMessageBytes;

    /** A codec that drops Start and Stop when encoding and accepts messages up to 256 MiB. */
    public ForwardCodec() {
        this(true);
    }

    /** @param skipStartStop encode Start/Stop as nothing (zero frames) instead of failing */
    public ForwardCodec(boolean skipStartStop) {
        this(skipStartStop, CodecLimits.DEFAULT_MAX_MESSAGE_BYTES);
    }

    /**
     * @param skipStartStop   encode Start/Stop as nothing (zero frames) instead of failing
     * @param maxMessageBytes the largest message a decoder accepts (default
     *                        {@link CodecLimits#DEFAULT_MAX_MESSAGE_BYTES}); the framing itself allows 16^15 - 1
     */
    public ForwardCodec(boolean skipStartStop, long maxMessageBytes) {
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
        return payload == null ? List.of() : List.of(ForwardFraming.encode(payload));
    }

    @Override
    public MessageDecoder newDecoder() {
        return frames -> {
            if (frames.size() != 1) {
                throw new CodecException("forward codec: expected one frame per message, got " + frames.size());
            }
            ByteBuffer message = ForwardFraming.decode(frames.get(0));
            CodecLimits.checkMessage(NAME, message.remaining(), maxMessageBytes);
            return Event.ofBytes(Map.of(), message);
        };
    }
}
