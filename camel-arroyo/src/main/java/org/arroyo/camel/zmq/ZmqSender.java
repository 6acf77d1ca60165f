package org.arroyo.camel.zmq;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.arroyo.camel.metrics.ArroyoStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;

/**
 * The one thread that owns a producer socket. Route threads encode on their own thread and queue the frames here
 * (a bounded queue: a full one pushes back on the route); this thread sends them and completes each exchange. On
 * stop it sends what is queued, waiting at most {@code linger} ms for room, and fails what it could not send.
 */
final class ZmqSender {

    private static final Logger LOG = LoggerFactory.getLogger(ZmqSender.class);
    // how often a blocked send or an idle wait looks at the stop flag
    private static final int TICK_MILLIS = 100;

    /** The encoded messages of one exchange (several when an operator returned several), sent in order. */
    record Outgoing(List<List<ByteBuffer>> messages, Exchange exchange, AsyncCallback callback) {
    }

    private final ArroyoZmqEndpoint endpoint;
    private final ZmqSocketType socketType;
    private final ArroyoZmqConfiguration config;
    private final BlockingQueue<Outgoing> queue;
    private final ArroyoStats stats;

    private volatile boolean running;
    private volatile long stopDeadline = Long.MAX_VALUE;
    private ExecutorService executor;
    private final CountDownLatch finished = new CountDownLatch(1);

    ZmqSender(ArroyoZmqEndpoint endpoint, ZmqSocketType socketType) {
        this.endpoint = endpoint;
        this.socketType = socketType;
        this.config = endpoint.getConfiguration();
        this.stats = endpoint.getArroyoStats();
        this.queue = new ArrayBlockingQueue<>(Math.max(1, config.getSendQueueSize()));
    }

    void start() throws Exception {
        running = true;
        CompletableFuture<Void> ready = new CompletableFuture<>();
        executor = endpoint.getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "ArroyoZmqProducer[" + endpoint.getAddress() + "]");
        executor.execute(() -> sendLoop(ready));
        try {
            ready.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            running = false;
            throw (e.getCause() instanceof Exception ex) ? ex : e;
        }
    }

    /** Queues a message; blocks while the queue is full. Returns false when the sender has stopped. */
    boolean submit(Outgoing outgoing) throws InterruptedException {
        while (running) {
            if (queue.offer(outgoing, TICK_MILLIS, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    void stop() {
        int linger = config.getLinger();
        stopDeadline = linger < 0 ? Long.MAX_VALUE : System.currentTimeMillis() + linger;
        running = false;
        try {
            long wait = (linger < 0 ? 30_000L : linger) + 5_000L;
            if (!finished.await(wait, TimeUnit.MILLISECONDS)) {
                LOG.warn("Sender of {} did not finish within {} ms", endpoint.getAddress(), wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        endpoint.getCamelContext().getExecutorServiceManager().shutdown(executor);
    }

    private void sendLoop(CompletableFuture<Void> ready) {
        ZMQ.Socket socket;
        try {
            socket = ZmqSockets.open(endpoint.getComponent().context(), endpoint.getAddress(), socketType, config);
            socket.setSendTimeOut(TICK_MILLIS);
        } catch (RuntimeException e) {
            finished.countDown();
            ready.completeExceptionally(e);
            return;
        }
        ready.complete(null);
        try {
            while (running || !queue.isEmpty()) {
                Outgoing next = queue.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                if (next != null) {
                    complete(next, sendAll(socket, next));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ZMQException e) {
            if (e.getErrorCode() != ZError.ETERM) {
                LOG.error("Sender of {} ended by a ZeroMQ error: {}", endpoint.getAddress(), e.getMessage());
            }
        } finally {
            running = false;
            failRemaining();
            socket.close();
            finished.countDown();
        }
    }

    private Exception sendAll(ZMQ.Socket socket, Outgoing out) {
        for (List<ByteBuffer> frames : out.messages()) {
            Exception failure = send(socket, frames, out);
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    /** Sends one message; returns the failure, or null when it was sent or dropped by policy. */
    private Exception send(ZMQ.Socket socket, List<ByteBuffer> frames, Outgoing out) {
        boolean dropWhenFull = !config.isBlockWhenFull() || socketType == ZmqSocketType.PUB;
        long sendDeadline = config.getSendTimeout() < 0 ? Long.MAX_VALUE
                : System.currentTimeMillis() + config.getSendTimeout();
        long bytes = 0;
        for (int i = 0; i < frames.size(); i++) {
            // a slice starts at 0: JeroMQ reads a non-array buffer from position 0
            ByteBuffer frame = frames.get(i).slice();
            int flags = i < frames.size() - 1 ? ZMQ.SNDMORE : 0;
            if (dropWhenFull) {
                if (socket.sendByteBuffer(frame, flags | ZMQ.DONTWAIT) < 0) {
                    onDropped();
                    return null;
                }
            } else {
                while (socket.sendByteBuffer(frame, flags) < 0) {
                    long now = System.currentTimeMillis();
                    if (now >= stopDeadline) {
                        return new ZmqSendException("producer of " + endpoint.getAddress()
                                                    + " stopped before a peer took the message", out.exchange());
                    }
                    if (now >= sendDeadline) {
                        return new ZmqSendException("no room below the send high-water mark of "
                                                    + endpoint.getAddress() + " within sendTimeout="
                                                    + config.getSendTimeout() + " ms", out.exchange());
                    }
                }
            }
            bytes += frame.remaining();
        }
        stats.message(bytes);
        return null;
    }

    private void onDropped() {
        stats.dropped();
        long n = stats.droppedCount();
        // a warning for the first drop and then at every power of two, so a long overload does not flood the log
        if ((n & (n - 1)) == 0) {
            LOG.warn("{} dropped {} message(s) at the send high-water mark ({})", endpoint.getAddress(), n,
                    config.getSendHighWaterMark());
        }
    }

    private void complete(Outgoing out, Exception failure) {
        if (failure != null) {
            stats.error();
            out.exchange().setException(failure);
        }
        try {
            out.callback().done(false);
        } catch (RuntimeException e) {
            LOG.warn("Completing an exchange failed: {}", e.getMessage(), e);
        }
    }

    private void failRemaining() {
        Outgoing left;
        while ((left = queue.poll()) != null) {
            complete(left, new ZmqSendException("producer of " + endpoint.getAddress() + " stopped before sending",
                    left.exchange()));
        }
    }

    boolean isRunning() {
        return running;
    }
}
