package org.arroyo.camel.redis;

import java.nio.ByteBuffer;
import java.util.Collections;
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
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.support.DefaultConsumer;
import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.message.ArroyoConstants;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.metrics.ArroyoMetrics;
import org.arroyo.camel.metrics.ArroyoStats;
import org.arroyo.camel.metrics.ArroyoStatsSource;
import org.arroyo.camel.support.DeferredHeadersMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every {@code arroyo-redis} consumer shares: one thread from Camel's executor manager that connects (retrying
 * with a bounded backoff until Redis is up, or failing the start with {@code failIfUnreachable}), then polls; the
 * decode-and-process step that hands failures to the exception handler; and the readiness health check.
 */
abstract class ArroyoRedisConsumerSupport extends DefaultConsumer implements ArroyoStatsSource {

    private static final Logger LOG = LoggerFactory.getLogger(ArroyoRedisConsumerSupport.class);
    private static final long FIRST_DELAY = 100;
    /** The most received pub/sub messages waiting for the route. */
    static final int QUEUE_SIZE = 10_000;

    protected final ArroyoRedisEndpoint endpoint;
    protected final ArroyoRedisConfiguration config;
    protected final MessageDecoder decoder;
    protected volatile boolean running;
    private volatile String lastError = "not connected yet";
    private ExecutorService executor;
    private final ArroyoStats stats = new ArroyoStats();
    private ArroyoMetrics.Binding metrics;

    ArroyoRedisConsumerSupport(ArroyoRedisEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.decoder = endpoint.codec().newDecoder();
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

    protected String threadName() {
        String mode = config.getMode().name();
        return "ArroyoRedis" + Character.toUpperCase(mode.charAt(0)) + mode.substring(1) + "Consumer["
               + endpoint.getName() + "]";
    }

    /** Whether the connection is up; the health check's answer. */
    boolean isConnected() {
        StatefulConnection<?, ?> c = connection();
        return c != null && c.isOpen();
    }

    String lastError() {
        return lastError;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        HealthCheckRepository repo = HealthCheckHelper.getHealthCheckRepository(endpoint.getCamelContext(),
                "consumers", HealthCheckRepository.class);
        if (repo != null) {
            ArroyoRedisConsumerHealthCheck check = new ArroyoRedisConsumerHealthCheck(this, getRouteId());
            check.setEnabled(endpoint.getComponent().isHealthCheckConsumerEnabled());
            setHealthCheck(check);
        }
        metrics = ArroyoMetrics.bind(endpoint.getCamelContext(), this, endpoint.getEndpointUri());
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
                throw new IllegalStateException("arroyo-redis:" + endpoint.getName() + ": cannot connect to Redis at "
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
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
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
                    LOG.info("arroyo-redis:{} connected to {} ({} mode)", endpoint.getName(),
                            config.describeAddress(), config.getMode());
                }
                delay = FIRST_DELAY;
                if (!poll()) {
                    return;
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                lastError = describe(e);
                LOG.warn("arroyo-redis:{} at {}: {}; retrying in {} ms", endpoint.getName(), config.describeAddress(),
                        lastError, delay);
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
     * Decodes the frames of one Redis message into an exchange and runs the route. A value whose framing or codec
     * rejects it is handed to the route's error handler as the exchange's exception (body: the received bytes).
     *
     * @return true when the exchange completed without an exception (handled by an error handler counts)
     */
    protected boolean process(Supplier<List<ByteBuffer>> frames, byte[] received,
                              Consumer<DeferredHeadersMessage> headers) {
        Exchange exchange = createExchange(false);
        DeferredHeadersMessage in = new DeferredHeadersMessage(exchange);
        exchange.setIn(in);
        stats.message(received.length);
        headers.accept(in);
        ArroyoMessage message = decode(frames, received, exchange);
        // null without an error: the codec waits for the next part, or skipped this kind on purpose. A rejected
        // message is routed with its exception set, so the route's error handler (a dead letter channel) takes it
        boolean nothingToRoute = message == null && exchange.getException() == null;
        return route(exchange, !nothingToRoute);
    }

    /**
     * Several decoded messages as one exchange whose body is their list (one alone stays a plain body), run through
     * the route.
     *
     * @return true when the exchange completed without an exception (handled by an error handler counts)
     */
    protected boolean processTogether(List<ArroyoMessage> messages, long bytes,
                                      Consumer<DeferredHeadersMessage> headers) {
        Exchange exchange = createExchange(false);
        DeferredHeadersMessage in = new DeferredHeadersMessage(exchange);
        exchange.setIn(in);
        stats.messages(messages.size(), bytes);
        headers.accept(in);
        if (messages.size() == 1) {
            in.setBody(messages.get(0));
            in.defer(ArroyoConstants.MESSAGE_TYPE, messages.get(0).type().wireName());
        } else {
            in.setBody(Collections.unmodifiableList(messages));
        }
        return route(exchange, true);
    }

    /** Runs the route (when asked), hands a failure left over to the exception handler, releases the exchange. */
    private boolean route(Exchange exchange, boolean run) {
        try {
            if (run) {
                getProcessor().process(exchange);
            }
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            boolean ok = exchange.getException() == null;
            if (!ok) {
                getExceptionHandler().handleException(
                        "arroyo-redis:" + endpoint.getName() + ": failed to process message", exchange,
                        exchange.getException());
            }
            return ok;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /** The decoded message set as the body, or null with the rejection set as the exchange's exception. */
    private ArroyoMessage decode(Supplier<List<ByteBuffer>> frames, byte[] received, Exchange exchange) {
        try {
            ArroyoMessage message = decoder.decode(frames.get());
            if (message != null) {
                DeferredHeadersMessage in = (DeferredHeadersMessage) exchange.getIn();
                in.setBody(message);
                in.defer(ArroyoConstants.MESSAGE_TYPE, message.type().wireName());
            }
            return message;
        } catch (RuntimeException e) {
            stats.error();
            exchange.getMessage().setBody(received);
            exchange.getMessage().setHeader(ArroyoConstants.RAW_FRAMES, List.of(received));
            exchange.getMessage().setHeader(ArroyoConstants.CODEC, endpoint.codec().name());
            exchange.setException(new CodecException("arroyo-redis:" + endpoint.getName() + ": codec '"
                                                     + endpoint.codec().name() + "' rejected a message of "
                                                     + received.length + " bytes: " + e.getMessage(),
                    e));
            return null;
        }
    }

    @Override
    public ArroyoStats getArroyoStats() {
        return stats;
    }

    @Override
    public Direction getArroyoDirection() {
        return Direction.RECEIVED;
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
