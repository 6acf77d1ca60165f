package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Fuzzes the msgpack codec. Without {@code JAZZER_FUZZ} each method replays its inputs under
 * {@code MsgpackCodecFuzzTestInputs/<method>} (a regression test); see the README's Fuzzing section.
 */
class MsgpackCodecFuzzTest {

    /** Any bytes as one frame: a message, null (skipped kind) or a CodecException. */
    @FuzzTest
    @Timeout(10)
    // the keys an Arroyo map uses, for the mutator to splice into frames
    @DictionaryEntries({ "msg_type", "event", "start", "stop", "array", "data", "dtype", "shape", "uint32" })
    void decode(FuzzedDataProvider data) {
        boolean passUnknown = data.consumeBoolean();
        List<ByteBuffer> frames = data.consumeBoolean() ? FuzzSupport.frames(data, 2)
                : List.of(FuzzSupport.buffer(data, FuzzMessages.msgpackHeader(data)));
        FuzzSupport.decodeOrReject(new MsgpackCodec(passUnknown).newDecoder(), frames);
    }

    /** An event of fuzzed metadata and arrays survives encode, decode and encode again byte for byte. */
    @FuzzTest
    @Timeout(10)
    void roundTrip(FuzzedDataProvider data) {
        Map<String, Object> metadata = FuzzMessages.metadata(data, false, Set.of("msg_type"));
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        int n = data.consumeInt(0, 2);
        for (int i = 0; i < n; i++) {
            String name = data.consumeAsciiString(8);
            if (!metadata.containsKey(name)) {
                arrays.put(name, FuzzMessages.array(data));
            }
        }
        MsgpackCodec codec = new MsgpackCodec();
        Event event = Event.ofArrays(metadata, arrays);
        if (arrays.containsKey("msg_type")) {
            // found by this test: the frame got two msg_type keys; now refused when encoding
            assertThrows(CodecException.class, () -> codec.encode(event));
            return;
        }
        List<ByteBuffer> frames = codec.encode(event);
        ArroyoMessage decoded = codec.newDecoder().decode(frames);
        assertArrayEquals(FuzzSupport.bytes(frames), FuzzSupport.bytes(codec.encode(decoded)));
    }
}
