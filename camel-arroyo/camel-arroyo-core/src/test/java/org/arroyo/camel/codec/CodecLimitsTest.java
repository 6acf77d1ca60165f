package org.arroyo.camel.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Headers that claim more than a codec's size limit are refused before anything of that size is awaited. */
class CodecLimitsTest {

    /** {"msg_type": "event", "dtype": dtype, "shape": shape}, a msgpack-multipart event header. */
    private static ByteBuffer header(String dtype, long... shape) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(3).packString("msg_type").packString("event").packString("dtype").packString(dtype);
        p.packString("shape").packArrayHeader(shape.length);
        for (long d : shape) {
            p.packLong(d);
        }
        p.close();
        return ByteBuffer.wrap(p.toByteArray());
    }

    /** {"msg_type": "event", "image": {"array": {"data": bin(length), "dtype": "uint8", "shape": shape}}}. */
    private static ByteBuffer msgpackEvent(int length, long... shape) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(2).packString("msg_type").packString("event").packString("image");
        p.packMapHeader(1).packString("array").packMapHeader(3);
        p.packString("data").packBinaryHeader(length).writePayload(new byte[length]);
        p.packString("dtype").packString("uint8").packString("shape").packArrayHeader(shape.length);
        for (long d : shape) {
            p.packLong(d);
        }
        p.close();
        return ByteBuffer.wrap(p.toByteArray());
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void msgpackRefusesAnArrayAboveTheLimit() throws IOException {
        CodecException e = assertThrows(CodecException.class,
                () -> new MsgpackCodec(false, 100).newDecoder().decode(List.of(msgpackEvent(110, 11, 10))));
        assertEquals("msgpack codec: array 'image' declares uint8 x [11, 10] = 110 bytes, above the limit of 100"
                     + " bytes (maxArrayBytes)", e.getMessage());
        Event ok = (Event) new MsgpackCodec(false, 110).newDecoder().decode(List.of(msgpackEvent(110, 11, 10)));
        assertEquals(110, ok.getArray("image").byteSize());
    }

    @Test
    void msgpackDefaultLimitRefusesAForgedShapeBeforeLookingAtTheData() throws IOException {
        CodecException e = assertThrows(CodecException.class,
                () -> new MsgpackCodec().newDecoder().decode(List.of(msgpackEvent(0, 65536, 65536))));
        assertTrue(e.getMessage().contains("declares uint8 x [65536, 65536] = more than 2147483647 bytes"),
                e.getMessage());
    }

    @Test
    void multipartRefusesAHugeHeaderInsteadOfWaitingForItsData() throws IOException {
        MsgpackMultipartCodec codec = new MsgpackMultipartCodec();
        TwoPartDecoder decoder = (TwoPartDecoder) codec.newDecoder();
        CodecException e = assertThrows(CodecException.class,
                () -> decoder.decode(List.of(header("uint32", 1 << 16, 1 << 16, 1))));
        assertTrue(e.getMessage().startsWith("msgpack-multipart codec: array 'data' declares uint32 x [65536, 65536,"
                                             + " 1] = more than 2147483647 bytes"), e.getMessage());
        assertFalse(decoder.isAwaitingData());

        MessageDecoder small = new MsgpackMultipartCodec(1000).newDecoder();
        e = assertThrows(CodecException.class, () -> small.decode(List.of(header("uint32", 16, 16))));
        assertEquals("msgpack-multipart codec: array 'data' declares uint32 x [16, 16] = 1024 bytes, above the limit"
                     + " of 1000 bytes (maxArrayBytes)", e.getMessage());
    }

    @Test
    void jsonFramesStartWithAHugeRectangleMakesItsEventsFail() {
        MessageDecoder decoder = new JsonFramesCodec(1 << 20).newDecoder();
        Start start = assertInstanceOf(Start.class, decoder.decode(List.of(utf8("{\"msg_type\":\"start\","
                + "\"Rectangle\":{\"Left\":0,\"Top\":0,\"Right\":2048,\"Bottom\":1024},\"data_type\":\"U8\"}"))));
        assertEquals("U8", start.get("data_type"));
        CodecException e = assertThrows(CodecException.class,
                () -> decoder.decode(List.of(utf8("{\"msg_type\":\"event\",\"Frame Number\":1}"))));
        assertTrue(e.getMessage().startsWith("json-frames codec: cannot size the pixels: the start's Rectangle"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("array 'image' declares uint8 x [1024, 2048] = 2097152 bytes, above the"
                                           + " limit of 1048576 bytes (maxArrayBytes)"), e.getMessage());
    }

    @Test
    void rawRefusesFramesAboveTheLimitTogether() {
        MessageDecoder decoder = new RawCodec(true, 10).newDecoder();
        CodecException e = assertThrows(CodecException.class,
                () -> decoder.decode(List.of(ByteBuffer.allocate(6), ByteBuffer.allocate(6))));
        assertEquals("raw codec: a message of 12 bytes is above the limit of 10 bytes (maxMessageBytes)",
                e.getMessage());
        assertEquals(10, ((Event) decoder.decode(List.of(ByteBuffer.allocate(4), ByteBuffer.allocate(6))))
                .payloadSize());
    }

    @Test
    void forwardRefusesAMessageAboveTheLimit() {
        MessageDecoder decoder = new ForwardCodec(true, 4).newDecoder();
        CodecException e = assertThrows(CodecException.class, () -> decoder.decode(List.of(utf8("15hello"))));
        assertEquals("forward codec: a message of 5 bytes is above the limit of 4 bytes (maxMessageBytes)",
                e.getMessage());
        assertEquals(4, ((Event) decoder.decode(List.of(utf8("14hell")))).payloadSize());
    }

    @Test
    void negativeLimitNamesTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JsonFramesCodec(-1));
        assertEquals("maxArrayBytes must be 0 or more bytes, was -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ForwardCodec(true, -2));
        assertEquals("maxMessageBytes must be 0 or more bytes, was -2", e.getMessage());
    }

    @Test
    void anEndpointGetsAnotherLimitThroughACodecBean() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            MsgpackMultipartCodec big = new MsgpackMultipartCodec(4L << 30);
            context.getRegistry().bind("bigFrames", big);
            assertSame(big, Codecs.resolve(context, "#bigFrames"));
        }
    }
}
