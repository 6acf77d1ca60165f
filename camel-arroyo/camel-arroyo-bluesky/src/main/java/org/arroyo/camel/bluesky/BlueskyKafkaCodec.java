package org.arroyo.camel.bluesky;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.MsgpackValues;
import org.arroyo.camel.message.ArroyoMessage;

/**
 * {@code codec=bluesky-kafka}: bluesky-kafka's record value, {@code msgpack.dumps((name, doc))} with msgpack-numpy
 * patched in, as its {@code Publisher} writes and {@code BlueskyConsumer} reads it: a msgpack array of the document's
 * name and the document. One record per document; the record's key and topic are Kafka's business.
 * <p>
 * A message that becomes several documents (a stream's first event also its descriptor) is several records:
 * {@link #encodeAll} gives one value each, and {@link #encode}, which can give only one, refuses it rather than pack
 * two values into one record no bluesky-kafka consumer could read.
 */
public final class BlueskyKafkaCodec extends BlueskyCodec {

    public static final String NAME = "bluesky-kafka";

    public BlueskyKafkaCodec() {
        super(NAME);
    }

    @Override
    public List<ByteBuffer> encode(ArroyoMessage message) {
        List<List<ByteBuffer>> records = encodeAll(message);
        if (records.size() > 1) {
            throw new CodecException(NAME + " codec: this " + message.type() + " becomes " + records.size()
                                     + " records (a stream's descriptor, then its first event); a producer that"
                                     + " writes one record per message must call MessageCodec.encodeAll");
        }
        return records.isEmpty() ? List.of() : records.get(0);
    }

    @Override
    protected ByteBuffer toFrame(BlueskyDocument document) {
        return MsgpackValues.write(NAME, DocumentSerializer.forMsgpack(List.of(document.name(), document.body())));
    }

    @Override
    protected BlueskyDocument fromFrame(ByteBuffer frame) {
        DocumentSerializer.refusePickle(NAME, frame);
        Object value = MsgpackValues.readValue(NAME, frame);
        if (!(value instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof String name)
            || !(pair.get(1) instanceof Map<?, ?> doc)) {
            throw new CodecException(NAME + " codec: a record value must be the msgpack pair [name, document]; this"
                                     + " one holds " + describe(value));
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        doc.forEach((k, v) -> body.put(DocumentValues.key(NAME, k), v));
        return new BlueskyDocument(name, body);
    }

    private static String describe(Object value) {
        if (value instanceof List<?> list) {
            return "an array of " + list.size();
        }
        return value == null ? "nil" : "a " + value.getClass().getSimpleName();
    }
}
