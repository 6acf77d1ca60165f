package org.arroyo.camel.routes;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Sends a run into a pipeline's ZeroMQ input (a detector's PUSH) while reading its ZeroMQ output (PULL), and checks
 * that every message came out byte for byte as the ROI cut makes it, in order. Each socket lives on one thread.
 */
final class RunOverZmq {

    private RunOverZmq() {
    }

    /**
     * @param input  the pipeline's PULL address, which it binds
     * @param output the pipeline's PUSH address, which it binds
     * @param wait   how long the whole run may take
     */
    static void check(SasRun run, String input, String output, Duration wait) throws Exception {
        List<byte[]> sent = run.encoded();
        List<byte[]> expected = run.reducedEncoded();
        AtomicReference<Throwable> senderFailure = new AtomicReference<>();
        List<byte[]> received = new ArrayList<>();
        try (ZContext zmq = new ZContext()) {
            ZMQ.Socket pull = zmq.createSocket(SocketType.PULL);
            pull.setReceiveTimeOut(200);
            TestSockets.connect(pull, output);
            Thread sender = new Thread(() -> {
                ZMQ.Socket push = zmq.createSocket(SocketType.PUSH);
                try {
                    push.setSendTimeOut(30_000);
                    // closing must not drop what is still queued for the pipeline (a context's sockets linger 0)
                    push.setLinger(30_000);
                    TestSockets.connect(push, input);
                    for (int i = 0; i < sent.size(); i++) {
                        if (!push.send(sent.get(i), 0)) {
                            throw new IllegalStateException("message " + i + " not taken by " + input + " in 30 s");
                        }
                    }
                } catch (Throwable t) {
                    senderFailure.set(t);
                } finally {
                    push.close();
                }
            }, "detector");
            sender.start();
            try {
                await().atMost(wait).pollInSameThread().until(() -> {
                    for (byte[] frame; received.size() < expected.size() && (frame = pull.recv(0)) != null; ) {
                        received.add(frame);
                    }
                    return received.size() == expected.size() || senderFailure.get() != null;
                });
            } finally {
                sender.join(wait.toMillis());
            }
            assertNull(senderFailure.get(), "the detector could send its run");
            // nothing beyond the run: read once more, briefly
            byte[] extra = pull.recv(0);
            assertNull(extra, "a message after the run's Stop");
        }
        assertEquals(expected.size(), received.size());
        MsgpackCodec codec = new MsgpackCodec();
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), received.get(i), "message " + i + " of the run");
        }
        // the frames themselves crossed the broker untouched: each result's raw_frame is the frame sent
        for (int i = 1; i < expected.size() - 1; i++) {
            Event result = (Event) codec.newDecoder().decode(List.of(ByteBuffer.wrap(received.get(i))));
            ArroyoMessage original = run.messages().get(i);
            assertEquals(((Event) original).getArray("image"), result.getArray("raw_frame"), "frame " + (i - 1));
            assertEquals((long) (i - 1), result.get("frame_number"));
        }
    }
}
