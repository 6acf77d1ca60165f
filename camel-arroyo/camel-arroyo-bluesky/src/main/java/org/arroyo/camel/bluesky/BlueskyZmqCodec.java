package org.arroyo.camel.bluesky;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.message.ArroyoMessage;

/**
 * Bluesky's 0MQ form, as {@code bluesky.callbacks.zmq.Publisher} sends it (through {@code bluesky-zmq-proxy}) and
 * {@code RemoteDispatcher} reads it: one frame per document, {@code prefix + b" " + name + b" " + serializer(doc)},
 * the prefix often empty (the frame then starts with a space) and never holding a space; the receiver splits on the
 * first two spaces. Documents serialized with JSON or msgpack ({@link DocumentSerializer}); pickle, the Publisher's
 * default, is refused naming the fix.
 * <p>
 * With a prefix, the decoder takes only frames of that prefix and skips the others, as {@code RemoteDispatcher}
 * does, and the encoder writes it; without one it takes every frame and writes the empty prefix. The names
 * {@code bluesky-zmq-json} and {@code bluesky-zmq-msgpack} resolve to codecs without a prefix; for one, bind
 * {@code new BlueskyZmqCodec(DocumentSerializer.MSGPACK, "xpd".getBytes())} and use {@code codec=#name} (or filter at
 * the socket with arroyo-zmq's {@code topics}, a 0MQ prefix subscription).
 */
public class BlueskyZmqCodec extends BlueskyCodec {

    private static final byte SPACE = ' ';

    private final DocumentSerializer serializer;
    private final byte[] prefix;

    /** A codec of that serializer, without a prefix. */
    public BlueskyZmqCodec(DocumentSerializer serializer) {
        this(serializer, new byte[0]);
    }

    /**
     * @param serializer how documents are serialized
     * @param prefix     the Publisher's prefix (bytes, no space); empty takes every prefix and writes none
     */
    public BlueskyZmqCodec(DocumentSerializer serializer, byte[] prefix) {
        super("bluesky-zmq-" + serializer.suffix());
        for (byte b : prefix) {
            if (b == SPACE) {
                throw new IllegalArgumentException("a Bluesky 0MQ prefix may not contain a space: "
                                                   + new String(prefix, StandardCharsets.UTF_8));
            }
        }
        this.serializer = serializer;
        this.prefix = prefix.clone();
    }

    /**
     * One 0MQ message holding every document of the message, one frame each; {@code RemoteDispatcher} reads a
     * multipart message frame by frame, so it sees them in order. Producers send them apart ({@link #encodeAll}).
     */
    @Override
    public List<ByteBuffer> encode(ArroyoMessage message) {
        List<ByteBuffer> frames = new ArrayList<>(2);
        for (List<ByteBuffer> one : encodeAll(message)) {
            frames.addAll(one);
        }
        return frames;
    }

    @Override
    protected ByteBuffer toFrame(BlueskyDocument document) {
        byte[] name = document.name().getBytes(StandardCharsets.UTF_8);
        byte[] lead = new byte[prefix.length + name.length + 2];
        System.arraycopy(prefix, 0, lead, 0, prefix.length);
        lead[prefix.length] = SPACE;
        System.arraycopy(name, 0, lead, prefix.length + 1, name.length);
        lead[lead.length - 1] = SPACE;
        return serializer.write(name(), lead, document.body());
    }

    @Override
    protected BlueskyDocument fromFrame(ByteBuffer frame) {
        int start = frame.position();
        int end = frame.limit();
        int first = indexOfSpace(frame, start, end);
        int second = first < 0 ? -1 : indexOfSpace(frame, first + 1, end);
        if (second < 0) {
            throw new CodecException(name() + " codec: a frame of " + frame.remaining() + " bytes is no Bluesky 0MQ"
                                     + " message ('prefix name document', split on the first two spaces): it has "
                                     + (first < 0 ? "no space" : "one space only"));
        }
        if (prefix.length > 0 && !hasPrefix(frame, start, first)) {
            return null;
        }
        String name = StandardCharsets.UTF_8.decode(frame.duplicate().position(first + 1).limit(second)).toString();
        ByteBuffer payload = frame.duplicate().position(second + 1).limit(end).slice();
        return new BlueskyDocument(name, serializer.read(name(), payload));
    }

    private boolean hasPrefix(ByteBuffer frame, int start, int spaceAt) {
        if (spaceAt - start != prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (frame.get(start + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfSpace(ByteBuffer frame, int from, int to) {
        for (int i = from; i < to; i++) {
            if (frame.get(i) == SPACE) {
                return i;
            }
        }
        return -1;
    }
}
