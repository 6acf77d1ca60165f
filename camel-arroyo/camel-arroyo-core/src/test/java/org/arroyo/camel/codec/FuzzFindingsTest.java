package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inputs that once crashed a decoder with something other than a CodecException, kept as regression tests. */
class FuzzFindingsTest {

    private static CodecException rejected(MessageCodec codec, String text) {
        ByteBuffer frame = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        return assertThrows(CodecException.class, () -> codec.newDecoder().decode(List.of(frame)));
    }

    @Test
    void msgpackTimestampBeyondInstantRange() {
        // {"t": timestamp96 with seconds = 2^63 - 1}: was java.time.DateTimeException
        byte[] frame = Golden.hex("81 a1 74 c7 0c ff 00000000 7fffffffffffffff");
        CodecException e = assertThrows(CodecException.class,
                () -> new MsgpackCodec().newDecoder().decode(Golden.frame(frame)));
        assertEquals("msgpack codec: msgpack timestamp out of range (Instant exceeds minimum or maximum instant)",
                e.getMessage());
    }

    @Test
    void msgpackEncodeRefusesAnArrayNamedMsgType() {
        // found by MsgpackCodecFuzzTest#roundTrip: the frame had two msg_type keys and did not decode
        Event event = Event.ofArray(Map.of(), "msg_type", NDArray.ofFloats(new float[] { 1f }));
        CodecException e = assertThrows(CodecException.class, () -> new MsgpackCodec().encode(event));
        assertEquals("msgpack codec: an array may not be named 'msg_type'", e.getMessage());
    }

    @Test
    void jsonNestedDeeperThanTheStack() {
        // was StackOverflowError while converting Jsoner's values
        String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertEquals("json-frames codec: JSON values nested deeper than 64",
                rejected(new JsonFramesCodec(), deep).getMessage());
    }

    @Test
    void jsonNumberWithAnExponentBeyondAnInt() {
        // was NumberFormatException from BigDecimal inside Jsoner
        for (String number : List.of("1e2147483648", "1e99999999999")) {
            String message = rejected(new JsonFramesCodec(), "{\"msg_type\":\"stop\",\"n\":" + number + "}")
                    .getMessage();
            assertEquals("json-frames codec: the frame holds a number out of range: " + number, message);
        }
        // too small for a double is 0.0, as Python's json.loads reads it
        String tiny = "{\"msg_type\":\"stop\",\"n\":1.5e-2147483647}";
        Stop stop = (Stop) new JsonFramesCodec().newDecoder()
                .decode(List.of(ByteBuffer.wrap(tiny.getBytes(StandardCharsets.UTF_8))));
        assertEquals(Double.valueOf(0.0), stop.get("n"));
    }

    @Test
    void jsonRectangleAtTheEndsOfTheLongRange() {
        // Long.MIN_VALUE, the old "no integer" mark, was reported as a missing edge; Right - Left overflowed
        MessageDecoder decoder = new JsonFramesCodec().newDecoder();
        decoder.decode(List.of(ByteBuffer.wrap(("{\"msg_type\":\"start\",\"Rectangle\":{\"Left\":-9223372036854775808,"
                                                + "\"Top\":0,\"Right\":9223372036854775807,\"Bottom\":1},"
                                                + "\"data_type\":\"U8\"}").getBytes(StandardCharsets.UTF_8))));
        CodecException e = assertThrows(CodecException.class, () -> decoder.decode(List.of(
                ByteBuffer.wrap("{\"msg_type\":\"event\"}".getBytes(StandardCharsets.UTF_8)), ByteBuffer.allocate(2))));
        assertTrue(e.getMessage().endsWith("gives a shape of 1 x (out of range)"), e.getMessage());
    }

    @Test
    void aStringHeaderClaimingTwoGigabytesIsATruncationNotAnAllocation() {
        // fixmap(1), key: str32 claiming 0x7fffffff bytes, and nothing after it
        ByteBuffer frame = ByteBuffer.wrap(new byte[] { (byte) 0x81, (byte) 0xdb, 0x7f, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, 'a' });
        CodecException e = assertThrows(CodecException.class, () -> new MsgpackCodec().newDecoder().decode(List.of(frame)));
        assertTrue(e.getMessage().startsWith("msgpack codec:"), e.getMessage());
    }
}
