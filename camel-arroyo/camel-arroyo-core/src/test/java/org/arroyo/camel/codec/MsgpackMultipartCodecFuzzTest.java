package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Fuzzes the msgpack-multipart decoder with sequences of one- and two-frame messages, since it keeps an event
 * header waiting across calls; inputs under {@code MsgpackMultipartCodecFuzzTestInputs/<method>}.
 */
class MsgpackMultipartCodecFuzzTest {

    // small, so forged shapes hit the limit
    private static final long MAX_ARRAY = 1 << 20;

    /** Up to eight messages of 0 to 3 frames: headers, garbage or data-sized frames, in any order. */
    @FuzzTest
    @Timeout(10)
    void decodeSequence(FuzzedDataProvider data) {
        MessageDecoder decoder = new MsgpackMultipartCodec(MAX_ARRAY).newDecoder();
        for (int m = 0; m < 8 && data.remainingBytes() > 0; m++) {
            int count = data.consumeInt(0, 3);
            List<ByteBuffer> frames = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] frame = switch (data.consumeInt(0, 2)) {
                    case 0 -> FuzzMessages.msgpackHeader(data);
                    case 1 -> new byte[data.consumeInt(0, 96)];
                    default -> data.consumeBytes(data.consumeInt(0, 256));
                };
                frames.add(FuzzSupport.buffer(data, frame));
            }
            FuzzSupport.decodeOrReject(decoder, frames);
        }
    }

    /** An event survives encode and decode, sent as one two-frame message and as two one-frame messages. */
    @FuzzTest
    @Timeout(10)
    void roundTrip(FuzzedDataProvider data) {
        Map<String, Object> metadata = FuzzMessages.metadata(data, false, Set.of("msg_type", "shape", "dtype"));
        Event event = Event.ofArray(metadata, MsgpackMultipartCodec.ARRAY_NAME, FuzzMessages.array(data));
        MsgpackMultipartCodec codec = new MsgpackMultipartCodec();
        List<ByteBuffer> frames = codec.encode(event);
        byte[] encoded = FuzzSupport.bytes(frames);

        ArroyoMessage together = codec.newDecoder().decode(frames);
        assertArrayEquals(encoded, FuzzSupport.bytes(codec.encode(together)));

        MessageDecoder decoder = codec.newDecoder();
        ArroyoMessage first = decoder.decode(List.of(frames.get(0)));
        ArroyoMessage apart = first != null ? first : decoder.decode(List.of(frames.get(1)));
        assertArrayEquals(encoded, FuzzSupport.bytes(codec.encode(apart)));
    }
}
