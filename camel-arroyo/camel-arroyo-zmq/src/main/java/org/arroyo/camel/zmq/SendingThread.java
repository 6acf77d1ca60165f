package org.arroyo.camel.zmq;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.AsyncCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQException;
import zmq.ZError;

/**
 * The one thread that owns a producer socket, for sockets that must be one (a bound address; PAIR, DEALER and ROUTER,
 * whose peers see one identity) and for the route threads beyond maxProducerSockets. Route threads encode on their own thread and queue the frames here (a bounded
 * queue: a full one pushes back on the route); this thread sends them and completes each exchange. On stop it sends
 * what is queued, waiting at most {@code linger} ms for room, and fails what it could not send.
 */
final class SendingThread implements SendPath {

    private static final Logger LOG = LoggerFactory.getLogger(SendingThread.class);
    private static final int TICK_MILLIS = SocketWriter.TICK_MILLIS;

    private final ArroyoZmqEndpoint endpoint;
    private final ZmqSocketType socketType;
    private final ArroyoZmqConfiguration config;
    private final BlockingQueue<Outgoing> queue;

    private volatile boolean running;
    private volatile long stopDeadline = Long.MAX_VALUE;
    private ExecutorService executor;
    private final CountDownLatch finished = new CountDownLatch(1);

    SendingThread(ArroyoZmqEndpoint endpoint, ZmqSocketType socketType) {
        this.endpoint = endpoint;
        this.socketType = socketType;
        this.config = endpoint.getConfiguration();
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

    @Override
    public boolean send(Outgoing outgoing, AsyncCallback callback) throws Exception {
        while (running) {
            if (queue.offer(outgoing, TICK_MILLIS, TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
        throw new ZmqSendException("producer of " + endpoint.getAddress() + " is stopped", outgoing.exchange());
    }

    @Override
    public void stop() {
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
        SocketWriter writer;
        try {
            writer = new SocketWriter(endpoint, socketType);
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
                    complete(next, writer.write(next.messages(), next.exchange(), () -> stopDeadline));
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
            writer.close();
            finished.countDown();
        }
    }

    private static void complete(Outgoing out, Exception failure) {
        if (failure != null) {
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
}
