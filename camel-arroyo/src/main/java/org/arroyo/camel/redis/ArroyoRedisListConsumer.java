package org.arroyo.camel.redis;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.lettuce.core.LMoveArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reliable work queue (the producer LPUSHes): each entry is moved atomically (BLMOVE) from the list to this
 * consumer's own processing list {@code NAME:processing:CONSUMER}, processed, and only then removed from it. A failed
 * exchange puts its entry back at the head of the queue to be retried; entries left in the processing list by a
 * consumer that crashed are put back when a consumer of the same {@code consumerName} starts. At-least-once, given a
 * stable consumerName.
 */
final class ArroyoRedisListConsumer extends ArroyoRedisConsumerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ArroyoRedisListConsumer.class);
    private static final AtomicLong COUNTER = new AtomicLong();

    private final byte[] key;
    private final byte[] processing;
    private volatile StatefulRedisConnection<byte[], byte[]> connection;

    ArroyoRedisListConsumer(ArroyoRedisEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        String consumer = config.getConsumerName() != null
                ? config.getConsumerName()
                : "arroyo-" + ManagementFactory.getRuntimeMXBean().getName() + "-" + COUNTER.incrementAndGet();
        this.key = endpoint.nameBytes();
        this.processing = (endpoint.getName() + ":processing:" + consumer).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void connect() throws Exception {
        connection = endpoint.client().connect(ByteArrayCodec.INSTANCE, endpoint.redisUri());
        recover();
    }

    /** Puts back what a crashed predecessor of this name was processing, oldest at the head of the queue. */
    private void recover() throws Exception {
        RedisAsyncCommands<byte[], byte[]> redis = connection.async();
        int recovered = 0;
        while (await(redis.lmove(processing, key, LMoveArgs.Builder.leftRight())) != null) {
            recovered++;
        }
        if (recovered > 0) {
            LOG.warn("arroyo-redis:{} put back {} unfinished entr{} of a previous run", endpoint.getName(), recovered,
                    recovered == 1 ? "y" : "ies");
        }
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
    protected boolean poll() throws Exception {
        double seconds = Math.max(0.01, config.getBlockTimeout() / 1000.0);
        RedisAsyncCommands<byte[], byte[]> redis = connection.async();
        byte[] value = await(redis.blmove(key, processing, LMoveArgs.Builder.rightLeft(), seconds));
        if (value == null) {
            return true;
        }
        boolean ok = process(() -> ArroyoRedisFrames.unpack(value, endpoint.unpacksFrames()), value,
                in -> in.defer(ArroyoRedisConstants.KEY, endpoint.getName()));
        await(redis.lrem(processing, 1, value));
        if (!ok) {
            // back to the head of the queue (the right end BLMOVE takes from), retried after a short pause
            await(redis.rpush(key, value));
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(1000, config.getBlockTimeout())));
        }
        return true;
    }
}
