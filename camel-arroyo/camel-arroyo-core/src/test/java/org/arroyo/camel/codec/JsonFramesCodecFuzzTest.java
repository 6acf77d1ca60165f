package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fuzzes the json-frames decoder with sequences (a start whose Rectangle sizes the pixels, then event and pixel
 * frames); inputs under {@code JsonFramesCodecFuzzTestInputs/<method>}.
 */
class JsonFramesCodecFuzzTest {

    // small, so forged rectangles hit the limit
    private static final long MAX_ARRAY = 1 << 20;
    private static final String[] DATA_TYPES = { "U8", "U16", "U32", "U64", "I8", "I16", "I32", "I64",
                                                 "Single Float", "Double Float", "U128", "" };

    /** Up to eight messages of 0 to 3 frames: starts, events, stops, pixels or any text, in any order. */
    @FuzzTest
    @Timeout(10)
    void decodeSequence(FuzzedDataProvider data) {
        MessageDecoder decoder = new JsonFramesCodec(MAX_ARRAY).newDecoder();
        for (int m = 0; m < 8 && data.remainingBytes() > 0; m++) {
            int count = data.consumeInt(0, 3);
            ByteBuffer[] frames = new ByteBuffer[count];
            for (int i = 0; i < count; i++) {
                frames[i] = FuzzSupport.buffer(data, frame(data));
            }
            FuzzSupport.decodeOrReject(decoder, List.of(frames));
        }
    }

    private static byte[] frame(FuzzedDataProvider data) {
        String json = switch (data.consumeInt(0, 4)) {
            case 0 -> "{\"msg_type\":\"start\",\"Rectangle\":{\"Left\":" + edge(data) + ",\"Top\":" + edge(data)
                      + ",\"Right\":" + edge(data) + ",\"Bottom\":" + edge(data) + "},\"data_type\":\""
                      + data.pickValue(DATA_TYPES) + "\"}";
            case 1 -> "{\"msg_type\":\"event\",\"Frame Number\":" + data.consumeLong() + "}";
            case 2 -> "{\"msg_type\":\"stop\",\"Num Frames\":" + data.consumeInt() + "}";
            case 3 -> null;
            default -> data.consumeString(200);
        };
        return json != null ? json.getBytes(StandardCharsets.UTF_8) : data.consumeBytes(data.consumeInt(0, 128));
    }

    private static String edge(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> Integer.toString(data.consumeInt(0, 8));
            case 1 -> Long.toString(data.consumeLong());
            case 2 -> Double.toString(data.consumeDouble());
            default -> data.consumeAsciiString(8);
        };
    }

    /** A start and an event of fuzzed pixels survive encode and decode. */
    @FuzzTest
    @Timeout(10)
    void roundTrip(FuzzedDataProvider data) {
        DType dtype = JsonFramesCodec.dtypeOf(data.pickValue(DATA_TYPES));
        if (dtype == null) {
            return;
        }
        NDArray image = FuzzMessages.array(data, dtype);
        if (image.ndim() != 2) {
            return;
        }
        Map<String, Object> rectangle = new LinkedHashMap<>();
        rectangle.put("Left", 0L);
        rectangle.put("Top", 0L);
        rectangle.put("Right", (long) image.dim(1));
        rectangle.put("Bottom", (long) image.dim(0));
        Map<String, Object> startData = new LinkedHashMap<>();
        startData.put("Rectangle", rectangle);
        startData.put("data_type", JsonFramesCodec.dataTypeOf(dtype));
        Start start = new Start(startData);
        Event event = Event.ofArray(FuzzMessages.metadata(data, true, Set.of("msg_type")),
                JsonFramesCodec.ARRAY_NAME, image);

        JsonFramesCodec codec = new JsonFramesCodec();
        MessageDecoder decoder = codec.newDecoder();
        assertEquals(start, decoder.decode(codec.encode(start)));
        assertEquals(event, decoder.decode(codec.encode(event)));
    }
}
