package org.arroyo.camel.bluesky;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.arroyo.camel.codec.MessageCodec;
import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.codec.MultiMessageDecoder;
import org.arroyo.camel.message.ArroyoMessage;

/**
 * What the Bluesky codecs share: documents to messages on the way in (a {@link DocumentReader} per decoder, one per
 * consumer), messages to documents on the way out (one {@link DocumentWriter} per codec instance, so per endpoint,
 * its calls serialized), each document one transport frame. A subclass says how a document sits in its frame.
 * <p>
 * Encoding keeps the run's state (its uid, each stream's descriptor and count): give one codec instance the messages
 * of one run in order, as a route's consumer hands them over.
 */
public abstract class BlueskyCodec implements MessageCodec {

    private final String name;
    private final DocumentWriter writer;

    protected BlueskyCodec(String name) {
        this.name = name;
        this.writer = new DocumentWriter(name);
    }

    @Override
    public String name() {
        return name;
    }

    /** The frame carrying one document. */
    protected abstract ByteBuffer toFrame(BlueskyDocument document);

    /** The document a received frame carries, or null when it is not for this codec (another publisher's prefix). */
    protected abstract BlueskyDocument fromFrame(ByteBuffer frame);

    /** The documents one message becomes, in order (usually one; a stream's first event also its descriptor). */
    public List<BlueskyDocument> documents(ArroyoMessage message) {
        synchronized (writer) {
            return writer.write(message);
        }
    }

    /** Each document as its own transport message of one frame, as bluesky's Publisher sends them. */
    @Override
    public List<List<ByteBuffer>> encodeAll(ArroyoMessage message) {
        List<BlueskyDocument> documents = documents(message);
        List<List<ByteBuffer>> out = new ArrayList<>(documents.size());
        for (BlueskyDocument document : documents) {
            out.add(List.of(toFrame(document)));
        }
        return out;
    }

    @Override
    public MessageDecoder newDecoder() {
        DocumentReader reader = new DocumentReader(name);
        return new MultiMessageDecoder(name) {
            @Override
            public List<ArroyoMessage> decodeAll(List<ByteBuffer> frames) {
                if (frames.size() == 1) {
                    BlueskyDocument document = fromFrame(frames.get(0));
                    return document == null ? List.of() : reader.read(document.name(), document.body());
                }
                // several frames: documents sent back to back in one multipart message
                List<ArroyoMessage> out = new ArrayList<>();
                for (ByteBuffer frame : frames) {
                    BlueskyDocument document = fromFrame(frame);
                    if (document != null) {
                        out.addAll(reader.read(document.name(), document.body()));
                    }
                }
                return out;
            }
        };
    }
}
