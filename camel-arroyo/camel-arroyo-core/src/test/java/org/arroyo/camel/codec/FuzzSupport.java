package org.arroyo.camel.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import org.arroyo.camel.message.ArroyoMessage;

/**
 * Shared checks of the codec fuzz tests. The property they all check: a decoder either returns or throws a
 * {@link CodecException} with a message; any other throwable (IndexOutOfBounds, OutOfMemoryError, ...) escapes and
 * fails the fuzz test, which makes Jazzer keep the input as a finding.
 */
final class FuzzSupport {

    private FuzzSupport() {
    }

    /** Decodes, treating a CodecException as the expected rejection of bad bytes. */
    static ArroyoMessage decodeOrReject(MessageDecoder decoder, List<ByteBuffer> frames) {
        try {
            return decoder.decode(frames);
        } catch (CodecException rejected) {
            requireMessage(rejected);
            return null;
        }
    }

    /** Fails when a rejection does not say what is wrong. */
    static void requireMessage(CodecException rejected) {
        if (rejected.getMessage() == null || rejected.getMessage().isBlank()) {
            throw new AssertionError("CodecException without a message", rejected);
        }
    }

    /** Up to {@code max} frames cut from the fuzzer's bytes, each heap, direct or read-only at random. */
    static List<ByteBuffer> frames(FuzzedDataProvider data, int max) {
        int count = data.consumeInt(1, max);
        List<ByteBuffer> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] bytes = i == count - 1 ? data.consumeRemainingAsBytes()
                    : data.consumeBytes(data.consumeInt(0, 4096));
            frames.add(buffer(data, bytes));
        }
        return frames;
    }

    /** The bytes as a heap, direct or read-only buffer, so every input path of msgpack-core is fuzzed. */
    static ByteBuffer buffer(FuzzedDataProvider data, byte[] bytes) {
        return switch (data.consumeInt(0, 2)) {
            case 0 -> ByteBuffer.wrap(bytes);
            case 1 -> ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
            default -> ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        };
    }

    /** All frames' remaining bytes, concatenated. */
    static byte[] bytes(List<ByteBuffer> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer f : frames) {
            out.writeBytes(Golden.toBytes(f));
        }
        return out.toByteArray();
    }
}
