package org.arroyo.camel.runner;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.recording.RecordingWriter;
import org.arroyo.camel.recording.RunRecording;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The worker route of deploy/k8s (routes/redis-stream-worker.yaml) as two runner processes configured only by the
 * environment, as the Deployment configures its pods: a recorded run replayed into the input stream is reduced once,
 * shared between both consumers of the group (named by ARROYO_WORKER), and the group's pending entries, which KEDA
 * scales on, go back to 0.
 */
class RedisStreamWorkerIT {

    private static final int FRAMES = 40;

    @TempDir
    Path dir;

    @Test
    void twoWorkersShareTheStreamAndLeaveNothingPending() throws Exception {
        String suffix = Long.toString(System.nanoTime());
        String input = "arroyo-it-frames-" + suffix;
        String output = "arroyo-it-results-" + suffix;
        String group = "arroyo-it-workers-" + suffix;
        Path recording = dir.resolve("run.arec");
        writeRun(recording);

        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        List<RunnerJar> workers = new ArrayList<>();
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            List<Integer> managementPorts = new ArrayList<>();
            for (String worker : List.of("w1", "w2")) {
                int port = FreePorts.next();
                managementPorts.add(port);
                workers.add(RunnerJar.start(Map.of("ARROYO_WORKER", worker, "ARROYO_GROUP", group,
                                "ARROYO_STREAM", input, "ARROYO_RESULTS", output,
                                "ARROYO_REDIS_HOST", "127.0.0.1", "ARROYO_REDIS_PORT", "6379"),
                        "run", "redis-stream-worker.yaml", "--prop", "camel.management.port=" + port));
            }
            // both pods ready, as Kubernetes waits for readiness, before the run comes: else a slow second JVM could
            // find the first worker done with it (seen in a clean-clone CI run)
            for (int i = 0; i < workers.size(); i++) {
                workers.get(i).awaitHealthy(managementPorts.get(i), 120);
            }
            try (RunnerJar replay = RunnerJar.start("replay", recording.toString(),
                    "redis://127.0.0.1:6379/" + input)) {
                assertEquals(0, replay.awaitExit(90), replay.output());
            }
            await().atMost(120, TimeUnit.SECONDS).until(() -> redis.xlen(output) == FRAMES + 2);
            await().atMost(30, TimeUnit.SECONDS).until(() -> redis.xpending(input, group).getCount() == 0);
            // both pods' consumer names joined the group
            TreeSet<String> consumers = new TreeSet<>();
            for (Object info : redis.xinfoConsumers(input, group)) {
                List<?> fields = (List<?>) info;
                consumers.add(String.valueOf(fields.get(fields.indexOf("name") + 1)));
            }
            assertEquals(new TreeSet<>(List.of("w1", "w2")), consumers);

            List<Long> frameNumbers = new ArrayList<>();
            int starts = 0;
            int stops = 0;
            try (StatefulRedisConnection<byte[], byte[]> bytes = client.connect(
                    io.lettuce.core.codec.ByteArrayCodec.INSTANCE)) {
                MsgpackCodec codec = new MsgpackCodec();
                for (StreamMessage<byte[], byte[]> entry : bytes.sync().xrange(output.getBytes(), Range.create("-",
                        "+"))) {
                    byte[] frame = entry.getBody().values().iterator().next();
                    ArroyoMessage message = codec.newDecoder().decode(List.of(ByteBuffer.wrap(frame)));
                    if (message instanceof Event event) {
                        assertEquals(64, event.getArray("curve").size(), "a curve per frame");
                        frameNumbers.add(((Number) event.get("frame_number")).longValue());
                    } else if (message instanceof Start) {
                        starts++;
                    } else if (message instanceof Stop) {
                        stops++;
                    }
                }
            }
            assertEquals(1, starts);
            assertEquals(1, stops);
            assertEquals(FRAMES, frameNumbers.size());
            assertEquals(FRAMES, new TreeSet<>(frameNumbers).size(), "each frame reduced once: " + frameNumbers);
        } finally {
            for (RunnerJar worker : workers) {
                worker.process().destroy(); // SIGTERM, as a scale-down
            }
            for (RunnerJar worker : workers) {
                String log = worker.output();
                int exit = worker.awaitExit(60);
                assertTrue(exit == 0 || exit == 143, "exit " + exit + "\n" + log);
            }
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                connection.sync().del(input, output);
            }
            client.shutdown();
        }
    }

    /** A run of small SAS-like frames (64 x 64 uint32), in msgpack as a detector writes it, as a recording. */
    private static void writeRun(Path file) throws Exception {
        MsgpackCodec codec = new MsgpackCodec();
        List<ArroyoMessage> run = new ArrayList<>();
        run.add(Start.of(Map.of("run_name", "worker-it", "width", 64L, "height", 64L)));
        for (int i = 0; i < FRAMES; i++) {
            ByteBuffer data = ByteBuffer.allocate(64 * 64 * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int p = 0; p < 64 * 64; p++) {
                data.putInt(p * 4, (p % 64) * (i + 1));
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("frame_number", (long) i);
            run.add(Event.ofArray(meta, "image",
                    NDArray.wrap(DType.UINT32, new int[] { 64, 64 }, ByteOrder.LITTLE_ENDIAN, data)));
        }
        run.add(Stop.of(Map.of("num_frames", (long) FRAMES)));
        RecordingWriter writer = RunRecording.create(file, System.currentTimeMillis() * 1_000_000L, Map.of());
        long t = 0;
        for (ArroyoMessage message : run) {
            writer.write(t += 1_000_000, codec.encode(message));
        }
        writer.close(new RunRecording.Summary(run.size(), 0, 0, t));
    }
}
