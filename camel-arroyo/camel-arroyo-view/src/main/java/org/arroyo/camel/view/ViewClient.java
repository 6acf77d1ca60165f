package org.arroyo.camel.view;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/**
 * One connected page. It is sent at most one tick's messages at a time: while any of them is still being written
 * (a slow network, a tab in the background) the client is busy and later ticks pass it by, so it always gets the
 * latest state and frames when it is ready again, and the view never queues more than one tick's worth for it.
 */
final class ViewClient {

    static final int DEFAULT_MAX_SIZE = 512;

    private final ServerWebSocket socket;
    private final AtomicInteger writing = new AtomicInteger();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong sentFrames = new AtomicLong();
    private final Map<String, Long> frameSeqs = new HashMap<>();
    private volatile int maxSize = DEFAULT_MAX_SIZE;
    private volatile boolean closed;
    private String lastState;

    ViewClient(ServerWebSocket socket) {
        this.socket = socket;
    }

    /** What the page asked for: {@code {"maxSize": N}}, the device pixels of its widest image panel. */
    void requestMaxSize(int pixels) {
        this.maxSize = Math.max(16, pixels);
    }

    int maxSize() {
        return maxSize;
    }

    boolean busy() {
        return writing.get() > 0 || closed;
    }

    void markClosed() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    /** Ticks this client was passed by because its previous messages were still being written. */
    long skipped() {
        return skipped.get();
    }

    /** Frame messages written to this client. */
    long sentFrames() {
        return sentFrames.get();
    }

    void countSkipped() {
        skipped.incrementAndGet();
    }

    /** The sequence number of the last frame of this view the client was sent (tick thread only). */
    long sentSeq(String view) {
        return frameSeqs.getOrDefault(view, 0L);
    }

    /** Whether this state text is news to the client (tick thread only). */
    boolean stateChanged(String state) {
        return !state.equals(lastState);
    }

    /** Writes one tick's messages; the client is busy until the last of them is written. */
    void send(String state, List<Frame> frames) {
        if (state != null) {
            lastState = state;
            track(socket.writeTextMessage(state));
        }
        for (Frame f : frames) {
            frameSeqs.put(f.view(), f.seq());
            sentFrames.incrementAndGet();
            track(socket.writeBinaryMessage(Buffer.buffer(f.bytes())));
        }
    }

    void sendText(String text) {
        track(socket.writeTextMessage(text));
    }

    private void track(Future<Void> write) {
        writing.incrementAndGet();
        write.onComplete(done -> writing.decrementAndGet());
    }

    void close() {
        closed = true;
        socket.close();
    }

    /** One rendered frame message, shared by every client that gets it. */
    record Frame(String view, long seq, int maxSize, byte[] bytes) {
    }
}
