package org.arroyo.camel.runner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.camel.main.Main;
import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.routes.TestSockets;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The ready pipelines zmq-to-redis-stream.yaml and redis-stream-to-zmq.yaml, run by the runner's camel-main against
 * the real Redis on 127.0.0.1:6379: frames in over ZeroMQ, curves through a Redis stream, curves out over ZeroMQ.
 */
class RedisStreamPipelineTest {

    @Test
    void framesFlowThroughARedisStreamAndBack() throws Exception {
        String input = "tcp://127.0.0.1:" + port();
        String output = "tcp://127.0.0.1:" + port();
        String stream = "arroyo-test-" + UUID.randomUUID();
        Main main = PipelineRunner.newMain(List.of(java.nio.file.Path.of("zmq-to-redis-stream.yaml").toAbsolutePath(),
                java.nio.file.Path.of("redis-stream-to-zmq.yaml").toAbsolutePath()),
                Map.of("arroyo.input", input, "arroyo.output", output, "arroyo.stream", stream,
                        "arroyo.output.socketType", "PUSH", "arroyo.roi.bandHeight", "2"));
        Thread runner = new Thread(() -> {
            try {
                main.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "arroyo-main");
        runner.start();
        MsgpackCodec codec = new MsgpackCodec();
        try (ZContext zmq = new ZContext();
             ZMQ.Socket push = zmq.createSocket(SocketType.PUSH);
             ZMQ.Socket pull = zmq.createSocket(SocketType.PULL)) {
            push.setHandshakeIvl(1000);
            pull.setHandshakeIvl(1000);
            pull.setReceiveTimeOut(200);
            TestSockets.connect(push, input);
            TestSockets.connect(pull, output);
            send(push, codec, Start.of(Map.of("run_name", "redis-e2e")));
            for (long i = 0; i < 20; i++) {
                send(push, codec, Event.ofArray(Map.of("frame_number", i), "image", frame(i)));
            }
            send(push, codec, Stop.of(Map.of("num_frames", 20L)));

            MessageDecoder decoder = codec.newDecoder();
            List<ArroyoMessage> received = new ArrayList<>();
            await().atMost(30, TimeUnit.SECONDS).until(() -> {
                byte[] frame = pull.recv(0);
                if (frame != null) {
                    received.add(decoder.decode(List.of(ByteBuffer.wrap(frame))));
                }
                return received.size() == 22;
            });
            assertInstanceOf(Start.class, received.get(0));
            for (int i = 0; i < 20; i++) {
                Event curve = assertInstanceOf(Event.class, received.get(i + 1));
                assertEquals((long) i, ((Number) curve.get("frame_number")).longValue());
                // every pixel of frame i is i + 1: the curve is flat at i + 1
                assertEquals(i + 1.0, curve.getArray("curve").getDouble(3), 1e-6);
            }
            Stop stop = assertInstanceOf(Stop.class, received.get(21));
            assertEquals(20L, ((Number) stop.get("frames_reduced")).longValue());
        } finally {
            main.completed();
            runner.join(20_000);
        }
    }

    private static void send(ZMQ.Socket socket, MsgpackCodec codec, ArroyoMessage message) {
        List<ByteBuffer> frames = codec.encode(message);
        ByteBuffer only = frames.get(0);
        byte[] bytes = new byte[only.remaining()];
        only.duplicate().get(bytes);
        socket.send(bytes, 0);
    }

    private static NDArray frame(long i) {
        ByteBuffer data = ByteBuffer.allocate(8 * 6 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int p = 0; p < 48; p++) {
            data.putInt(p * 4, (int) i + 1);
        }
        return NDArray.wrap(DType.UINT32, new int[] { 8, 6 }, ByteOrder.LITTLE_ENDIAN, data);
    }

    private static int port() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
