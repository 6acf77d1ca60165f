package org.arroyo.camel.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.arroyo.camel.message.Event;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Fuzzes the forward codec and its stream reader; inputs under {@code ForwardCodecFuzzTestInputs/<method>}. */
class ForwardCodecFuzzTest {

    // small, so forged lengths hit the limit and fuzzing never allocates much
    private static final int MAX_MESSAGE = 1 << 16;

    /** Any frames: one message, or a CodecException. */
    @FuzzTest
    @Timeout(10)
    void decode(FuzzedDataProvider data) {
        List<ByteBuffer> frames = FuzzSupport.frames(data, 2);
        FuzzSupport.decodeOrReject(new ForwardCodec(true, MAX_MESSAGE).newDecoder(), frames);
    }

    /**
     * Any byte stream, cut into chunks of any size, reads as when fed byte by byte: the same failure, and the same
     * messages (on a failure, the messages completed earlier in the failing chunk are lost, so a prefix of them).
     */
    @FuzzTest
    @Timeout(10)
    void readStream(FuzzedDataProvider data) {
        List<byte[]> chunks = new ArrayList<>();
        while (data.remainingBytes() > 0) {
            chunks.add(data.consumeBytes(data.consumeInt(1, 64)));
        }
        List<byte[]> single = new ArrayList<>();
        for (byte b : concat(chunks)) {
            single.add(new byte[] { b });
        }
        List<byte[]> expected = new ArrayList<>();
        String expectedFailure = feed(new ForwardFrameReader(MAX_MESSAGE), single, expected);
        List<byte[]> actual = new ArrayList<>();
        String failure = feed(new ForwardFrameReader(MAX_MESSAGE), chunks, actual);
        assertEquals(expectedFailure, failure);
        if (failure == null) {
            assertEquals(expected.size(), actual.size());
        }
        for (int i = 0; i < actual.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i));
        }
    }

    /** Messages framed one by one and read back from a stream cut anywhere. */
    @FuzzTest
    @Timeout(10)
    void roundTrip(FuzzedDataProvider data) {
        ForwardCodec codec = new ForwardCodec();
        List<byte[]> messages = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int n = data.consumeInt(0, 5);
        for (int i = 0; i < n; i++) {
            byte[] message = data.consumeBytes(data.consumeInt(0, 300));
            messages.add(message);
            List<ByteBuffer> frames = codec.encode(Event.ofBytes(Map.of(), ByteBuffer.wrap(message)));
            Event decoded = (Event) codec.newDecoder().decode(frames);
            assertArrayEquals(message, decoded.getPayloadBytes());
            stream.writeBytes(Golden.toBytes(frames.get(0)));
        }
        byte[] bytes = stream.toByteArray();
        ForwardFrameReader reader = new ForwardFrameReader();
        List<byte[]> read = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            int len = Math.min(bytes.length - at, data.consumeInt(1, 512));
            read.addAll(reader.feed(bytes, at, len));
            at += len;
        }
        assertEquals(messages.size(), read.size());
        for (int i = 0; i < messages.size(); i++) {
            assertArrayEquals(messages.get(i), read.get(i));
        }
    }

    private static String feed(ForwardFrameReader reader, List<byte[]> chunks, List<byte[]> out) {
        for (byte[] chunk : chunks) {
            try {
                out.addAll(reader.feed(ByteBuffer.wrap(chunk)));
            } catch (CodecException e) {
                FuzzSupport.requireMessage(e);
                return e.getMessage();
            }
        }
        return null;
    }

    private static byte[] concat(List<byte[]> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
