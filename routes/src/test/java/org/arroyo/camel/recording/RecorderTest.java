package org.arroyo.camel.recording;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.arroyo.camel.zmq.ArroyoZmqConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecorderTest {

    @TempDir
    Path dir;

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    private Exchange exchange(Object body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private static List<List<String>> read(Path file) throws Exception {
        List<List<String>> messages = new ArrayList<>();
        try (RecordingReader reader = RunRecording.open(file)) {
            for (Optional<RunRecording.Message> m = reader.next(); m.isPresent(); m = reader.next()) {
                List<String> frames = new ArrayList<>();
                for (ByteBuffer f : m.get().frames()) {
                    byte[] b = new byte[f.remaining()];
                    f.duplicate().get(b);
                    frames.add(new String(b, StandardCharsets.UTF_8));
                }
                messages.add(frames);
            }
        }
        return messages;
    }

    @Test
    void recordsEveryKindOfBodyWithItsFramesAndPutsATopicBackFirst() throws Exception {
        Path file = dir.resolve("bodies.arec");
        Recorder recorder = new Recorder(file, Map.of("source", "test"), 1 << 20, 0, () -> { });
        context.addService(recorder, true);
        context.start();
        recorder.process(exchange(FramesCodec.event(List.of(bytes("a"), bytes(""), bytes("c")))));
        recorder.process(exchange("text"));
        recorder.process(exchange(List.of("one", "two".getBytes(StandardCharsets.UTF_8))));
        Exchange withTopic = exchange(FramesCodec.event(List.of(bytes("payload"))));
        withTopic.getMessage().setHeader(ArroyoZmqConstants.TOPIC, "sas");
        recorder.process(withTopic);
        context.stop();
        assertEquals(List.of(List.of("a", "", "c"), List.of("text"), List.of("one"), List.of("two"),
                List.of("sas", "payload")), read(file));
        try (RecordingReader reader = RunRecording.open(file)) {
            assertEquals("test", reader.header().get("source"));
            while (reader.next().isPresent()) {
                // to the summary
            }
            assertEquals(new RunRecording.Summary(5, 0, 0, reader.summary().orElseThrow().stoppedEpochNanos()),
                    reader.summary().orElseThrow());
        }
    }

    @Test
    void aFullBufferDropsAndCountsInsteadOfBlocking() throws Exception {
        Path file = dir.resolve("full.arec");
        Recorder recorder = new Recorder(file, Map.of(), 100, 0, () -> { });
        // not started yet, so nothing is written meanwhile: the first message fills the 100-byte buffer
        recorder.setCamelContext(context);
        recorder.process(exchange(new byte[60]));
        recorder.process(exchange(new byte[60]));
        recorder.process(exchange(new byte[40])); // fits beside the first
        recorder.process(exchange(new byte[1]));
        assertEquals(2, recorder.dropped());
        assertEquals(61, recorder.droppedBytes());
        context.addService(recorder, true);
        context.start();
        context.stop();
        assertEquals(2, read(file).size());
        try (RecordingReader reader = RunRecording.open(file)) {
            while (reader.next().isPresent()) {
                // to the summary
            }
            RunRecording.Summary summary = reader.summary().orElseThrow();
            assertEquals(2, summary.records());
            assertEquals(2, summary.dropped());
            assertEquals(61, summary.droppedBytes());
        }
    }

    @Test
    void aMessageLargerThanTheBufferIsTakenWhenNothingWaits() throws Exception {
        Recorder recorder = new Recorder(dir.resolve("large.arec"), Map.of(), 100, 0, () -> { });
        recorder.setCamelContext(context);
        recorder.process(exchange(new byte[1000]));
        assertEquals(0, recorder.dropped());
        recorder.process(exchange(new byte[1]));
        assertEquals(1, recorder.dropped());
    }

    @Test
    void countEndsTheRecordingOnceAndIgnoresWhatFollows() throws Exception {
        Path file = dir.resolve("count.arec");
        AtomicInteger limits = new AtomicInteger();
        Recorder recorder = new Recorder(file, Map.of(), 1 << 20, 3, limits::incrementAndGet);
        context.addService(recorder, true);
        context.start();
        for (int i = 0; i < 5; i++) {
            recorder.process(exchange("m" + i));
        }
        assertEquals(1, limits.get());
        assertEquals(0, recorder.dropped(), "messages after the count are not part of the recording, not drops");
        context.stop();
        assertTrue(recorder.awaitClosed(1, TimeUnit.SECONDS));
        assertEquals(List.of(List.of("m0"), List.of("m1"), List.of("m2")), read(file));
    }

    @Test
    void framesCodecRoundTripsFramesAsTheyAre() {
        FramesCodec codec = new FramesCodec();
        List<ByteBuffer> frames = List.of(bytes("x"), bytes(""), ByteBuffer.allocateDirect(3).put(0, (byte) 7));
        List<ByteBuffer> encoded = codec.encode(codec.newDecoder().decode(frames));
        assertEquals(3, encoded.size());
        for (int i = 0; i < 3; i++) {
            byte[] a = new byte[frames.get(i).remaining()];
            frames.get(i).duplicate().get(a);
            byte[] b = new byte[encoded.get(i).remaining()];
            encoded.get(i).duplicate().get(b);
            assertArrayEquals(a, b);
        }
        org.arroyo.camel.codec.CodecException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.arroyo.camel.codec.CodecException.class,
                () -> codec.encode(org.arroyo.camel.message.Start.of(Map.of())));
        assertTrue(e.getMessage().startsWith("frames codec carries frames as they were received"), e.getMessage());
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
