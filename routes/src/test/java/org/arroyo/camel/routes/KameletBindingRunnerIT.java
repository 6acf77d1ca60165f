package org.arroyo.camel.routes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.arroyo.camel.runner.RunnerProcess;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * routes/kamelet-binding-zmq-to-redis.yaml run by the runner jar alone: a run (Start, 50 SAS frames, Stop) pushed into
 * the arroyo-zmq-source kamelet comes out of the arroyo-redis-sink kamelet as 52 entries of the Redis stream on
 * 127.0.0.1:6379, each the message's msgpack bytes as the detector sent them, in order. Proves the jar holds the
 * kamelets and camel-kamelet runs them.
 */
class KameletBindingRunnerIT {

    @BeforeAll
    static void redisIsRunning() {
        Services.require("Redis", 6379, "redis-server --daemonize yes");
    }

    @Test
    void aRunGoesFromTheZmqSourceKameletIntoTheRedisStreamSinkByteForByte() throws Exception {
        String input = FreePorts.tcpAddress();
        String stream = "arroyo-kamelet-it-" + UUID.randomUUID();
        SasRun run = new SasRun("kamelet", 50, 11);
        List<byte[]> sent = run.encoded();
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<byte[], byte[]> redis = client.connect(ByteArrayCodec.INSTANCE);
             RunnerProcess runner = RunnerProcess.start("run", "kamelet-binding-zmq-to-redis.yaml",
                     "--prop", "arroyo.input=" + input, "--prop", "arroyo.redis.stream=" + stream,
                     "--prop", "camel.management.enabled=false");
             ZContext zmq = new ZContext();
             ZMQ.Socket detector = zmq.createSocket(SocketType.PUSH)) {
            byte[] key = stream.getBytes(StandardCharsets.UTF_8);
            try {
                // the PUSH queues until the kamelet's PULL binds; linger so closing drops nothing
                detector.setLinger(30_000);
                detector.setSendTimeOut(60_000);
                TestSockets.connect(detector, input);
                for (int i = 0; i < sent.size(); i++) {
                    assertTrue(detector.send(sent.get(i), 0), "message " + i + " taken\n" + runner.output());
                }
                try {
                    await().atMost(Duration.ofSeconds(90)).until(() -> redis.sync().xlen(key) >= sent.size());
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError(redis.sync().xlen(key) + " of " + sent.size() + " entries in the"
                                             + " stream; runner output:\n" + runner.output(), e);
                }
                List<StreamMessage<byte[], byte[]>> entries = redis.sync().xrange(key, Range.create("-", "+"));
                assertEquals(sent.size(), entries.size(), "one entry per message, nothing more");
                for (int i = 0; i < sent.size(); i++) {
                    Map<byte[], byte[]> fields = entries.get(i).getBody();
                    assertEquals(1, fields.size(), "entry " + i + " holds one frame");
                    Map.Entry<byte[], byte[]> field = fields.entrySet().iterator().next();
                    assertEquals("f0", new String(field.getKey(), StandardCharsets.UTF_8));
                    assertArrayEquals(sent.get(i), field.getValue(), "message " + i + " of the run, byte for byte");
                }
            } finally {
                redis.sync().del(key);
            }
        } finally {
            client.shutdown();
        }
    }
}
