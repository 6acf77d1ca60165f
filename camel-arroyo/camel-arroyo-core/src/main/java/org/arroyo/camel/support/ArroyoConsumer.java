package org.arroyo.camel.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.HealthCheckComponent;
import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.codec.PackedFrames;
import org.arroyo.camel.message.ArroyoConstants;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.metrics.ArroyoMetrics;
import org.arroyo.camel.metrics.ArroyoStats;
import org.arroyo.camel.metrics.ArroyoStatsSource;

/**
 * What every arroyo consumer shares, whatever its transport: exchanges whose headers wait until the route reads one,
 * decode-or-fail, dispatch with Camel's consumer callback, the counters, the readiness health check and the metrics
 * binding. A transport only receives, and says when it is ready.
 * <p>
 * One error rule for every component (Camel's idiom): a message the codec rejects goes to the consumer's exception
 * handler (logged at WARN; with {@code bridgeErrorHandler=true} routed through the route's error handler, e.g. a
 * dead letter channel) as a {@link CodecException} naming what was wrong, with the received frames in
 * {@code CamelArroyoRawFrames} and the codec's name in {@code CamelArroyoCodec}; the consumer reads on. An exchange
 * the route failed goes to the same exception handler.
 */
public abstract class ArroyoConsumer extends DefaultConsumer implements ArroyoStatsSource {

    private final ArroyoStats stats = new ArroyoStats();
    private final String codecName;
    private ArroyoMetrics.Binding metrics;
    private volatile String lastError;
    // a tracer is active: the trace context a message carries becomes the exchange's headers
    private boolean tracing;

    protected ArroyoConsumer(Endpoint endpoint, Processor processor, String codecName) {
        super(endpoint, processor);
        this.codecName = codecName;
    }

    /** Names the consumer in log lines, errors and its health check, e.g. {@code arroyo-zmq:tcp://127.0.0.1:5000}. */
    public abstract String describe();

    /** Null while the consumer can take messages, else why not (its readiness check is then DOWN). */
    protected abstract String notReadyReason();

    /** True while the consumer can take messages: what its readiness check reports (arroyo-pva: subscribed). */
    public boolean isReady() {
        return isRunAllowed() && notReadyReason() == null;
    }

    /** The last failure this consumer met (a rejected message, a lost connection), or null. */
    public String lastError() {
        return lastError;
    }

    /** Remembers a failure for the health check's message. */
    protected void setLastError(String error) {
        this.lastError = error;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        HealthCheckRepository repository = HealthCheckHelper.getHealthCheckRepository(getEndpoint().getCamelContext(),
                "consumers", HealthCheckRepository.class);
        if (repository != null) {
            ArroyoConsumerHealthCheck check = new ArroyoConsumerHealthCheck(this, getRouteId());
            check.setEnabled(!(getEndpoint().getComponent() instanceof HealthCheckComponent c)
                             || c.isHealthCheckConsumerEnabled());
            setHealthCheck(check);
        }
        metrics = ArroyoMetrics.bind(getEndpoint().getCamelContext(), this, getEndpoint().getEndpointUri());
        tracing = TraceContext.isTracing(getEndpoint().getCamelContext());
    }

    @Override
    protected void doStop() throws Exception {
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
        super.doStop();
    }

    /** A new exchange whose in message defers its headers: no header map unless the route reads one. */
    protected final Exchange newExchange() {
        Exchange exchange = createExchange(false);
        exchange.setIn(new DeferredHeadersMessage(exchange));
        return exchange;
    }

    /** Adds a header to an exchange made by {@link #newExchange()}. */
    protected static void defer(Exchange exchange, String name, Object value) {
        ((DeferredHeadersMessage) exchange.getIn()).defer(name, value);
    }

    /** The message as the body, and its kind as the header YAML routes filter on. */
    protected static void setBody(Exchange exchange, ArroyoMessage message) {
        exchange.getIn().setBody(message);
        defer(exchange, ArroyoConstants.MESSAGE_TYPE, message.type().wireName());
    }

