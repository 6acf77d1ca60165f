package org.arroyo.camel.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.metrics.ArroyoMetrics;
import org.arroyo.camel.metrics.ArroyoStats;
import org.arroyo.camel.metrics.ArroyoStatsSource;
import org.arroyo.camel.message.Event;
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
    private volatile StatefulRedisConnection<byte[], ByteBuffer> connection;

    ArroyoRedisProducer(ArroyoRedisEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.xaddArgs = xaddArgs(config);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        metrics = ArroyoMetrics.bind(endpoint.getCamelContext(), this, endpoint.getEndpointUri());
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
                        throw new IllegalStateException("arroyo-redis:" + endpoint.getName()
                                                        + ": cannot connect to Redis at " + config.describeAddress()
                                                        + ": " + ArroyoRedisConsumerSupport.describe(e),
                                e);
                    }
                    LOG.debug("arroyo-redis:{}: producer connected to {}", endpoint.getName(),
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
            List<ByteBuffer> frames = endpoint.codec().encode(toMessage(exchange));
            if (frames.isEmpty()) {
                callback.done(true);
                return true;
            }
            Message in = exchange.getMessage();
            // hasHeaders first: getHeader would build an empty header map for every message that has none
            String header = in.hasHeaders() ? in.getHeader(ArroyoRedisConstants.DESTINATION, String.class) : null;
            String destination = header != null ? header : endpoint.getName();
            byte[] dest = header != null ? header.getBytes(StandardCharsets.UTF_8) : endpoint.nameBytes();
            RedisAsyncCommands<byte[], ByteBuffer> redis = connection().async();
            RedisFuture<?> reply = switch (config.getMode()) {
                case pubsub -> redis.publish(dest, ArroyoRedisFrames.packView(frames));
                case list -> redis.lpush(dest, ArroyoRedisFrames.packView(frames));
                case stream -> redis.xadd(dest, xaddArgs, ArroyoRedisFrames.toFieldViews(frames));
            };
            long size = ArroyoRedisFrames.size(frames);
            reply.whenComplete((result, error) -> {
                if (error == null) {
                    stats.message(size);
                } else {
                    stats.error();
                }
                if (error != null) {
                    exchange.setException(new CamelExchangeException(
                            "arroyo-redis:" + endpoint.getName() + ": writing to " + config.getMode() + " '"
                                                                     + destination + "' at "
                                                                     + config.describeAddress() + " failed: "
                                                                     + ArroyoRedisConsumerSupport.describe(error),
                            exchange, error));
                } else if (config.getMode() == ArroyoRedisMode.stream) {
                    exchange.getMessage().setHeader(ArroyoRedisConstants.STREAM_ID, result);
                }
                callback.done(false);
            });
            return false;
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }

    /** The XADD options, the same for every write (Lettuce only reads them). */
    private static XAddArgs xaddArgs(ArroyoRedisConfiguration config) {
        XAddArgs args = new XAddArgs();
        if (config.getMaxLen() > 0) {
            args.maxlen(config.getMaxLen()).approximateTrimming();
        }
        return args;
    }

    private static ArroyoMessage toMessage(Exchange exchange) throws InvalidPayloadException {
        Object body = exchange.getMessage().getBody();
        if (body instanceof ArroyoMessage message) {
            return message;
        }
        if (body instanceof byte[] bytes) {
            return Event.ofBytes(bytes);
        }
        if (body instanceof String text) {
            return Event.ofBytes(text.getBytes(StandardCharsets.UTF_8));
        }
        if (body instanceof ByteBuffer buffer) {
            return Event.ofBytes(Map.of(), buffer);
        }
        if (body != null) {
            ArroyoMessage converted = exchange.getContext().getTypeConverter().tryConvertTo(ArroyoMessage.class,
                    exchange, body);
            if (converted != null) {
                return converted;
            }
        }
        byte[] bytes = exchange.getMessage().getMandatoryBody(byte[].class);
        return Event.ofBytes(bytes);
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
