package org.arroyo.camel.view;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/**
 * One viewer on arroyosas's WebSocket: the Starts and Stops it has yet to get, in order, and which events it got.
 * Like a page, it is sent one round of messages at a time; a viewer that falls further behind than
 * {@link #MAX_MARKERS} Starts and Stops loses the oldest (counted).
 */
final class ArroyosasClient {

    static final int MAX_MARKERS = 32;

    private final ServerWebSocket socket;
    private final Deque<String> markers = new ArrayDeque<>();
    private final AtomicInteger writing = new AtomicInteger();
    private final AtomicLong lostMarkers = new AtomicLong();
    private final AtomicLong sentEvents = new AtomicLong();
    private long markersSent;
    private long lastEventSeq;
    private volatile boolean closed;

    /** @param epoch the Starts and Stops sent before this viewer came (arroyosas sends no earlier Start to it) */
    ArroyosasClient(ServerWebSocket socket, long epoch, long eventSeq) {
        this.socket = socket;
        this.markersSent = epoch;
        this.lastEventSeq = eventSeq;
    }

    synchronized void queueMarker(String json) {
        if (markers.size() == MAX_MARKERS) {
            markers.removeFirst();
            markersSent++;
            lostMarkers.incrementAndGet();
        }
        markers.addLast(json);
    }

    synchronized String nextMarker() {
        String m = markers.pollFirst();
        if (m != null) {
            markersSent++;
        }
        return m;
    }

    /** Starts and Stops this viewer has been sent, or lost (tick thread). */
    synchronized long markersSent() {
        return markersSent;
    }

    long lastEventSeq() {
        return lastEventSeq;
    }

    long sentEvents() {
        return sentEvents.get();
    }

    long lostMarkers() {
        return lostMarkers.get();
    }

    boolean busy() {
        return writing.get() > 0 || closed;
    }

    boolean isClosed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    void sendText(String text) {
        track(socket.writeTextMessage(text));
    }

    void sendEvent(long seq, byte[] packed) {
        lastEventSeq = seq;
        sentEvents.incrementAndGet();
        track(socket.writeBinaryMessage(Buffer.buffer(packed)));
    }

    private void track(Future<Void> write) {
        writing.incrementAndGet();
        write.onComplete(done -> writing.decrementAndGet());
    }

    void close() {
        closed = true;
        socket.close();
    }
}