    /** Several messages as one body, their list; one message alone stays a plain body. */
    protected static void setBody(Exchange exchange, List<ArroyoMessage> messages) {
        if (messages.size() == 1) {
            setBody(exchange, messages.get(0));
        } else {
            exchange.getIn().setBody(Collections.unmodifiableList(messages));
        }
    }

    /**
     * Counts and decodes one received message, for consumers that route one message per transport message. Returns
     * null when there is nothing to route: the codec waits for a further part or skips this kind, or it rejected the
     * message, which then went to the exception handler; a message that decodes into several (see
     * {@link #decodeAll(MessageDecoder, List, Exchange)}) is rejected so, naming the count. When null is returned the
     * exchange has been released.
     *
     * @param exchange the exchange the message will travel in
     */
    protected final ArroyoMessage decode(MessageDecoder decoder, List<ByteBuffer> frames, Exchange exchange) {
        return single(decodeAll(decoder, frames, exchange), frames, () -> exchange);
    }

    /**
     * As {@link #decode(MessageDecoder, List, Exchange)} for a message that is not routed alone (a batch): an
     * exchange is only made, by {@code forRejection}, to hand a rejected message to the exception handler.
     */
    protected final ArroyoMessage decode(MessageDecoder decoder, List<ByteBuffer> frames,
                                         Supplier<Exchange> forRejection) {
        return single(decodeAll(decoder, frames, forRejection), frames, forRejection);
    }

    /**
     * Counts and decodes one received message into every message it holds (usually one; a Bluesky
     * {@code event_page} is one per row), to route with {@link #dispatchAll}. Empty when there is nothing to route:
     * the codec waits for a further part or skips this kind, or it rejected the message, which then went to the
     * exception handler; the exchange has then been released.
     *
     * @param exchange the exchange the (first) message will travel in
     */
    protected final List<ArroyoMessage> decodeAll(MessageDecoder decoder, List<ByteBuffer> frames,
                                                  Exchange exchange) {
        stats.countMessage(PackedFrames.size(frames));
        List<ArroyoMessage> messages;
        try {
            messages = decoder.decodeAll(frames);
        } catch (RuntimeException e) {
            reject(exchange, frames, e);
            return List.of();
        }
        if (messages.isEmpty()) {
            releaseExchange(exchange, false);
        }
        return messages;
    }

    /**
     * As {@link #decodeAll(MessageDecoder, List, Exchange)} for messages that are not routed alone (a batch): an
     * exchange is only made, by {@code forRejection}, to hand a rejected message to the exception handler.
     */
    protected final List<ArroyoMessage> decodeAll(MessageDecoder decoder, List<ByteBuffer> frames,
                                                  Supplier<Exchange> forRejection) {
        stats.countMessage(PackedFrames.size(frames));
        try {
            return decoder.decodeAll(frames);
        } catch (RuntimeException e) {
            reject(forRejection.get(), frames, e);
            return List.of();
        }
    }

    // the message of a consumer that routes one per transport message; several are refused, none is lost unseen
    private ArroyoMessage single(List<ArroyoMessage> messages, List<ByteBuffer> frames,
                                 Supplier<Exchange> forRejection) {
        if (messages.size() > 1) {
            reject(forRejection.get(), frames, new CodecException(
                    "it holds " + messages.size() + " messages and " + describe() + " routes one per received"
                                                              + " message"));
            return null;
        }
        return messages.isEmpty() ? null : messages.get(0);
    }

    /**
     * Counts a received message that never reaches a codec (it does not unpack into frames, or the consumer gives up
     * on it) and hands it to the exception handler as {@link #reject} does.
     */
    protected final void rejectReceived(Exchange exchange, List<ByteBuffer> received, RuntimeException cause) {
        stats.countMessage(PackedFrames.size(received));
        reject(exchange, received, cause);
    }

