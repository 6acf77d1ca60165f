package org.arroyo.camel.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.apache.camel.Processor;

/**
 * Pops the list's oldest entry (BRPOP, the producer LPUSHes) with a bounded timeout and processes it. At-most-once:
 * an entry is removed when popped, so a failed exchange goes to the error handler and is not retried from Redis, and
 * an entry popped by a consumer that crashes is lost. Use stream mode when nothing may be lost.
 */
final class ArroyoRedisListConsumer extends ArroyoRedisConsumerSupport {

    private volatile StatefulRedisConnection<byte[], byte[]> connection;

    ArroyoRedisListConsumer(ArroyoRedisEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    protected void connect() {
        connection = endpoint.client().connect(ByteArrayCodec.INSTANCE, endpoint.redisUri());
    }

    @Override
    protected StatefulConnection<?, ?> connection() {
        return connection;
    }

    @Override
    protected boolean poll() throws Exception {
        double seconds = Math.max(0.01, config.getBlockTimeout() / 1000.0);
        KeyValue<byte[], byte[]> popped = await(connection.async().brpop(seconds, endpoint.nameBytes()));
        if (popped != null && popped.hasValue()) {
            byte[] value = popped.getValue();
            process(() -> ArroyoRedisFrames.unpack(value, endpoint.unpacksFrames()), value,
                    exchange -> exchange.getMessage().setHeader(ArroyoRedisConstants.KEY, endpoint.getName()));
        }
        return true;
    }
}
