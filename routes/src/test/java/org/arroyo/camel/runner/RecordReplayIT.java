package org.arroyo.camel.runner;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.PluginHelper;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.recording.RecordingReader;
import org.arroyo.camel.recording.RecordingWriter;
import org.arroyo.camel.recording.RunRecording;
import org.arroyo.camel.routes.TestSockets;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code arroyo record} and {@code arroyo replay} in their own processes (the runner jar): the demo's detector
 * recorded over ZeroMQ beside a live ROI cut, replayed into the same ROI cut with equal results; multipart messages
 * through ZeroMQ and into a Redis stream byte for byte; {@code --as-recorded} and {@code --rate} pacing; 1 MiB frames
 * at full rate with SIGTERM during recording; and the README's Python lines reading each file.
 */
class RecordReplayIT {

    private static final int FRAMES = 12;

    @TempDir
    Path dir;

    @Test
    void theDemoDetectorRecordedAndReplayedIntoTheRoiCutGivesTheLiveRunsCurves() throws Exception {
        String detector = FreePorts.tcpAddress();
        Path file = dir.resolve("demo" + RunRecording.EXTENSION);
        List<byte[]> sent = demoRun();
        try (RoiCut roiCut = new RoiCut(detector, FreePorts.tcpAddress());
             RunnerJar recorder = RunnerJar.start("record", detector, file.toString(), "--count",
                     String.valueOf(sent.size()))) {
            try (ZContext zmq = new ZContext(); ZMQ.Socket pub = zmq.createSocket(SocketType.XPUB)) {
                pub.setXpubVerbose(true); // each subscriber's subscription, not only the first of a topic
                pub.bind(detector);
                // XPUB hears each subscription: send only once the ROI cut and the recorder have both joined
                pub.setReceiveTimeOut(200);
                AtomicLong subscriptions = new AtomicLong();
                await().atMost(90, TimeUnit.SECONDS).pollInSameThread().until(() -> {
                    byte[] s = pub.recv(0);
                    return s != null && s.length > 0 && s[0] == 1 && subscriptions.incrementAndGet() == 2;
                });
                for (byte[] message : sent) {
                    pub.send(message, 0);
                    // paced as a detector at 25 Hz: the arrival times differ
                    await().pollDelay(40, TimeUnit.MILLISECONDS).until(() -> true);
                }
                await().atMost(60, TimeUnit.SECONDS).until(() -> roiCut.results.size() == sent.size());
                assertEquals(0, recorder.awaitExit(60), recorder.output());
            }
            List<byte[]> live = List.copyOf(roiCut.results);
            assertTrue(recorder.output().contains("arroyo record: " + sent.size() + " messages"), recorder.output());

            try (RecordingReader reader = RunRecording.open(file)) {
                List<RunRecording.Message> recorded = readAll(reader);
                assertEquals(sent.size(), recorded.size());
                for (int i = 0; i < sent.size(); i++) {
                    assertEquals(1, recorded.get(i).frames().size());
                    assertArrayEquals(sent.get(i), bytes(recorded.get(i).frames().get(0)), "message " + i);
                }
                long span = recorded.get(recorded.size() - 1).epochNanos() - recorded.get(0).epochNanos();
                assertTrue(span >= TimeUnit.MILLISECONDS.toNanos(300), "arrival times span the paced run: " + span);
                assertEquals(0, reader.summary().orElseThrow().dropped());
                assertEquals(detector, reader.header().get("source"));
            }
            assertPythonReads(file, digest(file), sent.size());

            // the detector is gone; the replay binds its address and the ROI cut's SUB joins it
            roiCut.results.clear();
            try (RunnerJar replay = RunnerJar.start("replay", file.toString(), detector, "--wait", "2000")) {
                assertEquals(0, replay.awaitExit(90), replay.output());
                assertTrue(replay.output().contains("arroyo replay: " + sent.size() + " messages"), replay.output());
            }
            await().atMost(30, TimeUnit.SECONDS).until(() -> roiCut.results.size() == sent.size());
            assertEquals(live.size(), roiCut.results.size());
            for (int i = 0; i < live.size(); i++) {
                assertArrayEquals(live.get(i), roiCut.results.get(i), "result " + i + " of the replay");
            }
        }
    }

