package org.arroyo.camel.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.CodecException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArroyoRedisFramesTest {

    private static ByteBuffer buf(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String str(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void singleFrameIsStoredAsIs() {
        assertArrayEquals("payload".getBytes(StandardCharsets.UTF_8), ArroyoRedisFrames.pack(List.of(buf("payload"))));
    }

    @Test
    void severalFramesRoundTrip() {
        byte[] packed = ArroyoRedisFrames.pack(List.of(buf("{\"msg_type\":\"event\"}"), buf(""), buf("pixels")));
        assertArrayEquals(new byte[] { 0, 'A', 'R', 'F', 0, 0, 0, 3 }, java.util.Arrays.copyOf(packed, 8));
        List<ByteBuffer> frames = ArroyoRedisFrames.unpack(packed, true);
        assertEquals(List.of("{\"msg_type\":\"event\"}", "", "pixels"), frames.stream().map(b -> str(b)).toList());
    }

    @Test
    void rawCodecNeverUnpacks() {
        byte[] packed = ArroyoRedisFrames.pack(List.of(buf("a"), buf("b")));
        List<ByteBuffer> frames = ArroyoRedisFrames.unpack(packed, false);
        assertEquals(1, frames.size());
        assertEquals(packed.length, frames.get(0).remaining());
    }

    @Test
    void truncatedValueIsACodecError() {
        byte[] packed = ArroyoRedisFrames.pack(List.of(buf("abc"), buf("def")));
        byte[] cut = java.util.Arrays.copyOf(packed, packed.length - 1);
        CodecException e = assertThrows(CodecException.class, () -> ArroyoRedisFrames.unpack(cut, true));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        byte[] longer = java.util.Arrays.copyOf(packed, packed.length + 2);
        e = assertThrows(CodecException.class, () -> ArroyoRedisFrames.unpack(longer, true));
        assertTrue(e.getMessage().contains("after its last frame"), e.getMessage());
    }

    @Test
    void streamFieldsHoldFramesInOrder() {
        Map<byte[], byte[]> fields = ArroyoRedisFrames.toFields(List.of(buf("x"), buf("y")));
        assertEquals(List.of("f0", "f1"),
                fields.keySet().stream().map(k -> new String(k, StandardCharsets.US_ASCII)).toList());
        assertEquals(List.of("x", "y"), ArroyoRedisFrames.fromFields(fields).stream().map(b -> str(b)).toList());
        CodecException e = assertThrows(CodecException.class,
                () -> ArroyoRedisFrames.fromFields(Map.of("data".getBytes(), "x".getBytes())));
        assertTrue(e.getMessage().contains("f0"), e.getMessage());
    }
}
