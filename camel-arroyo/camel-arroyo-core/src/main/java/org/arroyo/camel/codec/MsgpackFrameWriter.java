package org.arroyo.camel.codec;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.message.NDArray;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Writes one msgpack frame. Everything but bin payloads goes through a small packer; payloads are only remembered
 * with their offset, and {@link #finish()} copies header bytes and payloads once into a buffer of the exact size,
 * so a 10 MB image is copied once and never into a growing buffer.
 */
final class MsgpackFrameWriter {

    private record Payload(long offset, ByteBuffer data) {
    }

    private final String codec;
    private final MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
    private final List<Payload> payloads = new ArrayList<>();
    private long payloadBytes;

    MsgpackFrameWriter(String codec) {
        this.codec = codec;
    }

    /** A frame {@code {"msg_type": type, ...fields}}; a {@code msg_type} inside the fields is left out. */
    static ByteBuffer typedMap(String codec, String type, Map<String, Object> fields) {
        MsgpackFrameWriter w = new MsgpackFrameWriter(codec);
        int size = 1 + fields.size() - (fields.containsKey("msg_type") ? 1 : 0);
        w.mapHeader(size);
        w.value("msg_type");
        w.value(type);
        w.fields(fields, "msg_type");
        return w.finish();
    }

    void mapHeader(int size) {
        try {
            packer.packMapHeader(size);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** Writes each entry except the skipped keys. */
    void fields(Map<String, Object> fields, String... skip) {
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (!List.of(skip).contains(e.getKey())) {
                value(e.getKey());
                value(e.getValue());
            }
        }
    }

    /** Writes an ARRAY map {@code {"data": bin, "dtype": name, "shape": [...]}}, little-endian. */
    void array(NDArray array) {
        NDArray le = array.withOrder(ByteOrder.LITTLE_ENDIAN);
        mapHeader(3);
        value("data");
        value(le.data());
        value("dtype");
        value(le.dtype().numpyName());
        value("shape");
        shape(le.shape());
    }

    void shape(int[] shape) {
        try {
            packer.packArrayHeader(shape.length);
            for (int d : shape) {
                packer.packInt(d);
            }
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** Writes a value of any type the msgpack codecs read back, failing on others. */
    void value(Object v) {
        try {
            if (v == null) {
                packer.packNil();
            } else if (v instanceof String s) {
                packer.packString(s);
            } else if (v instanceof Boolean b) {
                packer.packBoolean(b);
            } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                packer.packLong(((Number) v).longValue());
            } else if (v instanceof Double d) {
                packer.packDouble(d);
            } else if (v instanceof Float f) {
                packer.packFloat(f);
            } else if (v instanceof BigInteger big) {
                packer.packBigInteger(big);
            } else if (v instanceof byte[] bytes) {
                bin(ByteBuffer.wrap(bytes));
            } else if (v instanceof ByteBuffer buf) {
                bin(buf);
            } else if (v instanceof NDArray a) {
                mapHeader(1);
                value("array");
                array(a);
            } else if (v instanceof Map<?, ?> map) {
                packer.packMapHeader(map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    value(e.getKey());
                    value(e.getValue());
                }
            } else if (v instanceof Collection<?> list) {
                packer.packArrayHeader(list.size());
                for (Object o : list) {
                    value(o);
                }
            } else if (v instanceof Instant t) {
                packer.packTimestamp(t);
            } else if (v instanceof CharSequence cs) {
                packer.packString(cs.toString());
            } else {
                throw new CodecException(codec + " codec: cannot write a value of type " + v.getClass().getName()
                                         + " (" + v + ")");
            }
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private void bin(ByteBuffer data) throws IOException {
        ByteBuffer view = data.duplicate();
        packer.packBinaryHeader(view.remaining());
        payloads.add(new Payload(packer.getTotalWrittenBytes(), view));
        payloadBytes += view.remaining();
    }

    /** The frame: header bytes and payloads copied once into one buffer of the exact size. */
    ByteBuffer finish() {
        return finish(new byte[0]);
    }

    /** As {@link #finish()}, the frame starting with {@code lead} (a text header some formats put before it). */
    ByteBuffer finish(byte[] lead) {
        byte[] header;
        try {
            packer.close();
            header = packer.toByteArray();
        } catch (IOException e) {
            throw failed(e);
        }
        long total = lead.length + header.length + payloadBytes;
        if (total > Integer.MAX_VALUE - 8) {
            throw new CodecException(codec + " codec: a message of " + total + " bytes does not fit one frame");
        }
        byte[] out = new byte[(int) total];
        System.arraycopy(lead, 0, out, 0, lead.length);
        int from = 0;
        int to = lead.length;
        for (Payload p : payloads) {
            int headerPart = (int) p.offset() - from;
            System.arraycopy(header, from, out, to, headerPart);
            to += headerPart;
            from = (int) p.offset();
            int n = p.data().remaining();
            p.data().duplicate().get(out, to, n);
            to += n;
        }
        System.arraycopy(header, from, out, to, header.length - from);
        return ByteBuffer.wrap(out);
    }

    private CodecException failed(IOException e) {
        // the packer writes to memory; an IOException here is a bug, not bad input
        return new CodecException(codec + " codec: writing msgpack failed: " + e.getMessage(), e);
    }
}
