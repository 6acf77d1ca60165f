package org.arroyo.camel.zmq;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.LongSupplier;

import org.apache.camel.Exchange;
import org.arroyo.camel.metrics.ArroyoStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * Writes encoded messages to one producer socket, on the one thread that owns it, with the endpoint's policy at the
 * high-water mark: wait (up to sendTimeout, and while the producer is not past its stop deadline) or drop and count.
 */
final class SocketWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SocketWriter.class);
    // how often a blocked send looks at its deadlines
    static final int TICK_MILLIS = 100;

    private final ZMQ.Socket socket;
    private final String address;
    private final ArroyoZmqConfiguration config;
    private final ArroyoStats stats;
    private final boolean dropWhenFull;

    SocketWriter(ArroyoZmqEndpoint endpoint, ZmqSocketType type) {
        this.address = endpoint.getAddress();
        this.config = endpoint.getConfiguration();
        this.stats = endpoint.getArroyoStats();
        this.dropWhenFull = !config.isBlockWhenFull() || type == ZmqSocketType.PUB;
        this.socket = ZmqSockets.open(endpoint.getComponent().context(), address, type, config);
        socket.setSendTimeOut(TICK_MILLIS);
    }

    /**
     * Sends the messages in order; returns the failure (and counts it), or null when all were sent or dropped by
     * policy.
     */
    Exception write(List<List<ByteBuffer>> messages, Exchange exchange, LongSupplier stopDeadline) {
        for (List<ByteBuffer> frames : messages) {
            Exception failure = writeOne(frames, exchange, stopDeadline);
            if (failure != null) {
                stats.countError();
                return failure;
            }
        }
        return null;
    }

    private Exception writeOne(List<ByteBuffer> frames, Exchange exchange, LongSupplier stopDeadline) {
        long bytes = 0;
        for (int i = 0; i < frames.size(); i++) {
            ByteBuffer frame = frames.get(i);
            // JeroMQ reads a non-array buffer from position 0: a frame that starts further on is sent as a slice
            if (frame.position() != 0) {
                frame = frame.slice();
            }
            int flags = i < frames.size() - 1 ? ZMQ.SNDMORE : 0;
            // the common case, room below the high-water mark, costs one call and no clock reading
            if (socket.sendByteBuffer(frame, flags | ZMQ.DONTWAIT) < 0) {
                if (dropWhenFull) {
                    onDropped();
                    return null;
                }
                Exception failure = waitAndSend(frame, flags, exchange, stopDeadline);
                if (failure != null) {
                    return failure;
                }
            }
            bytes += frame.remaining();
        }
        stats.countMessage(bytes);
        return null;
    }

    /** No room now: waits in ticks until a peer takes the frame, sendTimeout passes or the producer must stop. */
    private Exception waitAndSend(ByteBuffer frame, int flags, Exchange exchange, LongSupplier stopDeadline) {
        long sendDeadline = config.getSendTimeout() < 0 ? Long.MAX_VALUE
                : System.currentTimeMillis() + config.getSendTimeout();
        while (socket.sendByteBuffer(frame, flags) < 0) {
            long now = System.currentTimeMillis();
            if (now >= stopDeadline.getAsLong()) {
                return new ZmqSendException("producer of " + address + " stopped before a peer took the message",
                        exchange);
            }
            if (now >= sendDeadline) {
                return new ZmqSendException("no room below the send high-water mark of " + address
                                            + " within sendTimeout=" + config.getSendTimeout() + " ms", exchange);
            }
        }
        return null;
    }

    private void onDropped() {
        stats.countDropped();
        long n = stats.dropped();
        // a warning for the first drop and then at every power of two, so a long overload does not flood the log
        if ((n & (n - 1)) == 0) {
            LOG.warn("{} dropped {} message(s) at the send high-water mark ({})", address, n,
                    config.getSendHighWaterMark());
        }
    }

    void close() {
        socket.close();
    }
}
