package org.arroyo.camel.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.apache.camel.Processor;
import org.arroyo.camel.codec.PackedFrames;

/**
 * Subscribes to a channel (or a pattern) on its own connection; Lettuce re-subscribes after a reconnect. Received
 * messages are processed in order on this consumer's thread, not on Lettuce's I/O thread. At-most-once: messages
 * published while the connection is down, or dropped by Redis because this consumer fell too far behind
 * (client-output-buffer-limit pubsub), are lost, as with arroyopy.
 */
final class ArroyoRedisPubSubConsumer extends ArroyoRedisConsumerSupport {

    private volatile StatefulRedisPubSubConnection<byte[], byte[]> connection;

    ArroyoRedisPubSubConsumer(ArroyoRedisEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    protected void connect() throws Exception {
        StatefulRedisPubSubConnection<byte[], byte[]> c
                = endpoint.client().connectPubSub(ByteArrayCodec.INSTANCE, endpoint.redisUri());
        try {
            c.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(byte[] channel, byte[] message) {
                    dispatch(null, channel, message);
                }

                @Override
                public void message(byte[] pattern, byte[] channel, byte[] message) {
                    dispatch(pattern, channel, message);
                }
            });
            if (config.isPattern()) {
                await(c.async().psubscribe(endpoint.nameBytes()));
            } else {
                await(c.async().subscribe(endpoint.nameBytes()));
            }
        } catch (Exception e) {
            c.close();
            throw e;
        }
        connection = c;
    }

    @Override
    protected StatefulConnection<?, ?> connection() {
        return connection;
    }

    @Override
    protected void forgetConnection() {
        connection = null;
    }

    @Override
    protected boolean poll() {
        return false; // messages arrive through the listener
    }

    private void dispatch(byte[] pattern, byte[] channel, byte[] message) {
        if (!running) {
            return;
        }
        try {
            executor().execute(() -> process(() -> PackedFrames.unpack(message, endpoint.unpacksFrames()),
                    List.of(ByteBuffer.wrap(message)), exchange -> {
                        defer(exchange, ArroyoRedisConstants.CHANNEL, new String(channel, StandardCharsets.UTF_8));
                        if (pattern != null) {
                            defer(exchange, ArroyoRedisConstants.PATTERN, new String(pattern, StandardCharsets.UTF_8));
                        }
                    }));
        } catch (RejectedExecutionException e) {
            if (running) {
                getArroyoStats().countDropped();
                getExceptionHandler().handleException(describe() + ": " + QUEUE_SIZE
                                                      + " received messages wait for the route; a message on "
                                                      + new String(channel, StandardCharsets.UTF_8)
                                                      + " is dropped (pub/sub is at-most-once)",
                        e);
            } // else stopping: dropped, as pub/sub drops messages for a listener that is gone
        } catch (RuntimeException e) {
            getExceptionHandler().handleException(describe() + ": bad pub/sub message", e);
        }
    }
}
