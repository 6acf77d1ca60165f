package org.arroyo.camel.bluesky;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.JsonValues;
import org.arroyo.camel.codec.MsgpackValues;
import org.arroyo.camel.message.NDArray;

/**
 * The serializers bluesky deployments give the Publisher for consumers outside Python. Its default, Python's pickle,
 * cannot be read outside Python: a pickled document is refused, saying so.
 */
public enum DocumentSerializer {

    /**
     * {@code json.dumps(doc).encode()}: UTF-8 JSON, {@code NaN} and {@code Infinity} as Python writes them; arrays as
     * nested lists (written from an {@link NDArray} so, and read back as one when the descriptor calls the data key
     * an array).
     */
    JSON("json") {
        @Override
        Map<String, Object> read(String codec, ByteBuffer payload) {
            refusePickle(codec, payload);
            return JsonValues.readObject(codec, payload, true);
        }

        @Override
        ByteBuffer write(String codec, byte[] lead, Map<String, Object> doc) {
            @SuppressWarnings("unchecked")
            Map<String, Object> lists = (Map<String, Object>) forJson(doc);
            ByteBuffer json = JsonValues.writeObject(codec, lists, true);
            ByteBuffer frame = ByteBuffer.allocate(lead.length + json.remaining());
            frame.put(lead).put(json).flip();
            return frame;
        }
    },

    /**
     * {@code msgpack.packb(doc)} (msgpack 1.0: bin type on, strings as str), numpy arrays as msgpack-numpy writes
     * them ({@code {b"nd": True, b"type": "<u2", b"kind": b"", b"shape": [..], b"data": bin}}), read as views.
     */
    MSGPACK("msgpack") {
        @Override
        Map<String, Object> read(String codec, ByteBuffer payload) {
            refusePickle(codec, payload);
            return MsgpackValues.readMap(codec, payload);
        }

        @Override
        ByteBuffer write(String codec, byte[] lead, Map<String, Object> doc) {
            return MsgpackValues.write(codec, lead, forMsgpack(doc));
        }
    };

    private final String suffix;

    DocumentSerializer(String suffix) {
        this.suffix = suffix;
    }

    /** {@code json} or {@code msgpack}, as in the codec names. */
    public String suffix() {
        return suffix;
    }

    /**
     * One document from its serialized bytes, values as the format reads them (bin values as views).
     *
     * @throws CodecException when the bytes are not one document of this format, or are a pickle
     */
    abstract Map<String, Object> read(String codec, ByteBuffer payload);

    /** The document serialized after {@code lead}, in one buffer. */
    abstract ByteBuffer write(String codec, byte[] lead, Map<String, Object> doc);

    /**
     * Refuses a Python pickle (protocol 2 and later start with 0x80 and the protocol number; 0x80 is no JSON, and no
     * complete msgpack document either) with what to do instead.
     */
    static void refusePickle(String codec, ByteBuffer payload) {
        int at = payload.position();
        if (payload.remaining() >= 2 && payload.get(at) == (byte) 0x80 && payload.get(at + 1) >= 2
            && payload.get(at + 1) <= 5) {
            throw new CodecException(codec + " codec: the document is a Python pickle (protocol "
                                     + payload.get(at + 1) + "), bluesky's default serializer, which cannot be read"
                                     + " outside Python; give the Publisher serializer=msgpack.packb (codec"
                                     + " bluesky-zmq-msgpack) or a JSON serializer (codec bluesky-zmq-json)");
        }
    }

    // NDArrays as nested lists, everything else as it is
    private static Object forJson(Object value) {
        if (value instanceof NDArray array) {
            return EventArrays.toLists(array);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, forJson(v)));
            return out;
        }
        if (value instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(forJson(v)));
            return out;
        }
        return value;
    }

    /** A value with its NDArrays as msgpack-numpy maps, to write as msgpack (their bytes copied once, into the frame). */
    static Object forMsgpack(Object value) {
        if (value instanceof NDArray array) {
            return NumpyValues.encode(array);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, forMsgpack(v)));
            return out;
        }
        if (value instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(forMsgpack(v)));
            return out;
        }
        return value;
    }
}
