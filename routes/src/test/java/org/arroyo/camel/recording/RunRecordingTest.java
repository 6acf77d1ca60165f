package org.arroyo.camel.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunRecordingTest {

    @TempDir
    Path dir;

    static List<RunRecording.Message> sample() {
        SplittableRandom random = new SplittableRandom(7);
        byte[] big = new byte[2 * 1024 * 1024 + 3]; // above the writer's small-frame size: written from its buffer
        random.nextBytes(big);
        byte[] mid = new byte[70_000];
        random.nextBytes(mid);
        List<RunRecording.Message> messages = new ArrayList<>();
        messages.add(new RunRecording.Message(1_000L, List.of(bytes("start"))));
        messages.add(new RunRecording.Message(2_000L, List.of(bytes("topic"), ByteBuffer.wrap(big), bytes(""))));
        messages.add(new RunRecording.Message(3_500L, List.of()));
        messages.add(new RunRecording.Message(4_000L, List.of(ByteBuffer.wrap(mid), bytes("x".repeat(300)))));
        List<ByteBuffer> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add(bytes("part " + i));
        }
        messages.add(new RunRecording.Message(Long.MAX_VALUE - 1, many));
        return messages;
    }

    static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path file, List<RunRecording.Message> messages, RunRecording.Summary summary) throws IOException {
        RecordingWriter writer = RunRecording.create(file, 123_456_789L, Map.of("source", "tcp://127.0.0.1:5000"));
        for (RunRecording.Message m : messages) {
            writer.write(m.epochNanos(), m.frames());
        }
        if (summary != null) {
            writer.close(summary);
        } else {
            writer.close();
        }
    }

    static List<RunRecording.Message> readAll(RecordingReader reader) throws IOException {
        List<RunRecording.Message> out = new ArrayList<>();
        for (Optional<RunRecording.Message> m = reader.next(); m.isPresent(); m = reader.next()) {
            out.add(m.get());
        }
        return out;
    }

    static void assertSameMessages(List<RunRecording.Message> expected, List<RunRecording.Message> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).epochNanos(), actual.get(i).epochNanos(), "time of message " + i);
            List<ByteBuffer> e = expected.get(i).frames();
            List<ByteBuffer> a = actual.get(i).frames();
            assertEquals(e.size(), a.size(), "frames of message " + i);
            for (int f = 0; f < e.size(); f++) {
                assertArrayEquals(array(e.get(f)), array(a.get(f)), "message " + i + " frame " + f);
            }
        }
    }

    static byte[] array(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void roundTripKeepsEveryFrameAndTimeAndTheSummary() throws IOException {
        Path file = dir.resolve("run" + RunRecording.EXTENSION);
        List<RunRecording.Message> messages = sample();
        write(file, messages, new RunRecording.Summary(messages.size(), 2, 300, 9_999L));
        try (RecordingReader reader = RunRecording.open(file)) {
            assertEquals(RunRecording.FORMAT, reader.header().get("format"));
            assertEquals(1L, reader.header().get("version"));
            assertEquals(123_456_789L, reader.startedEpochNanos());
            assertEquals("tcp://127.0.0.1:5000", reader.header().get("source"));
            assertSameMessages(messages, readAll(reader));
            assertFalse(reader.isTruncated());
            assertEquals(Optional.of(new RunRecording.Summary(messages.size(), 2, 300, 9_999L)), reader.summary());
            assertTrue(reader.next().isEmpty(), "nothing after the end");
        }
    }

    @Test
    void aLastMessageCutShortIsDetectedAndLeftOut() throws IOException {
        Path whole = dir.resolve("whole.arec");
        List<RunRecording.Message> messages = sample();
        write(whole, messages, null); // killed: no summary
        byte[] bytes = Files.readAllBytes(whole);
        long lastStart = startOfLastMessage(whole);
        // cut inside the last message at several places: its map header, its time, a frame's header and its bytes
        for (long cut : new long[] { lastStart + 1, lastStart + 8, lastStart + 20, bytes.length - 1 }) {
            Path file = dir.resolve("cut-" + cut + ".arec");
            Files.write(file, java.util.Arrays.copyOf(bytes, (int) cut));
            try (RecordingReader reader = RunRecording.open(file)) {
                assertSameMessages(messages.subList(0, messages.size() - 1), readAll(reader));
                assertTrue(reader.isTruncated(), "cut at " + cut + " of " + bytes.length);
                assertTrue(reader.summary().isEmpty());
            }
        }
        // cut between two messages: nothing is truncated, the messages before are all there
        Path atBoundary = dir.resolve("boundary.arec");
        Files.write(atBoundary, java.util.Arrays.copyOf(bytes, (int) lastStart));
        try (RecordingReader reader = RunRecording.open(atBoundary)) {
            assertEquals(messages.size() - 1, readAll(reader).size());
            assertFalse(reader.isTruncated());
        }
        // the big frame cut in its middle: that message and everything after it are left out
        Path inBigFrame = dir.resolve("big.arec");
        Files.write(inBigFrame, java.util.Arrays.copyOf(bytes, 1024 * 1024));
        try (RecordingReader reader = RunRecording.open(inBigFrame)) {
            assertSameMessages(messages.subList(0, 1), readAll(reader));
            assertTrue(reader.isTruncated());
        }
    }

    /** The byte offset where the last message starts: the file of all but the last message, written the same way. */
    private long startOfLastMessage(Path whole) throws IOException {
        Path shorter = dir.resolve("shorter.arec");
        List<RunRecording.Message> messages = sample();
        write(shorter, messages.subList(0, messages.size() - 1), null);
        return Files.size(shorter);
    }

    @Test
    void aFileThatIsNoRecordingIsRefusedSayingWhy() throws IOException {
        Path empty = Files.write(dir.resolve("empty.arec"), new byte[0]);
        assertRefused(empty, "is not an arroyo recording: the file is empty");
        Path text = Files.writeString(dir.resolve("text.arec"), "{\"format\": \"arroyo-recording\"}\n");
        assertRefused(text, "is not an arroyo recording: it starts with a msgpack INTEGER");
        Path otherMap = Files.write(dir.resolve("other.arec"),
                array(org.arroyo.camel.codec.MsgpackValues.write("test", Map.of("format", "hdf5"))));
        assertRefused(otherMap, "its header's format is hdf5, expected arroyo-recording");
        Path future = Files.write(dir.resolve("future.arec"), array(org.arroyo.camel.codec.MsgpackValues.write("test",
                Map.of("format", RunRecording.FORMAT, "version", 99L))));
        assertRefused(future, "recording version 99 is not one this reader knows (1 to 1)");
        Path cutHeader = dir.resolve("cut-header.arec");
        write(cutHeader, List.of(), null);
        Files.write(cutHeader, java.util.Arrays.copyOf(Files.readAllBytes(cutHeader), 10));
        assertRefused(cutHeader, "its header is cut short");
    }

    @Test
    void damageBeforeTheEndIsAnErrorNamingTheOffset() throws IOException {
        Path file = dir.resolve("damaged.arec");
        write(file, sample().subList(0, 1), null);
        long size = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(new byte[] { (byte) 0xa3, 'a', 'b', 'c' })); // a string, not a message
        }
        try (RecordingReader reader = RunRecording.open(file)) {
            assertTrue(reader.next().isPresent());
            RecordingFormatException e = assertThrows(RecordingFormatException.class, reader::next);
            assertTrue(e.getMessage().contains("damaged at byte " + size + ": expected a message map, found a msgpack"
                                               + " STRING"), e.getMessage());
        }
    }

    private static void assertRefused(Path file, String expected) {
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> RunRecording.open(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }
}
