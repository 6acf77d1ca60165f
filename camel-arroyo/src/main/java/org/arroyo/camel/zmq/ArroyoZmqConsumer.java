package org.arroyo.camel.zmq;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Suspendable;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.support.DefaultConsumer;
import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.metrics.ArroyoMetrics;
import org.arroyo.camel.metrics.ArroyoStats;
import org.arroyo.camel.metrics.ArroyoStatsSource;
import org.arroyo.camel.support.DeferredHeadersMessage;
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
public class ArroyoZmqConsumer extends DefaultConsumer implements ArroyoStatsSource, Suspendable {

    private static final Logger LOG = LoggerFactory.getLogger(ArroyoZmqConsumer.class);
    private static final long START_TIMEOUT_SECONDS = 10;

    private final ZmqSocketType socketType;
    private final boolean topicEnvelope;
    private final ArroyoStats stats = new ArroyoStats();

    private volatile boolean running;
    private volatile boolean paused;
    // set by the loop once it has stopped taking messages for a suspension
    private volatile boolean parked;
    private volatile String lastError;
    private ExecutorService executor;
    private CountDownLatch finished;
    private ArroyoMetrics.Binding metrics;

    public ArroyoZmqConsumer(ArroyoZmqEndpoint endpoint, Processor processor, ZmqSocketType socketType) {
        super(endpoint, processor);
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
        HealthCheckRepository health = HealthCheckHelper.getHealthCheckRepository(getEndpoint().getCamelContext(),
                "consumers", HealthCheckRepository.class);
        if (health != null) {
            ArroyoZmqConsumerHealthCheck check = new ArroyoZmqConsumerHealthCheck(this, getRouteId());
            check.setEnabled(getEndpoint().getComponent().isHealthCheckConsumerEnabled());
            setHealthCheck(check);
        }
        metrics = ArroyoMetrics.bind(getEndpoint().getCamelContext(), this, getEndpoint().getEndpointUri());
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
        if (metrics != null) {
            metrics.close();
            metrics = null;
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
            lastError = e.getMessage();
            finished.countDown();
            ready.completeExceptionally(e);
            return;
        }
        ready.complete(null);
        MessageDecoder decoder = getEndpoint().codec().newDecoder();
        int batchSize = config.getBatchSize();
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
                lastError = e.getMessage();
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

    private static byte[] bytes(ByteBuffer frame) {
        byte[] out = new byte[frame.remaining()];
        frame.duplicate().get(out);
        return out;
    }

    private void onMessage(List<ByteBuffer> parts, MessageDecoder decoder) {
        Exchange exchange = newExchange();
        ArroyoMessage message = decode(parts, decoder, exchange);
        if (message == null) {
            return;
        }
        setMessage(exchange, message);
        dispatch(exchange);
    }

    /** An exchange whose in message defers its headers (no header map unless the route reads one). */
    private Exchange newExchange() {
        Exchange exchange = createExchange(false);
        exchange.setIn(new DeferredHeadersMessage(exchange));
        return exchange;
    }

    /**
     * The body, and one header per message: the type is what YAML routes filter on; the codec is the endpoint's, and
     * the frame count only matters to a failed decode.
     */
    private static void setMessage(Exchange exchange, ArroyoMessage message) {
        DeferredHeadersMessage in = (DeferredHeadersMessage) exchange.getIn();
        in.setBody(message);
        in.defer(ArroyoZmqConstants.MESSAGE_TYPE, message.type().wireName());
    }

    /**
     * batchSize > 1: this message and those already queued behind it (never waiting for more), up to batchSize, as
     * one exchange whose body is the list; one message alone stays a plain body.
     */
    private void onBatch(ZMQ.Socket socket, List<ByteBuffer> first, MessageDecoder decoder, int batchSize) {
        List<ArroyoMessage> batch = new ArrayList<>(batchSize);
        List<ByteBuffer> parts = first;
        do {
            ArroyoMessage message = decode(parts, decoder, null);
            if (message != null) {
                batch.add(message);
            }
        } while (batch.size() < batchSize && (parts = receive(socket, ZMQ.DONTWAIT)) != null);
        if (batch.isEmpty()) {
            return;
        }
        Exchange exchange = newExchange();
        if (batch.size() == 1) {
            setMessage(exchange, batch.get(0));
        } else {
            exchange.getIn().setBody(Collections.unmodifiableList(batch));
        }
        dispatch(exchange);
    }

    /**
     * Strips the envelope (into the exchange's headers when there is one), counts and decodes. Returns null when
     * there is nothing to route: the exchange, if any, has then been released or handed to the exception handler.
     */
    private ArroyoMessage decode(List<ByteBuffer> parts, MessageDecoder decoder, Exchange exchange) {
        int skip = 0;
        if (socketType == ZmqSocketType.ROUTER && parts.size() > 1) {
            byte[] identity = bytes(parts.get(skip++));
            if (exchange != null) {
                ((DeferredHeadersMessage) exchange.getIn()).defer(ArroyoZmqConstants.IDENTITY, identity);
            }
        }
        if (topicEnvelope && parts.size() > skip + 1) {
            String topic = new String(bytes(parts.get(skip++)), java.nio.charset.StandardCharsets.UTF_8);
            if (exchange != null) {
                ((DeferredHeadersMessage) exchange.getIn()).defer(ArroyoZmqConstants.TOPIC, topic);
            }
        }
        List<ByteBuffer> frames = skip == 0 ? parts : parts.subList(skip, parts.size());
        long bytes = 0;
        for (ByteBuffer frame : frames) {
            bytes += frame.remaining();
        }
        stats.message(bytes);
        ArroyoMessage message;
        try {
            message = decoder.decode(frames);
        } catch (RuntimeException e) {
            onDecodeError(exchange != null ? exchange : createExchange(false), frames, e);
            return null;
        }
        if (message == null && exchange != null) {
            releaseExchange(exchange, false);
        }
        return message;
    }

    private void dispatch(Exchange exchange) {
        try {
            getAsyncProcessor().process(exchange, doneSync -> afterProcess(exchange));
        } catch (Exception e) {
            // an async processor reports through the exchange; guard anyway so the loop never dies
            exchange.setException(e);
            afterProcess(exchange);
        }
    }

    private void afterProcess(Exchange exchange) {
        try {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing exchange", exchange,
                        exchange.getException());
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private void onDecodeError(Exchange exchange, List<ByteBuffer> views, RuntimeException e) {
        List<byte[]> frames = new ArrayList<>(views.size());
        for (ByteBuffer view : views) {
            frames.add(bytes(view));
        }
        stats.error();
        String codec = getEndpoint().codec().name();
        CodecException error = e instanceof CodecException ce ? ce
                : new CodecException(codec + " codec failed on a message: " + e, e);
        lastError = error.getMessage();
        try {
            exchange.getIn().setBody(frames.size() == 1 ? frames.get(0) : List.copyOf(frames));
            exchange.getIn().setHeader(ArroyoZmqConstants.RAW_FRAMES, List.copyOf(frames));
            exchange.getIn().setHeader(ArroyoZmqConstants.CODEC, codec);
            exchange.getIn().setHeader(ArroyoZmqConstants.FRAME_COUNT, frames.size());
            exchange.setException(error);
            getExceptionHandler().handleException(
                    "arroyo-zmq " + getEndpoint().getAddress() + " could not decode a message with codec " + codec,
                    exchange, error);
        } finally {
            releaseExchange(exchange, false);
        }
    }

    boolean isRunning() {
        return running;
    }

    String lastError() {
        return lastError;
    }

    /** Messages received so far (including those the codec rejected). */
    public long getReceivedCount() {
        return stats.messages();
    }

    /** Messages the codec rejected. */
    public long getDecodeErrorCount() {
        return stats.errors();
    }

    @Override
    public ArroyoStats getArroyoStats() {
        return stats;
    }

    @Override
    public Direction getArroyoDirection() {
        return Direction.RECEIVED;
    }
}
