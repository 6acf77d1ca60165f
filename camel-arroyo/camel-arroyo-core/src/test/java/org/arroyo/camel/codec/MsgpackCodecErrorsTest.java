package org.arroyo.camel.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

import static org.arroyo.camel.codec.Golden.bytes;
import static org.arroyo.camel.codec.Golden.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad bytes: each error path of the msgpack codec gives a CodecException saying what is wrong. */
class MsgpackCodecErrorsTest {

    private static String failure(byte[] frame) {
        return failure(frame(frame));
    }

    private static String failure(List<ByteBuffer> frames) {
        CodecException e = assertThrows(CodecException.class, () -> new MsgpackCodec().newDecoder().decode(frames));
        assertTrue(e.getMessage().startsWith("msgpack codec: "), e.getMessage());
        return e.getMessage();
    }

    /** {"msg_type":"event","image":{"array":{"data": bin(len), "dtype": dtype, "shape": shape}}} */
    private static byte[] event(int dataLength, String dtype, Object... shape) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(2).packString("msg_type").packString("event").packString("image");
        p.packMapHeader(1).packString("array").packMapHeader(3);
        p.packString("data").packBinaryHeader(dataLength).writePayload(new byte[dataLength]);
        p.packString("dtype").packString(dtype);
        p.packString("shape").packArrayHeader(shape.length);
        for (Object d : shape) {
            if (d instanceof Double v) {
                p.packDouble(v);
            } else {
                p.packLong(((Number) d).longValue());
            }
        }
        p.close();
        return p.toByteArray();
    }

    @Test
    void wrongDataLengthSaysBothSizes() throws IOException {
        assertEquals("msgpack codec: array 'image' has 1000 bytes but uint32 x [10, 30] needs 1200",
                failure(event(1000, "uint32", 10, 30)));
    }

    @Test
    void unknownDtype() throws IOException {
        String message = failure(event(4, "complex64", 1));
        assertTrue(message.contains("array 'image'") && message.contains("unknown dtype 'complex64'"), message);
    }

    @Test
    void negativeDimension() throws IOException {
        String message = failure(event(0, "uint8", 2, -3));
        assertTrue(message.contains("shape [2, -3]"), message);
    }

    @Test
    void nonIntegerDimension() throws IOException {
        String message = failure(event(2, "uint8", 2.0));
        assertTrue(message.contains("dimensions must be integers"), message);
    }

    @Test
    void truncatedFrame() {
        byte[] golden = bytes("msgpack-event");
        for (int cut : new int[] { 1, 20, 40, golden.length - 1 }) {
            String message = failure(Arrays.copyOf(golden, cut));
            assertTrue(message.contains("truncated"), cut + ": " + message);
        }
    }

    @Test
    void truncatedInsideTheArrayData() {
        byte[] golden = bytes("msgpack-event");
        // cut 3 bytes into the 12-byte bin payload that starts at offset 38
        assertTrue(failure(Arrays.copyOf(golden, 41)).contains("truncated"));
    }

    @Test
    void garbageBytes() {
        // 0xc1 is the one byte msgpack never uses
        assertEquals("msgpack codec: not valid msgpack: byte 0xc1 (never used by msgpack) at offset 1",
                failure(new byte[] { (byte) 0x81, (byte) 0xc1, 0x00 }));
        // a reserved string header inside a value: {"a": 0xc1}
        assertTrue(failure(new byte[] { (byte) 0x81, (byte) 0xa1, 0x61, (byte) 0xc1 }).contains("offset 3"));
    }

    @Test
    void topLevelNotAMap() {
        assertEquals("msgpack codec: the frame holds a msgpack array, expected a map at the top level",
                failure(new byte[] { (byte) 0x92, 0x01, 0x02 }));
        assertTrue(failure(new byte[] { 0x07 }).contains("integer"));
    }

    @Test
    void emptyFrame() {
        assertTrue(failure(new byte[0]).contains("empty frame"));
    }

    @Test
    void trailingBytes() {
        byte[] golden = bytes("msgpack-stop");
        byte[] longer = Arrays.copyOf(golden, golden.length + 2);
        assertTrue(failure(longer).contains("2 trailing bytes"));
    }

    @Test
    void nonStringKey() {
        // {1: 2}
        assertTrue(failure(new byte[] { (byte) 0x81, 0x01, 0x02 }).contains("key 1 is not a string"));
    }

    @Test
    void msgTypeNotAString() {
        // {"msg_type": 5}
        byte[] frame = Golden.hex("81 a8 6d73675f74797065 05");
        assertTrue(failure(frame).contains("msg_type is 5"));
    }

    @Test
    void hugeDeclaredContainerIsTruncationNotOutOfMemory() {
        // a map declaring 2^32-1 entries in a 5-byte frame
        byte[] frame = { (byte) 0xdf, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff };
        String message = failure(frame);
        assertTrue(message.contains("truncated"), message);
    }

    @Test
    void moreThanOneFrame() {
        byte[] stop = bytes("msgpack-stop");
        assertEquals("msgpack codec: expected one frame per message, got 2",
                failure(List.of(ByteBuffer.wrap(stop), ByteBuffer.wrap(stop))));
    }

    @Test
    void arrayWithoutData() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(1).packString("image").packMapHeader(1).packString("array").packMapHeader(2);
        p.packString("dtype").packString("uint8").packString("shape").packArrayHeader(1).packInt(1);
        p.close();
        assertTrue(failure(p.toByteArray()).contains("array 'image' has no data"));
    }
}
