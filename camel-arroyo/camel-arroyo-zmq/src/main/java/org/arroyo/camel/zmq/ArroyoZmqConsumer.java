package org.arroyo.camel.zmq;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Suspendable;
import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.support.ArroyoConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;

/**
 * Receives on one socket, on one thread that owns it for its whole life, decodes each message with the endpoint's
 * codec and hands it to the route. A message the codec rejects goes to the exception handler (the route's error
 * handler with {@code bridgeErrorHandler=true}) with its raw frames as the body; the loop goes on. Stopping needs no
 * interrupt: the receive times out every {@code receiveTimeout} ms and the loop sees the stop flag.
 */
public class ArroyoZmqConsumer extends ArroyoConsumer implements Suspendable {

    private static final Logger LOG = LoggerFactory.getLogger(ArroyoZmqConsumer.class);
    private static final long START_TIMEOUT_SECONDS = 10;

    private final ZmqSocketType socketType;
    private final boolean topicEnvelope;

    private volatile boolean running;
    private volatile boolean paused;
    // set by the loop once it has stopped taking messages for a suspension
    private volatile boolean parked;
    private ExecutorService executor;
    private CountDownLatch finished;

    public ArroyoZmqConsumer(ArroyoZmqEndpoint endpoint, Processor processor, ZmqSocketType socketType) {
        super(endpoint, processor, endpoint.codec().name());
        this.socketType = socketType;
        this.topicEnvelope = !endpoint.getConfiguration().topicList().isEmpty();
    }

    @Override
    public ArroyoZmqEndpoint getEndpoint() {
        return (ArroyoZmqEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        finished = new CountDownLatch(1);
        CompletableFuture<Void> ready = new CompletableFuture<>();
        executor = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "ArroyoZmqConsumer[" + getEndpoint().getAddress() + "]");
        executor.execute(() -> receiveLoop(ready));
        try {
            ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            running = false;
            throw (e.getCause() instanceof Exception ex) ? ex : e;
        }
        LOG.debug("Consuming from {} as {}", getEndpoint().getAddress(), socketType);
    }

