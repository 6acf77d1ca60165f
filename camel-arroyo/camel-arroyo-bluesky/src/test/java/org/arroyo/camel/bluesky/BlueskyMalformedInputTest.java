package org.arroyo.camel.bluesky;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.codec.MsgpackValues;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Damaged documents (bytes flipped, cut short, lengthened, from a fixed seed so every run meets the same ones) either
 * decode or fail with a CodecException, never another exception; and the decoder still reads a good run afterwards.
 */
class BlueskyMalformedInputTest {

    private static final int MUTATIONS = 3000;

    /** A run's frames in the codec's form, plus an event_page with list and stacked-array columns. */
    private static List<byte[]> frames(BlueskyCodec codec) {
        List<ArroyoMessage> run = List.of(Start.of(Map.of("run_name", "m", "scan_id", 1L)),
                Event.ofArray(Map.of("x", 1.5, "label", "a"), "img", NDArray.ofInts(DType.UINT32, new int[] { 1, 2, 3,
                        4 }, 2, 2)),
                Event.ofBytes("raw".getBytes(StandardCharsets.UTF_8)),
                Stop.of(Map.of("num_frames", 2L)));
        List<byte[]> out = new ArrayList<>();
        for (ArroyoMessage message : run) {
            for (List<ByteBuffer> transport : codec.encodeAll(message)) {
                out.add(bytes(transport.get(0)));
            }
        }
        if (!codec.name().endsWith("json")) {
            Map<String, Object> page = Map.of("descriptor", "d", "uid", List.of("a", "b"), "seq_num", List.of(1L, 2L),
                    "time", List.of(1.0, 2.0), "data", Map.of("v", List.of(1L, 2L)),
                    "timestamps", Map.of("v", List.of(1.0, 2.0)));
            out.add(bytes(codec instanceof BlueskyKafkaCodec ? MsgpackValues.write("t", List.of("event_page", page))
                    : MsgpackValues.write("t", " event_page ".getBytes(StandardCharsets.UTF_8), page)));
        }
        return out;
    }

    private static byte[] bytes(ByteBuffer frame) {
        byte[] b = new byte[frame.remaining()];
        frame.duplicate().get(b);
        return b;
    }

    private static byte[] mutate(Random random, byte[] frame) {
        byte[] out;
        switch (random.nextInt(4)) {
            case 0 -> out = java.util.Arrays.copyOf(frame, random.nextInt(frame.length + 1));
            case 1 -> {
                out = java.util.Arrays.copyOf(frame, frame.length + 1 + random.nextInt(8));
                out[out.length - 1] = (byte) random.nextInt(256);
            }
            default -> {
                out = frame.clone();
                for (int i = 0, n = 1 + random.nextInt(4); i < n && out.length > 0; i++) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
            }
        }
        return out;
    }

    @Test
    void damagedDocumentsDecodeOrFailWithACodecException() {
        for (BlueskyCodec codec : List.of(new BlueskyZmqJsonCodec(), new BlueskyZmqMsgpackCodec(),
                new BlueskyKafkaCodec())) {
            List<byte[]> frames = frames(codec);
            MessageDecoder decoder = codec.newDecoder();
            Random random = new Random(12);
            int refused = 0;
            for (int i = 0; i < MUTATIONS; i++) {
                byte[] damaged = mutate(random, frames.get(random.nextInt(frames.size())));
                try {
                    decoder.decodeAll(List.of(ByteBuffer.wrap(damaged)));
                } catch (CodecException expected) {
                    refused++;
                } catch (RuntimeException e) {
                    fail(codec.name() + ": " + e + " for " + java.util.HexFormat.of().formatHex(damaged), e);
                }
            }
            if (refused == 0) {
                fail(codec.name() + ": no damaged frame was refused");
            }
            List<ArroyoMessage> good = new ArrayList<>();
            for (byte[] frame : frames.subList(0, frames.size() - (codec.name().endsWith("json") ? 0 : 1))) {
                good.addAll(decoder.decodeAll(List.of(ByteBuffer.wrap(frame))));
            }
            assertEquals(4, good.size(), codec.name() + ": the decoder reads a good run afterwards");
        }
    }
}