    @Test
    void multipartMessagesKeepEveryFrameThroughZeroMqAndIntoARedisStream() throws Exception {
        String in = FreePorts.tcpAddress();
        Path file = dir.resolve("multipart.arec");
        List<List<byte[]>> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] payload = new byte[1000 * i + 1];
            java.util.Arrays.fill(payload, (byte) i);
            sent.add(List.of(("topic-" + i).getBytes(StandardCharsets.UTF_8), new byte[0], payload));
        }
        try (RunnerJar recorder = RunnerJar.start("record", in, file.toString(), "--socket-type", "PULL",
                "--count", "5");
             ZContext zmq = new ZContext(); ZMQ.Socket push = zmq.createSocket(SocketType.PUSH)) {
            push.setLinger(10_000);
            TestSockets.connect(push, in);
            for (List<byte[]> message : sent) {
                ZMsg msg = new ZMsg();
                message.forEach(msg::add);
                assertTrue(msg.send(push));
            }
            assertEquals(0, recorder.awaitExit(90), recorder.output());
        }
        try (RecordingReader reader = RunRecording.open(file)) {
            assertFramesEqual(sent, readAll(reader).stream().map(m -> m.frames().stream().map(RecordReplayIT::bytes)
                    .toList()).toList());
        }

        String out = FreePorts.tcpAddress();
        try (ZContext zmq = new ZContext(); ZMQ.Socket pull = zmq.createSocket(SocketType.PULL)) {
            // the replay binds and the test connects: its PUSH holds each message until a peer is there to take it
            TestSockets.connect(pull, out);
            pull.setReceiveTimeOut(200);
            try (RunnerJar replay = RunnerJar.start("replay", file.toString(),
                    "arroyo-zmq:" + out + "?socketType=PUSH&mode=BIND")) {
                List<List<byte[]>> received = new ArrayList<>();
                try {
                    await().atMost(90, TimeUnit.SECONDS).pollInSameThread().until(() -> {
                        ZMsg msg = ZMsg.recvMsg(pull);
                        if (msg != null) {
                            received.add(msg.stream().map(f -> f.getData()).toList());
                        }
                        return received.size() == sent.size();
                    });
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("received " + received.size() + " of " + sent.size() + "; replay:\n"
                                             + replay.output(), e);
                }
                assertEquals(0, replay.awaitExit(60), replay.output());
                assertFramesEqual(sent, received);
            }
        }

        String stream = "arroyo-replay-it-" + System.nanoTime();
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<byte[], byte[]> redis = client.connect(ByteArrayCodec.INSTANCE)) {
            try (RunnerJar replay = RunnerJar.start("replay", file.toString(), "redis://127.0.0.1:6379/" + stream)) {
                assertEquals(0, replay.awaitExit(90), replay.output());
            }
            List<StreamMessage<byte[], byte[]>> entries = redis.sync().xrange(bytes(stream), Range.create("-", "+"));
            List<List<byte[]>> stored = new ArrayList<>();
            for (StreamMessage<byte[], byte[]> entry : entries) {
                Map<String, byte[]> fields = new LinkedHashMap<>();
                entry.getBody().forEach((k, v) -> fields.put(new String(k, StandardCharsets.UTF_8), v));
                List<byte[]> frames = new ArrayList<>();
                for (int f = 0; fields.containsKey("f" + f); f++) {
                    frames.add(fields.get("f" + f));
                }
                assertEquals(fields.size(), frames.size(), "fields f0.. only: " + fields.keySet());
                stored.add(frames);
            }
            assertFramesEqual(sent, stored);
        } finally {
            try (StatefulRedisConnection<byte[], byte[]> redis = client.connect(ByteArrayCodec.INSTANCE)) {
                redis.sync().del(bytes(stream));
            }
            client.shutdown();
        }
    }

    @Test
    void aRedisStreamIsRecordedEntryByEntryInTheRecordersOwnGroup() throws Exception {
        String stream = "arroyo-record-it-" + System.nanoTime();
        Path file = dir.resolve("redis.arec");
        List<List<byte[]>> sent = List.of(List.of(bytes("one")), List.of(bytes("header"), new byte[300_000]),
                List.of(bytes("")), List.of(bytes("a"), bytes("b"), bytes("c")));
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<byte[], byte[]> redis = client.connect(ByteArrayCodec.INSTANCE);
             RunnerJar recorder = RunnerJar.start("record", "redis://127.0.0.1:6379/" + stream, file.toString(),
                     "--count", String.valueOf(sent.size()))) {
            // the recorder's group takes the entries added once it exists
            await().atMost(90, TimeUnit.SECONDS).ignoreExceptions()
                    .until(() -> redis.sync().xinfoGroups(bytes(stream)).size() == 1);
            List<?> group = (List<?>) redis.sync().xinfoGroups(bytes(stream)).get(0);
            assertEquals("arroyo-recorder", new String((byte[]) group.get(group.indexOf(group.stream()
                    .filter(v -> v instanceof byte[] b && new String(b, StandardCharsets.UTF_8).equals("name"))
                    .findFirst().orElseThrow()) + 1), StandardCharsets.UTF_8));
            for (List<byte[]> frames : sent) {
                Map<byte[], byte[]> fields = new LinkedHashMap<>();
                for (int f = 0; f < frames.size(); f++) {
                    fields.put(bytes("f" + f), frames.get(f));
                }
                redis.sync().xadd(bytes(stream), fields);
            }
            assertEquals(0, recorder.awaitExit(60), recorder.output());
        } finally {
            try (StatefulRedisConnection<byte[], byte[]> redis = client.connect(ByteArrayCodec.INSTANCE)) {
                redis.sync().del(bytes(stream));
            }
            client.shutdown();
        }
        try (RecordingReader reader = RunRecording.open(file)) {
            assertFramesEqual(sent, readAll(reader).stream().map(m -> m.frames().stream().map(RecordReplayIT::bytes)
                    .toList()).toList());
        }
    }

    @Test
    void asRecordedKeepsTheRecordedGapsAndRateSpacesTheMessages() throws Exception {
        Path file = dir.resolve("paced.arec");
        long[] offsetsMillis = { 0, 100, 200, 1200, 1300, 1400 };
        RecordingWriter writer = RunRecording.create(file, 1_000_000_000L, Map.of());
        for (int i = 0; i < offsetsMillis.length; i++) {
            writer.write(1_000_000_000L + TimeUnit.MILLISECONDS.toNanos(offsetsMillis[i]),
                    List.of(ByteBuffer.wrap(new byte[] { (byte) i })));
        }
        writer.close(new RunRecording.Summary(offsetsMillis.length, 0, 0, 2_500_000_000L));

        long[] asRecorded = replayArrivals(file, "--as-recorded");
        // the gaps as recorded, loosely: the second of pause stands out, the whole run takes about 1.4 s
        long pause = asRecorded[3] - asRecorded[2];
        assertTrue(pause >= TimeUnit.MILLISECONDS.toNanos(800), "the recorded 1 s pause: " + pause + " ns");
        for (int i = 1; i < asRecorded.length; i++) {
            if (i != 3) {
                assertTrue(asRecorded[i] - asRecorded[i - 1] < pause, "gap " + i + " shorter than the pause");
            }
        }
        assertTrue(asRecorded[5] - asRecorded[0] >= TimeUnit.MILLISECONDS.toNanos(1100), "the run's duration");

        long[] rate = replayArrivals(file, "--rate", "5");
        assertTrue(rate[5] - rate[0] >= TimeUnit.MILLISECONDS.toNanos(800), "6 messages at 5 Hz take about 1 s");
        assertTrue(rate[3] - rate[2] < pause, "--rate does not keep the recorded pause");
    }

    /** Replays the file with these options into a PULL; the arrival time of each message, in the file's order. */
    private static long[] replayArrivals(Path file, String... options) throws Exception {
        String out = FreePorts.tcpAddress();
        List<String> args = new ArrayList<>(List.of("replay", file.toString(),
                "arroyo-zmq:" + out + "?socketType=PUSH&mode=BIND"));
        args.addAll(List.of(options));
        try (ZContext zmq = new ZContext(); ZMQ.Socket pull = zmq.createSocket(SocketType.PULL)) {
            TestSockets.connect(pull, out);
            pull.setReceiveTimeOut(50);
            try (RunnerJar replay = RunnerJar.start(args.toArray(String[]::new))) {
                long[] arrivals = new long[6];
                AtomicLong count = new AtomicLong();
                await().atMost(90, TimeUnit.SECONDS).pollInSameThread().pollInterval(1, TimeUnit.MILLISECONDS)
                        .until(() -> {
                            byte[] frame = pull.recv(0);
                            if (frame != null) {
                                int index = (int) count.getAndIncrement();
                                assertEquals(index, frame[0], "messages in the recorded order");
                                arrivals[index] = System.nanoTime();
                            }
                            return count.get() == arrivals.length;
                        });
                assertEquals(0, replay.awaitExit(60), replay.output());
                return arrivals;
            }
        }
    }

    @Test
    void oneMebibyteFramesAtFullRateAndSigtermLeaveAReadableCompleteFile() throws Exception {
        String in = FreePorts.tcpAddress();
        Path file = dir.resolve("sigterm.arec");
        AtomicBoolean feeding = new AtomicBoolean(true);
        AtomicLong fed = new AtomicLong();
        try (RunnerJar recorder = RunnerJar.start("record", in, file.toString(), "--socket-type", "PULL");
             ZContext zmq = new ZContext()) {
            Thread feeder = new Thread(() -> {
                try (ZMQ.Socket push = zmq.createSocket(SocketType.PUSH)) {
                    push.setSendTimeOut(100);
                    push.setLinger(0);
                    TestSockets.connect(push, in);
                    for (long i = 0; feeding.get(); ) {
                        // a new array each time: JeroMQ sends from the array itself, later, without a copy
                        byte[] frame = new byte[1 << 20];
                        ByteBuffer.wrap(frame).putLong(0, i).putLong(frame.length - 8, ~i);
                        if (push.send(frame, 0)) {
                            fed.set(++i);
                        }
                    }
                }
            }, "feeder");
            feeder.start();
            // at least 200 MiB recorded at full rate, then Ctrl-C
            await().atMost(120, TimeUnit.SECONDS).until(() -> Files.exists(file) && Files.size(file) > (200L << 20));
            recorder.process().destroy(); // SIGTERM
            int exit = recorder.awaitExit(60);
            feeding.set(false);
            feeder.join(10_000);
            assertTrue(exit == 0 || exit == 143, "exit " + exit + "\n" + recorder.output());
            assertTrue(recorder.output().contains("dropped 0 (0 bytes)"), recorder.output());
        }
        long count;
        try (RecordingReader reader = RunRecording.open(file)) {
            List<RunRecording.Message> messages = readAll(reader);
            count = messages.size();
            assertFalse(reader.isTruncated());
            RunRecording.Summary summary = reader.summary().orElseThrow(() -> new AssertionError("no summary"));
            assertEquals(count, summary.records());
            assertEquals(0, summary.dropped(), "1 MiB frames at full rate: none dropped");
            assertTrue(count >= 200 && count <= fed.get(), count + " of " + fed.get());
            for (int i = 0; i < count; i++) {
                ByteBuffer frame = messages.get(i).frames().get(0);
                assertEquals(1 << 20, frame.remaining());
                assertEquals(i, frame.getLong(0), "message " + i + ": no hole");
                assertEquals(~i, frame.getLong(frame.limit() - 8));
            }
        }
        assertPythonReads(file, digest(file), count);
    }

    /** Runs the README's Python lines on the file (as run.arec) and checks what they read. */
    private void assertPythonReads(Path file, String digest, long count) throws Exception {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<!-- python: read a recording -->\\s*```python\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertTrue(m.find(), "README.md holds the Python lines that read a recording");
        Path work = Files.createDirectories(dir.resolve("python-" + System.nanoTime()));
        Files.createSymbolicLink(work.resolve("run.arec"), file.toAbsolutePath());
        String check = m.group(1) + """

                import hashlib
                digest = hashlib.sha256()
                for message in messages:
                    for frame in message["frames"]:
                        digest.update(len(frame).to_bytes(8, "big"))
                        digest.update(frame)
                ordered = bool(np.all(np.diff(t) >= 0))
                print("read", header["format"], len(messages), digest.hexdigest(), ordered, pixels.dtype)
                """;
        Files.writeString(work.resolve("check.py"), check);
        Process python = new ProcessBuilder("/usr/bin/python3", "check.py").directory(work.toFile())
                .redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), output);
        assertEquals("read arroyo-recording " + count + " " + digest + " True uint8", output.strip());
    }

    /** What the Python check computes: SHA-256 over every frame of every message, each after its length. */
    private static String digest(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (RecordingReader reader = RunRecording.open(file)) {
            for (RunRecording.Message message : readAll(reader)) {
                for (ByteBuffer frame : message.frames()) {
                    sha.update(ByteBuffer.allocate(8).putLong(frame.remaining()).array());
                    sha.update(frame.duplicate());
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The demo's run as its detector sends it: Start, frames of the simulated SAS detector, Stop, in msgpack. */
    private static List<byte[]> demoRun() {
        SimulatedDetector sim = new SimulatedDetector(42);
        MsgpackCodec codec = new MsgpackCodec();
        List<ArroyoMessage> run = new ArrayList<>();
        run.add(Start.of(Map.of("run_name", "recorded", "run_id", "it-42", "width", (long) SimulatedDetector.WIDTH,
                "height", (long) SimulatedDetector.HEIGHT, "data_type", "uint32")));
        for (int i = 0; i < FRAMES; i++) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("frame_number", (long) i);
            meta.put("tiled_url", "http://localhost/demo/recorded/" + i);
            run.add(Event.ofArray(meta, "image", sim.frame(i)));
        }
        run.add(Stop.of(Map.of("num_frames", (long) FRAMES)));
        List<byte[]> encoded = new ArrayList<>();
        for (ArroyoMessage message : run) {
            List<ByteBuffer> frames = codec.encode(message);
            assertEquals(1, frames.size());
            encoded.add(bytes(frames.get(0)));
        }
        return encoded;
    }

    private static List<RunRecording.Message> readAll(RecordingReader reader) throws IOException {
        List<RunRecording.Message> out = new ArrayList<>();
        for (Optional<RunRecording.Message> m = reader.next(); m.isPresent(); m = reader.next()) {
            out.add(m.get());
        }
        return out;
    }

    private static void assertFramesEqual(List<List<byte[]>> expected, List<List<byte[]>> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).size(), actual.get(i).size(), "frames of message " + i);
            for (int f = 0; f < expected.get(i).size(); f++) {
                assertArrayEquals(expected.get(i).get(f), actual.get(i).get(f), "message " + i + " frame " + f);
            }
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * routes/sas-roi-cut.yaml in this JVM (SUB from the detector, ROI cut, PUB), curves only; each result as the
     * msgpack bytes its PUB sends, in order, taken as each exchange completes.
     */
    private static final class RoiCut implements AutoCloseable {

        final List<byte[]> results = new CopyOnWriteArrayList<>();
        private final CamelContext context = new DefaultCamelContext();

        RoiCut(String input, String output) throws Exception {
            Properties p = new Properties();
            p.put("arroyo.input", input);
            p.put("arroyo.output", output);
            p.put("arroyo.roi.includeFrame", "false");
            context.getPropertiesComponent().setInitialProperties(p);
            MsgpackCodec codec = new MsgpackCodec();
            context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
                @Override
                public void notify(CamelEvent event) {
                    if (event instanceof CamelEvent.ExchangeCompletedEvent e
                        && "sas-roi-cut".equals(e.getExchange().getFromRouteId())) {
                        Object body = e.getExchange().getMessage().getBody();
                        for (Object one : body instanceof Collection<?> c ? c : List.of(body)) {
                            codec.encode((ArroyoMessage) one).forEach(f -> results.add(bytes(f)));
                        }
                    }
                }
            });
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    PluginHelper.getResourceLoader(context).resolveResource("file:sas-roi-cut.yaml"));
            context.start();
        }

        @Override
        public void close() {
            context.stop();
        }
    }
}
