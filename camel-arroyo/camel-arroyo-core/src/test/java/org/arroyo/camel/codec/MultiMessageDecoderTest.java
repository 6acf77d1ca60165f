package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultiMessageDecoderTest {

    /** One Event per byte of the frame. */
    private static final class PerByte extends MultiMessageDecoder {
        PerByte() {
            super("per-byte");
        }

        @Override
        public List<ArroyoMessage> decodeAll(List<ByteBuffer> frames) {
            List<ArroyoMessage> out = new ArrayList<>();
            ByteBuffer f = frames.get(0).duplicate();
            while (f.hasRemaining()) {
                out.add(Event.ofBytes(new byte[] { f.get() }));
            }
            return out;
        }
    }

    private static List<ByteBuffer> frame(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return List.of(ByteBuffer.wrap(b));
    }

    @Test
    void decodeAllOfAnOrdinaryDecoderIsWhatDecodeGives() {
        MessageDecoder one = new RawCodec().newDecoder();
        List<ArroyoMessage> all = one.decodeAll(frame(7, 8));
        assertEquals(1, all.size());
        assertEquals(2, ((Event) all.get(0)).payloadSize());
        MessageDecoder skipping = frames -> null;
        assertEquals(List.of(), skipping.decodeAll(frame(1)), "null is no message");
    }

    @Test
    void decodeGivesTheOnlyMessageAndRefusesSeveral() {
        PerByte decoder = new PerByte();
        assertEquals(1, ((Event) decoder.decode(frame(5))).payloadSize());
        assertNull(decoder.decode(frame()));
        assertEquals(3, decoder.decodeAll(frame(1, 2, 3)).size());
        CodecException e = assertThrows(CodecException.class, () -> decoder.decode(frame(1, 2, 3)));
        assertTrue(e.getMessage().contains("per-byte codec: one transport message holds 3 messages"), e.getMessage());
    }

    @Test
    void encodeAllOfAnOrdinaryCodecIsOneTransportMessage() {
        MessageCodec raw = new RawCodec();
        assertEquals(1, raw.encodeAll(Event.ofBytes(new byte[] { 1 })).size());
        assertEquals(List.of(), raw.encodeAll(org.arroyo.camel.message.Start.of(java.util.Map.of())),
                "no frames is no transport message");
    }
}