    /**
     * Hands a message that cannot become an Arroyo message to the exception handler, with its frames (copied: the
     * views may be reused once this returns) and the codec's name, and releases the exchange.
     */
    protected final void reject(Exchange exchange, List<ByteBuffer> frames, RuntimeException cause) {
        List<byte[]> copies = new ArrayList<>(frames.size());
        for (ByteBuffer frame : frames) {
            byte[] copy = new byte[frame.remaining()];
            frame.duplicate().get(copy);
            copies.add(copy);
        }
        RuntimeException error = cause instanceof PoisonMessageException ? cause
                : new CodecException(describe() + ": codec '" + codecName + "' rejected a message of "
                                     + PackedFrames.size(frames) + " bytes: " + cause.getMessage(), cause);
        handOver(exchange, copies, error);
    }

    /**
     * Hands a received message that is not bytes (a pvAccess structure) and cannot become an Arroyo message to the
     * exception handler as {@link #reject} does, with the error as phrased by the transport and the message's text
     * form as its one frame in {@code CamelArroyoRawFrames}; releases the exchange.
     */
    protected final void rejectDescribed(Exchange exchange, String received, RuntimeException error) {
        handOver(exchange, List.of(received.getBytes(StandardCharsets.UTF_8)), error);
    }

    private void handOver(Exchange exchange, List<byte[]> copies, RuntimeException error) {
        stats.countError();
        lastError = error.getMessage();
        try {
            exchange.getIn().setBody(copies.size() == 1 ? copies.get(0) : List.copyOf(copies));
            exchange.getIn().setHeader(ArroyoConstants.RAW_FRAMES, List.copyOf(copies));
            exchange.getIn().setHeader(ArroyoConstants.CODEC, codecName);
            exchange.setException(error);
            getExceptionHandler().handleException(error.getMessage(), exchange, error);
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /**
     * Routes the exchange asynchronously; when it completes Camel's consumer callback hands a failure to the
     * exception handler and releases the exchange. Never throws: the receive loop goes on.
     */
    protected final void dispatch(Exchange exchange) {
        extractTraceContext(exchange);
        AsyncCallback done = defaultConsumerCallback(exchange, true);
        try {
            getAsyncProcessor().process(exchange, done);
        } catch (Exception e) {
            // an async processor reports through the exchange; guard anyway so the loop never dies
            exchange.setException(e);
            done.done(true);
        }
    }

    /**
     * Routes each message in its own exchange, in order, as {@link #dispatch} does: the first in {@code exchange},
     * the others in new exchanges with the same headers (copied before any is routed). Never throws.
     */
    protected final void dispatchAll(Exchange exchange, List<ArroyoMessage> messages) {
        if (messages.size() == 1) {
            setBody(exchange, messages.get(0));
            dispatch(exchange);
            return;
        }
        Exchange[] exchanges = new Exchange[messages.size()];
        exchanges[0] = exchange;
        for (int i = 1; i < exchanges.length; i++) {
            exchanges[i] = newExchange();
            ((DeferredHeadersMessage) exchange.getIn()).copyHeadersTo((DeferredHeadersMessage) exchanges[i].getIn());
        }
        for (int i = 0; i < exchanges.length; i++) {
            setBody(exchanges[i], messages.get(i));
            dispatch(exchanges[i]);
        }
    }

    /**
     * Routes the exchange and waits for it, for transports that acknowledge what the route finished. A failure goes
     * to the exception handler; the exchange is released.
     *
     * @return true when the exchange completed without an exception (one handled by an error handler counts)
     */
    protected final boolean dispatchAndWait(Exchange exchange) {
        try {
            extractTraceContext(exchange);
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            Exception failure = exchange.getException();
            if (failure != null) {
                getExceptionHandler().handleException(describe() + " failed to process a message", exchange, failure);
            }
            return failure == null;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /**
     * With a tracer active, a message's trace context becomes the exchange's {@code traceparent} / {@code tracestate}
     * headers before the route begins, so the route's span is a child of the sender's. A batch (a list body) carries
     * one context per message and starts a trace of its own.
     */
    private void extractTraceContext(Exchange exchange) {
        if (tracing && exchange.getIn().getBody() instanceof ArroyoMessage message) {
            TraceContext.extract(message, exchange.getIn());
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
}
