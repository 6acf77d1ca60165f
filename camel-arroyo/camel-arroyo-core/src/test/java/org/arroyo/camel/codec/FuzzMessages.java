package org.arroyo.camel.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.NDArray;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** Well-formed messages and near-well-formed frames built from fuzzer data, to reach past the parsers. */
final class FuzzMessages {

    private static final String[] DTYPE_NAMES = { "uint8", "uint16", "uint32", "int32", "float32", "float64",
                                                  "<u2", ">f8", "|b1", "float16", "uint64", "complex64", "" };
    private static final String[] MSG_TYPES = { "event", "start", "stop", "result_stop", "" };

    private FuzzMessages() {
    }

    /** Metadata of scalar values, none of whose keys is one of {@code reserved}. */
    static Map<String, Object> metadata(FuzzedDataProvider data, boolean jsonSafe, Set<String> reserved) {
        Map<String, Object> out = new LinkedHashMap<>();
        int n = data.consumeInt(0, 4);
        for (int i = 0; i < n; i++) {
            String key = data.consumeAsciiString(12);
            if (reserved.contains(key)) {
                continue;
            }
            out.put(key, scalar(data, jsonSafe));
        }
        return out;
    }

    // JSON reads integers as Long and floats as Double, any finite one to the bit; jsonSafe keeps to those values
    private static Object scalar(FuzzedDataProvider data, boolean jsonSafe) {
        return switch (data.consumeInt(0, jsonSafe ? 4 : 5)) {
            case 0 -> data.consumeLong();
            case 1 -> data.consumeAsciiString(20);
            case 2 -> data.consumeBoolean();
            case 3 -> null;
            case 4 -> jsonSafe ? data.consumeRegularDouble() : data.consumeDouble();
            default -> data.consumeBytes(16);
        };
    }

    /** A small array of a random dtype, shape and byte order, its bytes from the fuzzer. */
    static NDArray array(FuzzedDataProvider data, DType... allowed) {
        DType dtype = data.pickValue(allowed.length > 0 ? allowed : DType.values());
        int[] shape = new int[data.consumeInt(0, 3)];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = data.consumeInt(0, 5);
            elements *= shape[i];
        }
        byte[] bytes = new byte[(int) elements * dtype.itemSize()];
        byte[] given = data.consumeBytes(bytes.length);
        System.arraycopy(given, 0, bytes, 0, given.length);
        ByteOrder order = data.consumeBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        return NDArray.wrap(dtype, shape, order, bytes);
    }

    /**
     * A msgpack map frame shaped like an Arroyo header: a fuzzed msg_type, dtype, shape (any integers), an ARRAY
     * field whose bin may disagree with its shape, and a few metadata fields.
     */
    static byte[] msgpackHeader(FuzzedDataProvider data) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            boolean typed = data.consumeBoolean();
            p.packMapHeader(4 + (typed ? 1 : 0));
            if (typed) {
                p.packString("msg_type").packString(data.consumeBoolean() ? data.pickValue(MSG_TYPES)
                        : data.consumeAsciiString(10));
            }
            p.packString("dtype");
            packDtype(data, p);
            p.packString("shape");
            packShape(data, p);
            p.packString(data.consumeBoolean() ? "image" : "timestamp").packMapHeader(1).packString("array");
            p.packMapHeader(3).packString("data");
            byte[] bin = data.consumeBytes(data.consumeInt(0, 64));
            p.packBinaryHeader(bin.length).writePayload(bin);
            p.packString("dtype");
            packDtype(data, p);
            p.packString("shape");
            packShape(data, p);
            p.packString("frame_number").packLong(data.consumeLong());
            p.close();
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void packDtype(FuzzedDataProvider data, MessageBufferPacker p) throws IOException {
        p.packString(data.consumeBoolean() ? data.pickValue(DTYPE_NAMES) : data.consumeAsciiString(6));
    }

    private static void packShape(FuzzedDataProvider data, MessageBufferPacker p) throws IOException {
        int dims = data.consumeInt(0, 4);
        p.packArrayHeader(dims);
        for (int i = 0; i < dims; i++) {
            switch (data.consumeInt(0, 3)) {
                case 0 -> p.packLong(data.consumeInt(0, 8));
                case 1 -> p.packLong(data.consumeLong());
                case 2 -> p.packDouble(data.consumeDouble());
                default -> p.packString(data.consumeAsciiString(4));
            }
        }
    }

}
