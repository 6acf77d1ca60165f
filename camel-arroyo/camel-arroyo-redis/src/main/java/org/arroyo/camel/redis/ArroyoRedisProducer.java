package org.arroyo.camel.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.arroyo.camel.codec.PackedFrames;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.metrics.ArroyoMetrics;
import org.arroyo.camel.metrics.ArroyoStats;
import org.arroyo.camel.metrics.ArroyoStatsSource;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.support.ProducerBodies;
import org.arroyo.camel.support.TraceContextInjector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes the body with the endpoint's codec and writes it without waiting for Redis' reply (PUBLISH, XADD or
 * LPUSH on one pipelined connection); the exchange completes, or fails with the Redis error, when the reply
 * arrives. While the connection is down Lettuce buffers the writes and sends them after it reconnects; a write not
 * answered within {@code commandTimeout} fails its exchange. A message the codec writes as no frames (the raw codec
 * and Start/Stop) is not sent.
 * <p>
 * Callers that do not wait for each exchange (several threads, or an asynchronous caller) get Redis pipelining: many
 * writes on the wire before the first reply. The rest of the route continues on Lettuce's I/O thread when the reply
 * arrives, so steps after this producer must not block on another Redis reply.
 */
final class ArroyoRedisProducer extends DefaultAsyncProducer implements ArroyoStatsSource {

    private final ArroyoStats stats = new ArroyoStats();
    private ArroyoMetrics.Binding metrics;

    private static final Logger LOG = LoggerFactory.getLogger(ArroyoRedisProducer.class);

    private final ArroyoRedisEndpoint endpoint;
    private final ArroyoRedisConfiguration config;
    private final XAddArgs xaddArgs;
    private final byte[] payloadField;
    private final Target ownTarget;
    private volatile StatefulRedisConnection<byte[], ByteBuffer> connection;
    private TraceContextInjector traceContext = TraceContextInjector.OFF;

    ArroyoRedisProducer(ArroyoRedisEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.xaddArgs = xaddArgs(config);
        this.payloadField = config.getPayloadField() == null ? null
                : config.getPayloadField().getBytes(StandardCharsets.UTF_8);
        this.ownTarget = new Target(endpoint.getName(), endpoint.nameBytes());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        metrics = ArroyoMetrics.bind(endpoint.getCamelContext(), this, endpoint.getEndpointUri());
        traceContext = TraceContextInjector.of(endpoint.getCamelContext(), endpoint.codec());
        if (config.isFailIfUnreachable()) {
            connection();
        }
    }

    @Override
    protected void doStop() throws Exception {
        StatefulRedisConnection<byte[], ByteBuffer> c = connection;
        connection = null;
        if (c != null) {
            c.close();
        }
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
        super.doStop();
    }

    private StatefulRedisConnection<byte[], ByteBuffer> connection() {
        StatefulRedisConnection<byte[], ByteBuffer> c = connection;
        if (c == null) {
            synchronized (this) {
                c = connection;
                if (c == null) {
                    try {
                        c = endpoint.client().connect(FrameValueCodec.INSTANCE, endpoint.redisUri());
                    } catch (RuntimeException e) {
                        throw new IllegalStateException(endpoint.describe() + ": cannot connect to Redis at "
                                                        + config.describeAddress() + ": "
                                                        + ArroyoRedisConsumerSupport.describe(e),
                                e);
                    }
                    LOG.debug("{}: producer connected to {}", endpoint.describe(),
                            config.describeAddress());
                    connection = c;
                }
            }
        }
        return c;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            ArroyoMessage one = ProducerBodies.single(exchange);
            Message in = exchange.getMessage();
            // hasHeaders first: getHeader would build an empty header map for every message that has none
            String header = in.hasHeaders() ? in.getHeader(ArroyoRedisConstants.DESTINATION, String.class) : null;
            Target target = header != null ? new Target(header, header.getBytes(StandardCharsets.UTF_8)) : ownTarget;
            RedisAsyncCommands<byte[], ByteBuffer> redis = connection().async();
            if (one != null) {
                return write(redis, target, one, exchange, callback);
            }
            return writeAll(redis, target, ProducerBodies.messages(exchange), exchange, callback);
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }

    /** Where a message goes: the endpoint's name or the destination header. */
    private record Target(String name, byte[] key) {
    }

