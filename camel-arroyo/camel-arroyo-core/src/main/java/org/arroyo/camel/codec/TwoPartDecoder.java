package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.List;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decoder for formats whose event is a header frame followed by a data frame, sent either as one two-frame
 * transport message or as two consecutive one-frame messages. Start and Stop are one header frame.
 * <p>
 * While a header waits for its data, a one-frame message of exactly the expected size is the data. Anything else
 * drops the waiting header: another event header is kept and reported with a {@link CodecException}; a complete
 * message (Start, Stop, or a two-frame event) is logged at WARN and returned, so no complete message is lost.
 * The frame size is what tells data from a header: a header that happens to have exactly the awaited byte count is
 * taken as the data.
 */
abstract class TwoPartDecoder implements MessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(TwoPartDecoder.class);

    /** An event header waiting for its data frame. */
    interface PendingEvent {

        /** The byte count the data frame must have. */
        long expectedBytes();

        /** The event with this data; fails when the length is wrong. */
        Event complete(ByteBuffer data);

        /** E.g. {@code "event header (uint32 x [2, 3])"}, for messages. */
        String describe();
    }

    /** What a header frame holds: a complete message, an event awaiting data, or neither (a skipped kind). */
    record Header(ArroyoMessage complete, PendingEvent event) {

        static Header of(ArroyoMessage message) {
            return new Header(message, null);
        }

        static Header awaiting(PendingEvent event) {
            return new Header(null, event);
        }

        static Header skipped() {
            return new Header(null, null);
        }
    }

    private final String codec;
    private PendingEvent pending;

    TwoPartDecoder(String codec) {
        this.codec = codec;
    }

    @Override
    public boolean isAwaitingPart() {
        return pending != null;
    }

    @Override
    public void discardPart() {
        pending = null;
    }

    /**
     * Reads a header frame.
     *
     * @throws CodecException when the frame is not a header of this format
     */
    protected abstract Header readHeader(ByteBuffer frame);

    @Override
    public final ArroyoMessage decode(List<ByteBuffer> frames) {
        return switch (frames.size()) {
            case 1 -> decodeSingle(frames.get(0));
            case 2 -> decodePair(frames.get(0), frames.get(1));
            default -> throw new CodecException(codec + " codec: expected 1 or 2 frames per message, got "
                                                + frames.size());
        };
    }

    private ArroyoMessage decodePair(ByteBuffer headerFrame, ByteBuffer data) {
        dropPending("a two-frame message");
        Header header = readHeader(headerFrame);
        if (header.event() != null) {
            return header.event().complete(data);
        }
        if (header.complete() != null) {
            throw new CodecException(codec + " codec: a " + header.complete().type()
                                     + " message is one frame, but a second frame of " + data.remaining()
                                     + " bytes came with it");
        }
        return null;
    }

    private ArroyoMessage decodeSingle(ByteBuffer frame) {
        PendingEvent waiting = pending;
        if (waiting == null) {
            Header header = readHeader(frame);
            pending = header.event();
            return header.complete();
        }
        pending = null;
        if (frame.remaining() == waiting.expectedBytes()) {
            return waiting.complete(frame);
        }
        Header next;
        try {
            next = readHeader(frame);
        } catch (CodecException notAHeader) {
            throw new CodecException(codec + " codec: the data part has " + frame.remaining() + " bytes but the "
                                     + waiting.describe() + " needs " + waiting.expectedBytes()
                                     + " (and it is no header either: " + notAHeader.getMessage() + ")",
                    notAHeader);
        }
        if (next.event() != null) {
            pending = next.event();
            throw new CodecException(codec + " codec: the " + waiting.describe() + " got no data part; a new "
                                     + next.event().describe() + " came instead (dropped the old one, kept the new"
                                     + " one waiting for its data)");
        }
        LOG.warn("{} codec: dropped the {} that got no data part before the next message", codec,
                waiting.describe());
        return next.complete();
    }

    private void dropPending(String what) {
        if (pending != null) {
            LOG.warn("{} codec: dropped the {} that got no data part before {}", codec, pending.describe(), what);
            pending = null;
        }
    }

    /** Whether a header is waiting for its data frame (for tests and health checks). */
    boolean isAwaitingData() {
        return pending != null;
    }
}
