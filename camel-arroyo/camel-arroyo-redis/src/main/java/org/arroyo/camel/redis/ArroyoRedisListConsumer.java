package org.arroyo.camel.redis;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.lettuce.core.LMoveArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.arroyo.camel.codec.PackedFrames;
import org.arroyo.camel.support.PoisonMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reliable work queue (the producer LPUSHes): each entry is moved atomically (BLMOVE) from the list to this
 * consumer's own processing list {@code NAME:processing:CONSUMER}, processed, and only then removed from it. A failed
 * exchange moves its entry back to the head of the queue in one command (LMOVE), so at every moment the entry is in
 * one of the two lists; after {@code maxDeliveries} consecutive failures it goes to the exception handler instead.
 * Entries left in the processing list by a consumer that crashed are put back when a consumer of the same
 * {@code consumerName} starts. At-least-once, given a stable consumerName used by one consumer at a time.
 */
final class ArroyoRedisListConsumer extends ArroyoRedisConsumerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ArroyoRedisListConsumer.class);
    private static final AtomicLong COUNTER = new AtomicLong();

    private final byte[] key;
    private final byte[] processing;
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    // the entry that failed last and how many times in a row: it is at the head of the queue, taken again next
    private byte[] lastFailed;
    private int failures;

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
            LOG.warn("{} put back {} unfinished entr{} of a previous run", describe(), recovered,
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
        // BLMOVE puts the entry at the left of the processing list, where LMOVE takes it back from on failure
        byte[] value = await(redis.blmove(key, processing, LMoveArgs.Builder.rightLeft(), seconds));
        if (value == null) {
            return true;
        }
        boolean settled;
        if (exhausted(value)) {
            giveUp(value);
            settled = true;
        } else {
            settled = process(() -> PackedFrames.unpack(value, endpoint.unpacksFrames()),
                    List.of(ByteBuffer.wrap(value)), exchange -> defer(exchange, ArroyoRedisConstants.KEY,
                            endpoint.getName()));
        }
        if (settled) {
            lastFailed = null;
            await(redis.lrem(processing, 1, value));
        } else {
            countFailure(value);
            // back to the head of the queue (the right end BLMOVE takes from) in one command, retried after a pause
            await(redis.lmove(processing, key, LMoveArgs.Builder.leftRight()));
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(1000, config.getBlockTimeout())));
        }
        return true;
    }

    private boolean exhausted(byte[] value) {
        return config.getMaxDeliveries() > 0 && failures >= config.getMaxDeliveries() && lastFailed != null
               && Arrays.equals(lastFailed, value);
    }

    private void countFailure(byte[] value) {
        if (lastFailed != null && Arrays.equals(lastFailed, value)) {
            failures++;
        } else {
            lastFailed = value;
            failures = 1;
        }
    }

    private void giveUp(byte[] value) {
        LOG.warn("{}: giving up on a list entry of {} bytes after {} failed deliveries (maxDeliveries={}); removing it",
                describe(), value.length, failures, config.getMaxDeliveries());
        Exchange exchange = newExchange();
        defer(exchange, ArroyoRedisConstants.KEY, endpoint.getName());
        rejectReceived(exchange, List.of(ByteBuffer.wrap(value)),
                new PoisonMessageException("a list entry of " + endpoint.getName() + " failed " + failures
                                           + " deliveries in a row (maxDeliveries=" + config.getMaxDeliveries()
                                           + ")",
                        failures));
    }
}