    /** The common case, one message: one command, no lists built around it. */
    private boolean write(RedisAsyncCommands<byte[], ByteBuffer> redis, Target target, ArroyoMessage message,
                          Exchange exchange, AsyncCallback callback) {
        message = traceContext.apply(exchange, message);
        List<ByteBuffer> frames = endpoint.codec().encode(message);
        if (frames.isEmpty()) {
            callback.done(true);
            return true;
        }
        long size = PackedFrames.size(frames);
        send(redis, target, message, frames).whenComplete((result, error) -> {
            if (error != null) {
                stats.countError();
                fail(exchange, target, error);
            } else {
                stats.countMessage(size);
                if (config.getMode() == ArroyoRedisMode.stream) {
                    exchange.getMessage().setHeader(ArroyoRedisConstants.STREAM_ID, result);
                }
            }
            callback.done(false);
        });
        return false;
    }

    /**
     * Several messages (an operator's results, a consumer's batch): all commands are written at once, pipelined, in
     * order; the exchange completes when every reply is in, and fails with the first error.
     */
    private boolean writeAll(RedisAsyncCommands<byte[], ByteBuffer> redis, Target target,
                             List<ArroyoMessage> messages, Exchange exchange, AsyncCallback callback) {
        List<RedisFuture<?>> replies = new ArrayList<>(messages.size());
        for (ArroyoMessage original : messages) {
            ArroyoMessage message = traceContext.apply(exchange, original);
            List<ByteBuffer> frames = endpoint.codec().encode(message);
            if (!frames.isEmpty()) {
                long size = PackedFrames.size(frames);
                replies.add(send(redis, target, message, frames));
                replies.get(replies.size() - 1).whenComplete((result, error) -> {
                    if (error == null) {
                        stats.countMessage(size);
                    } else {
                        stats.countError();
                    }
                });
            }
        }
        if (replies.isEmpty()) {
            callback.done(true);
            return true;
        }
        CompletableFuture.allOf(replies.stream().map(RedisFuture::toCompletableFuture)
                .toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
                    if (error != null) {
                        fail(exchange, target, error instanceof CompletionException ce ? ce.getCause() : error);
                    } else if (config.getMode() == ArroyoRedisMode.stream) {
                        List<String> ids = new ArrayList<>(replies.size());
                        for (RedisFuture<?> reply : replies) {
                            ids.add((String) reply.toCompletableFuture().join());
                        }
                        exchange.getMessage().setHeader(ArroyoRedisConstants.STREAM_ID, ids.get(ids.size() - 1));
                        exchange.getMessage().setHeader(ArroyoRedisConstants.STREAM_IDS, ids);
                    }
                    callback.done(false);
                });
        return false;
    }

    /** Writes one encoded message without waiting for the reply. */
    private RedisFuture<?> send(RedisAsyncCommands<byte[], ByteBuffer> redis, Target target, ArroyoMessage message,
                                List<ByteBuffer> frames) {
        return switch (config.getMode()) {
            case pubsub -> redis.publish(target.key(), PackedFrames.packView(frames));
            case list -> redis.lpush(target.key(), PackedFrames.packView(frames));
            case stream -> redis.xadd(target.key(), xaddArgs, streamFields(message, frames));
        };
    }

    /** The entry's fields: the frames as f0, f1, ...; or with payloadField the packed frames and the metadata. */
    private Map<byte[], ByteBuffer> streamFields(ArroyoMessage message, List<ByteBuffer> frames) {
        if (payloadField == null) {
            return ArroyoRedisFrames.toFieldViews(frames);
        }
        Map<byte[], ByteBuffer> fields = new LinkedHashMap<>();
        fields.put(payloadField, PackedFrames.packView(frames));
        if (config.isMetadataFields() && message instanceof Event event) {
            event.getMetadata().forEach((name, value) -> {
                if ((value instanceof CharSequence || value instanceof Number || value instanceof Boolean)
                    && !name.equals(config.getPayloadField())) {
                    fields.put(name.getBytes(StandardCharsets.UTF_8),
                            ByteBuffer.wrap(String.valueOf(value).getBytes(StandardCharsets.UTF_8)));
                }
            });
        }
        return fields;
    }

    private void fail(Exchange exchange, Target target, Throwable error) {
        exchange.setException(new CamelExchangeException(
                endpoint.describe() + ": writing to " + config.getMode() + " '" + target.name() + "' at "
                                                         + config.describeAddress() + " failed: "
                                                         + ArroyoRedisConsumerSupport.describe(error),
                exchange, error));
    }

    /** The XADD options, the same for every write (Lettuce only reads them). */
    private static XAddArgs xaddArgs(ArroyoRedisConfiguration config) {
        XAddArgs args = new XAddArgs();
        if (config.getMaxLen() > 0) {
            args.maxlen(config.getMaxLen()).approximateTrimming();
        }
        return args;
    }

    @Override
    public ArroyoStats getArroyoStats() {
        return stats;
    }

    @Override
    public Direction getArroyoDirection() {
        return Direction.SENT;
    }
}
