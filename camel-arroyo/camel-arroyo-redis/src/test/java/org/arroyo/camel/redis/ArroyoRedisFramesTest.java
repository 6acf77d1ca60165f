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
    void streamFieldsHoldFramesInOrder() {
        Map<byte[], byte[]> fields = ArroyoRedisFrames.toFields(List.of(buf("x"), buf("y")));
        assertEquals(List.of("f0", "f1"),
                fields.keySet().stream().map(k -> new String(k, StandardCharsets.US_ASCII)).toList());
        assertEquals(List.of("x", "y"), ArroyoRedisFrames.fromFields(fields).stream().map(b -> str(b)).toList());
        CodecException e = assertThrows(CodecException.class,
                () -> ArroyoRedisFrames.fromFields(Map.of("data".getBytes(), "x".getBytes())));
        assertTrue(e.getMessage().contains("f0") && e.getMessage().contains("payloadField"), e.getMessage());
    }

    @Test
    void aPayloadFieldHoldsTheFramesAndTheOtherFieldsAreMetadata() {
        Map<byte[], byte[]> fields = new java.util.LinkedHashMap<>();
        fields.put("payload".getBytes(), "pixels".getBytes());
        fields.put("frame_number".getBytes(), "7".getBytes());
        List<ByteBuffer> frames = ArroyoRedisFrames.fromPayloadField(fields, "payload".getBytes(), false);
        assertEquals(List.of("pixels"), frames.stream().map(b -> str(b)).toList());
        assertEquals(Map.of("frame_number", "7"), ArroyoRedisFrames.otherFields(fields, "payload".getBytes()));
        CodecException e = assertThrows(CodecException.class,
                () -> ArroyoRedisFrames.fromPayloadField(fields, "data".getBytes(), false));
        assertTrue(e.getMessage().contains("'data'") && e.getMessage().contains("frame_number"), e.getMessage());
    }
}
