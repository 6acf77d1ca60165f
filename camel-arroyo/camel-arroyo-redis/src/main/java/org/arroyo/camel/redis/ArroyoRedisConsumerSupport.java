package org.arroyo.camel.redis;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.lettuce.core.api.StatefulConnection;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.support.ArroyoConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every {@code arroyo-redis} consumer shares: one thread from Camel's executor manager that connects (retrying
 * with a bounded backoff until Redis is up, or failing the start with {@code failIfUnreachable}), then polls; and the
 * step from one Redis value to a routed exchange, on the suite's shared consumer support.
 */
abstract class ArroyoRedisConsumerSupport extends ArroyoConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ArroyoRedisConsumerSupport.class);
    private static final long FIRST_DELAY = 100;
    /** The most received pub/sub messages waiting for the route. */
    static final int QUEUE_SIZE = 10_000;

    protected final ArroyoRedisEndpoint endpoint;
    protected final ArroyoRedisConfiguration config;
    protected MessageDecoder decoder;
    protected volatile boolean running;
    private ExecutorService executor;

    ArroyoRedisConsumerSupport(ArroyoRedisEndpoint endpoint, Processor processor) {
        super(endpoint, processor, endpoint.codec().name());
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.decoder = endpoint.codec().newDecoder();
        setLastError("not connected yet");
    }

    /** Forgets a part the decoder holds: after a reconnect what it came from is delivered again. */
    protected void resetDecoder() {
        decoder = endpoint.codec().newDecoder();
    }

    /** Opens this consumer's own connection (and subscribes / creates the group). */
    protected abstract void connect() throws Exception;

    /** The connection, or null before {@link #connect()} succeeded. */
    protected abstract StatefulConnection<?, ?> connection();

    /** Drops the (closed) connection, so a restarted consumer connects anew. */
    protected abstract void forgetConnection();

    /** One bounded read and the processing of what it returned; false when this consumer needs no polling. */
    protected abstract boolean poll() throws Exception;

    /** Called after a failed poll, before the backoff: forget state the failure may have invalidated. */
    protected void onPollError(Exception error) {
    }

    @Override
    public String describe() {
        return "arroyo-redis:" + endpoint.getName();
    }

    @Override
    protected String notReadyReason() {
        StatefulConnection<?, ?> c = connection();
        return c != null && c.isOpen() ? null
                : "Redis at " + config.describeAddress() + " is unreachable: " + lastError();
    }

    protected String threadName() {
        String mode = config.getMode().name();
        return "ArroyoRedis" + Character.toUpperCase(mode.charAt(0)) + mode.substring(1) + "Consumer["
               + endpoint.getName() + "]";
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        // one thread: the connect/poll loop, or (pub/sub) the received messages in order; a bounded queue, so a
        // pub/sub consumer that falls far behind drops and reports messages instead of exhausting memory
        executor = endpoint.getCamelContext().getExecutorServiceManager().newThreadPool(this, threadName(),
                new ThreadPoolProfileBuilder(threadName()).poolSize(1).maxPoolSize(1).maxQueueSize(QUEUE_SIZE)
                        .rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build());
        if (config.isFailIfUnreachable()) {
            try {
                connect();
            } catch (Exception e) {
                running = false;
                closeConnection();
                endpoint.getCamelContext().getExecutorServiceManager().shutdownNow(executor);
                executor = null;
                throw new IllegalStateException(describe() + ": cannot connect to Redis at "
                                                + config.describeAddress() + ": " + describe(e), e);
            }
        }
        executor.execute(this::run);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        if (executor != null) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdownGraceful(executor,
                    config.getBlockTimeout() + 2000);
            executor = null;
        }
        closeConnection();
        super.doStop();
    }

    protected void closeConnection() {
        StatefulConnection<?, ?> c = connection();
        forgetConnection();
        if (c != null) {
            c.close();
        }
    }

    /** The executor this consumer's work runs on (pub/sub hands received messages to it). */
    protected ExecutorService executor() {
        return executor;
    }

    private void run() {
        long delay = FIRST_DELAY;
        while (running) {
            try {
                if (connection() == null) {
                    connect();
                    LOG.info("{} connected to {} ({} mode)", describe(), config.describeAddress(), config.getMode());
                }
                delay = FIRST_DELAY;
                if (!poll()) {
                    return;
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                setLastError(describe(e));
                LOG.warn("{} at {}: {}; retrying in {} ms", describe(), config.describeAddress(), lastError(), delay);
                onPollError(e);
                pause(delay);
                delay = Math.min(delay * 2, Math.max(FIRST_DELAY, config.getMaxReconnectDelay()));
            }
        }
    }

    private void pause(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while (running && System.nanoTime() < end) {
                Thread.sleep(Math.min(50, millis));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Waits for a Redis command, at most blockTimeout + commandTimeout, and unwraps its failure. */
    protected <T> T await(Future<T> future) throws Exception {
        try {
            return future.get(config.getBlockTimeout() + config.getCommandTimeout(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * Decodes one received value into an exchange with the given headers and runs the route, waiting for it. A value
     * that does not unpack into frames, or whose frames the codec rejects, goes to the exception handler with what
     * was received.
     *
     * @param  frames   the value's frames; throws a CodecException when the value is not in the expected form
     * @param  received the value as received, kept on the exchange when it cannot be unpacked
     * @return          true when the value is finished with (routed and completed, nothing to route, or rejected):
     *                  acknowledge or remove it; false when the route failed it and it should be delivered again
     */
    protected boolean process(Supplier<List<ByteBuffer>> frames, List<ByteBuffer> received,
                              Consumer<Exchange> headers) {
        Exchange exchange = newExchange();
        headers.accept(exchange);
        List<ByteBuffer> unpacked;
        try {
            unpacked = frames.get();
        } catch (RuntimeException e) {
            rejectReceived(exchange, received, e);
            return true;
        }
        ArroyoMessage message = decode(decoder, unpacked, exchange);
        if (message == null) {
            return true;
        }
        setBody(exchange, message);
        return dispatchAndWait(exchange);
    }

    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 500; t = t.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(": ");
            }
            sb.append(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }
}
