package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.Test;

import static org.arroyo.camel.codec.Golden.toBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForwardCodecTest {

    private final ForwardCodec codec = new ForwardCodec();

    @Test
    void encodesAnEventsPayload() {
        List<ByteBuffer> frames = codec.encode(Event.ofBytes("Hello World".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, frames.size());
        assertArrayEquals("1bHello World".getBytes(StandardCharsets.US_ASCII), toBytes(frames.get(0)));
    }

    @Test
    void encodesTheDataOfASingleArray() {
        // two doubles: 16 bytes, hex "10", two digits
        Event event = Event.ofArray(Map.of(), "curve", NDArray.ofDoubles(new double[] { 1, 2 }));
        assertEquals("210", new String(toBytes(codec.encode(event).get(0)), 0, 3, StandardCharsets.US_ASCII));
    }

    @Test
    void decodesToABytesEvent() {
        Event event = (Event) codec.newDecoder().decode(List.of(ByteBuffer.wrap("21aabcdefghijklmnopqrstuvwxyz"
                .getBytes(StandardCharsets.US_ASCII))));
        assertEquals("abcdefghijklmnopqrstuvwxyz", new String(event.getPayloadBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsAnEvent() {
        Event event = Event.ofBytes(new byte[] { 0, 1, 2, (byte) 255 });
        assertEquals(event, codec.newDecoder().decode(codec.encode(event)));
    }

    @Test
    void startAndStopAreSkippedByDefault() {
        assertEquals(List.of(), codec.encode(Start.of(Map.of("a", 1L))));
        assertEquals(List.of(), codec.encode(Stop.of(Map.of())));
    }

    @Test
    void startAndStopFailWhenNotSkipped() {
        CodecException e = assertThrows(CodecException.class, () -> new ForwardCodec(false).encode(Stop.of(Map.of())));
        assertTrue(e.getMessage().contains("cannot carry a stop"), e.getMessage());
    }

    @Test
    void wrongLengthFrameIsAnError() {
        CodecException e = assertThrows(CodecException.class, () -> codec.newDecoder()
                .decode(List.of(ByteBuffer.wrap("13ab".getBytes(StandardCharsets.US_ASCII)))));
        assertEquals("forward codec: the header announces 3 bytes but 2 follow", e.getMessage());
    }

    @Test
    void oneFramePerMessage() {
        ByteBuffer f = ByteBuffer.wrap("10".getBytes(StandardCharsets.US_ASCII));
        assertThrows(CodecException.class, () -> codec.newDecoder().decode(List.of(f, f)));
    }
}
