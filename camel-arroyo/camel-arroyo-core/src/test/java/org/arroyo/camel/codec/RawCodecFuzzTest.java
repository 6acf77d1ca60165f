package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.arroyo.camel.message.Event;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Fuzzes the raw codec; inputs under {@code RawCodecFuzzTestInputs/<method>} replay in every test run. */
class RawCodecFuzzTest {

    /** Any frames decode to one event holding their bytes, or are refused with a CodecException. */
    @FuzzTest
    @Timeout(10)
    void decode(FuzzedDataProvider data) {
        List<ByteBuffer> frames = FuzzSupport.frames(data, 4);
        Event event = (Event) FuzzSupport.decodeOrReject(new RawCodec().newDecoder(), frames);
        if (event != null) {
            assertArrayEquals(FuzzSupport.bytes(frames), event.getPayloadBytes());
        }
    }

    /** A payload survives encode and decode. */
    @FuzzTest
    @Timeout(10)
    void roundTrip(byte[] payload) {
        RawCodec codec = new RawCodec();
        Event decoded = (Event) codec.newDecoder().decode(codec.encode(Event.ofBytes(Map.of(),
                ByteBuffer.wrap(payload))));
        assertArrayEquals(payload, decoded.getPayloadBytes());
    }
}
