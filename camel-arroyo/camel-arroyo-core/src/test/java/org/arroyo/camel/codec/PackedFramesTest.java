package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackedFramesTest {

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
        assertArrayEquals("payload".getBytes(StandardCharsets.UTF_8), PackedFrames.pack(List.of(buf("payload"))));
    }

    @Test
    void severalFramesRoundTrip() {
        byte[] packed = PackedFrames.pack(List.of(buf("{\"msg_type\":\"event\"}"), buf(""), buf("pixels")));
        assertArrayEquals(new byte[] { 0, 'A', 'R', 'F', 0, 0, 0, 3 }, java.util.Arrays.copyOf(packed, 8));
        List<ByteBuffer> frames = PackedFrames.unpack(packed, true);
        assertEquals(List.of("{\"msg_type\":\"event\"}", "", "pixels"), frames.stream().map(b -> str(b)).toList());
    }

    @Test
    void rawCodecNeverUnpacks() {
        byte[] packed = PackedFrames.pack(List.of(buf("a"), buf("b")));
        List<ByteBuffer> frames = PackedFrames.unpack(packed, false);
        assertEquals(1, frames.size());
        assertEquals(packed.length, frames.get(0).remaining());
    }

    @Test
    void truncatedValueIsACodecError() {
        byte[] packed = PackedFrames.pack(List.of(buf("abc"), buf("def")));
        byte[] cut = java.util.Arrays.copyOf(packed, packed.length - 1);
        CodecException e = assertThrows(CodecException.class, () -> PackedFrames.unpack(cut, true));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        byte[] longer = java.util.Arrays.copyOf(packed, packed.length + 2);
        e = assertThrows(CodecException.class, () -> PackedFrames.unpack(longer, true));
        assertTrue(e.getMessage().contains("after its last frame"), e.getMessage());
    }

    @Test
    void writeToStreamsExactlyWhatPackReturns() throws Exception {
        ByteBuffer readOnly = buf("read-only view").asReadOnlyBuffer();
        ByteBuffer sliced = ByteBuffer.wrap("xxmiddlexx".getBytes(StandardCharsets.UTF_8), 2, 6).slice();
        for (List<ByteBuffer> frames : List.of(List.of(buf("one")), List.of(readOnly), List.of(sliced),
                List.of(buf("header"), readOnly, sliced, buf("")), List.<ByteBuffer> of())) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            PackedFrames.writeTo(frames, out);
            assertArrayEquals(PackedFrames.pack(frames), out.toByteArray(), frames.size() + " frames");
        }
        assertEquals("read-only view", str(readOnly), "the frame's position is left as it was");
    }
}