    @Override
    protected void doSuspend() {
        paused = true;
        // return only once the loop takes no more: a receive already under way may still bring one message
        long deadline = System.nanoTime()
                        + TimeUnit.MILLISECONDS.toNanos(Math.max(1000, 4L * getEndpoint().getConfiguration()
                                .getReceiveTimeout()));
        while (running && !parked && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        LOG.debug("Suspended consuming from {}", getEndpoint().getAddress());
    }

    @Override
    protected void doResume() {
        parked = false;
        paused = false;
        LOG.debug("Resumed consuming from {}", getEndpoint().getAddress());
    }

    @Override
    protected void doStop() throws Exception {
        paused = false;
        running = false;
        CountDownLatch done = finished;
        ArroyoZmqConfiguration config = getEndpoint().getConfiguration();
        long waitMillis = Math.max(5000L, 4L * config.getReceiveTimeout()) + Math.max(0, config.getDrainTimeout());
        if (done != null && !done.await(waitMillis, TimeUnit.MILLISECONDS)) {
            LOG.warn("Consumer of {} did not finish its current message within {} ms; its socket closes when it does",
                    getEndpoint().getAddress(), waitMillis);
        }
        if (executor != null) {
            // the loop has ended (or is finishing one message): plain shutdown, never an interrupt into JeroMQ
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(executor);
            executor = null;
        }
        super.doStop();
        LOG.debug("Stopped consuming from {}", getEndpoint().getAddress());
    }

    private void receiveLoop(CompletableFuture<Void> ready) {
        ArroyoZmqConfiguration config = getEndpoint().getConfiguration();
        ZMQ.Socket socket;
        try {
            socket = ZmqSockets.open(getEndpoint().getComponent().context(), getEndpoint().getAddress(), socketType,
                    config);
            socket.setReceiveTimeOut(config.getReceiveTimeout());
        } catch (RuntimeException e) {
            setLastError(e.getMessage());
            finished.countDown();
            ready.completeExceptionally(e);
            return;
        }
        ready.complete(null);
        MessageDecoder decoder = getEndpoint().codec().newDecoder();
        int batchSize = config.isBatching() ? config.getBatchSize() : 1;
        try {
            while (running) {
                if (paused) {
                    // suspended: leave messages in the socket, whose high-water mark pushes back on senders
                    parked = true;
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(50, config.getReceiveTimeout())));
                    continue;
                }
                List<ByteBuffer> parts = receive(socket, 0);
                if (parts != null && batchSize > 1) {
                    onBatch(socket, parts, decoder, batchSize);
                } else if (parts != null) {
                    onMessage(parts, decoder);
                }
            }
            drain(socket, decoder, config.getDrainTimeout());
        } catch (ZMQException e) {
            if (e.getErrorCode() != ZError.ETERM) {
                setLastError(e.getMessage());
                LOG.error("Receive loop of {} ended by a ZeroMQ error: {}", getEndpoint().getAddress(), e.getMessage());
            }
        } finally {
            running = false;
            socket.close();
            finished.countDown();
        }
    }

    /** Hands what is already queued in the socket to the route, for at most {@code millis}. */
    private void drain(ZMQ.Socket socket, MessageDecoder decoder, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        int drained = 0;
        while (millis > 0 && System.nanoTime() < deadline) {
            List<ByteBuffer> parts = receive(socket, ZMQ.DONTWAIT);
            if (parts == null) {
                break;
            }
            onMessage(parts, decoder);
            drained++;
        }
        LOG.debug("Drained {} queued message(s) from {} before closing", drained, getEndpoint().getAddress());
    }

    /**
     * One whole multipart message as views of JeroMQ's own message buffers, or null when the receive timed out (or,
     * with DONTWAIT, nothing was queued). {@code recv()} would copy each frame into a new array (always for frames
     * above JeroMQ's 1 MiB heap threshold, which it receives into direct buffers); the views cost no copy.
     */
    private static List<ByteBuffer> receive(ZMQ.Socket socket, int flags) {
        zmq.Msg first = socket.recvMsg(flags);
        if (first == null) {
            return null;
        }
        if (!first.hasMore()) {
            return List.of(view(first));
        }
        List<ByteBuffer> parts = new ArrayList<>(3);
        parts.add(view(first));
        zmq.Msg next;
        do {
            next = socket.recvMsg(0);
            if (next == null) {
                return parts; // cannot happen (ZeroMQ delivers all parts or none); the codec reports the gap
            }
            parts.add(view(next));
        } while (next.hasMore());
        return parts;
    }

    private static ByteBuffer view(zmq.Msg msg) {
        ByteBuffer b = msg.buf();
        b.clear();
        return b.limit(msg.size());
    }

    private static String text(ByteBuffer frame) {
        byte[] out = new byte[frame.remaining()];
        frame.duplicate().get(out);
        return new String(out, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer frame) {
        byte[] out = new byte[frame.remaining()];
        frame.duplicate().get(out);
        return out;
    }

    private void onMessage(List<ByteBuffer> parts, MessageDecoder decoder) {
        Exchange exchange = newExchange();
        List<ArroyoMessage> messages = decode(parts, decoder, exchange);
        if (!messages.isEmpty()) {
            // usually one; a codec may find several in one ZeroMQ message (a Bluesky event_page), each its exchange
            dispatchAll(exchange, messages);
        }
    }

    /**
     * batching: this message and those already queued behind it (never waiting for more), up to batchSize, as
     * one exchange whose body is the list; one message alone stays a plain body.
     */
    private void onBatch(ZMQ.Socket socket, List<ByteBuffer> first, MessageDecoder decoder, int batchSize) {
        List<ArroyoMessage> batch = new ArrayList<>(batchSize);
        List<ByteBuffer> parts = first;
        do {
            batch.addAll(decode(parts, decoder, null));
        } while (batch.size() < batchSize && (parts = receive(socket, ZMQ.DONTWAIT)) != null);
        if (!batch.isEmpty()) {
            Exchange exchange = newExchange();
            setBody(exchange, batch);
            dispatch(exchange);
        }
    }

    /**
     * Strips the envelope (into the exchange's headers when there is one) and decodes. Empty when there is nothing to
     * route: the exchange, if any, has then been released or handed to the exception handler. Without an exchange (a
     * batch) a rejected message is handed over in an exchange made for it.
     */
    private List<ArroyoMessage> decode(List<ByteBuffer> parts, MessageDecoder decoder, Exchange exchange) {
        int skip = 0;
        if (socketType == ZmqSocketType.ROUTER && parts.size() > 1) {
            byte[] identity = bytes(parts.get(skip++));
            if (exchange != null) {
                defer(exchange, ArroyoZmqConstants.IDENTITY, identity);
            }
        }
        if (topicEnvelope && parts.size() > skip + 1) {
            String topic = text(parts.get(skip++));
            if (exchange != null) {
                defer(exchange, ArroyoZmqConstants.TOPIC, topic);
            }
        }
        List<ByteBuffer> frames = skip == 0 ? parts : parts.subList(skip, parts.size());
        return exchange != null ? decodeAll(decoder, frames, exchange) : decodeAll(decoder, frames, this::newExchange);
    }

    @Override
    public String describe() {
        return "arroyo-zmq:" + getEndpoint().getAddress();
    }

    @Override
    protected String notReadyReason() {
        if (running) {
            return null;
        }
        String error = lastError();
        return error != null ? error : "receive loop is not running";
    }

    /** Messages received so far (including those the codec rejected). */
    public long getReceivedCount() {
        return getArroyoStats().messages();
    }

    /** Messages the codec rejected. */
    public long getDecodeErrorCount() {
        return getArroyoStats().errors();
    }
}
