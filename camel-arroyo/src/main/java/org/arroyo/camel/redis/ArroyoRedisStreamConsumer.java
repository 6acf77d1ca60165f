package org.arroyo.camel.redis;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.models.stream.ClaimedMessages;
import org.apache.camel.Processor;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.support.DeferredHeadersMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a stream as one consumer of a consumer group (XREADGROUP), processes each entry and acknowledges (XACK) the
 * entries whose exchange completed without an exception (an exception handled by the error handler, e.g. a dead
 * letter channel, counts as completed). Entries whose exchange failed stay pending; they, and the entries of
 * consumers that died, are claimed (XAUTOCLAIM) and processed again once pending longer than {@code claimIdle}.
 * After a start or a lost connection it first re-reads its own pending entries (XREADGROUP from 0), so entries
 * delivered to it just before a failure are not left waiting for a claim.
 * <p>
 * While a backlog lasts (a read returned a full batch) the next batch is read ahead, without blocking, while the route
 * processes the current one. A stop leaves the entries read but not yet processed pending: the same consumer name
 * reads them again at its next start, or another consumer claims them after {@code claimIdle}.
 */
final class ArroyoRedisStreamConsumer extends ArroyoRedisConsumerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ArroyoRedisStreamConsumer.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String CLAIM_DONE = "0-0";

    private final byte[] key;
    private final byte[] group;
    private final String consumerName;
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private String pendingCursor = "0";
    private String claimCursor = CLAIM_DONE;
    private long nextClaim;
    private boolean groupReady;
    // the next batch, asked for while the route processes a full one
    private RedisFuture<List<StreamMessage<byte[], byte[]>>> readAhead;

    ArroyoRedisStreamConsumer(ArroyoRedisEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.key = endpoint.nameBytes();
        this.group = config.getGroup().getBytes(StandardCharsets.UTF_8);
        this.consumerName = config.getConsumerName() != null
                ? config.getConsumerName()
                : "arroyo-" + ManagementFactory.getRuntimeMXBean().getName() + "-" + COUNTER.incrementAndGet();
    }

    String consumerName() {
        return consumerName;
    }

    @Override
    protected void connect() throws Exception {
        StatefulRedisConnection<byte[], byte[]> c = endpoint.client().connect(ByteArrayCodec.INSTANCE,
                endpoint.redisUri());
        try {
            createGroup(c.async());
        } catch (Exception e) {
            c.close();
            throw e;
        }
        connection = c;
        readAhead = null;
        pendingCursor = "0"; // our own pending entries first: delivered to us before a failure or a stop
    }

    /** The headers of an exchange made from stream entries; id is the (last) entry's. */
    private void entryHeaders(DeferredHeadersMessage in, String id, boolean redelivered) {
        in.defer(ArroyoRedisConstants.KEY, endpoint.getName());
        in.defer(ArroyoRedisConstants.STREAM_ID, id);
        in.defer(ArroyoRedisConstants.GROUP, config.getGroup());
        in.defer(ArroyoRedisConstants.REDELIVERED, redelivered);
    }

    /** The entry's message, or null when it does not decode (or decodes to nothing). */
    private ArroyoMessage decodeOrNull(Map<byte[], byte[]> fields) {
        try {
            return decoder.decode(ArroyoRedisFrames.fromFields(fields));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Creates the group (and the stream) at startId unless it exists. */
    private void createGroup(RedisAsyncCommands<byte[], byte[]> redis) throws Exception {
        try {
            await(redis.xgroupCreate(StreamOffset.from(key, config.getStartId()), group,
                    new XGroupCreateArgs().mkstream(true)));
            LOG.debug("arroyo-redis:{}: created group {} at {}", endpoint.getName(), config.getGroup(),
                    config.getStartId());
        } catch (RedisBusyException e) {
            LOG.debug("arroyo-redis:{}: group {} exists", endpoint.getName(), config.getGroup());
        }
        groupReady = true;
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
    protected void onPollError(Exception error) {
        readAhead = null; // what it read is pending for us, and read back from 0 below
        pendingCursor = "0"; // entries delivered to us whose reply was lost are pending: read them back
        if (String.valueOf(error.getMessage()).startsWith("NOGROUP")) {
            groupReady = false; // the stream was deleted, or Redis restarted without persistence
        }
    }

    @Override
    protected boolean poll() throws Exception {
        RedisAsyncCommands<byte[], byte[]> redis = connection.async();
        if (!groupReady) {
            createGroup(redis);
        }
        io.lettuce.core.Consumer<byte[]> me = io.lettuce.core.Consumer.from(group, consumerName.getBytes(
                StandardCharsets.UTF_8));
        if (pendingCursor != null) {
            List<StreamMessage<byte[], byte[]>> own = await(redis.xreadgroup(me,
                    XReadArgs.Builder.count(config.getBatchSize()), StreamOffset.from(key, pendingCursor)));
            List<StreamMessage<byte[], byte[]>> entries = own == null ? List.of() : own;
            pendingCursor = entries.isEmpty() ? null : entries.get(entries.size() - 1).getId();
            processAll(redis, entries, true);
            return true;
        }
        long now = System.currentTimeMillis();
        if (config.getClaimIdle() > 0 && (now >= nextClaim || !CLAIM_DONE.equals(claimCursor))) {
            ClaimedMessages<byte[], byte[]> claimed = await(redis.xautoclaim(key, new XAutoClaimArgs<byte[]>()
                    .consumer(me).minIdleTime(config.getClaimIdle()).startId(claimCursor)
                    .count(config.getBatchSize())));
            claimCursor = claimed.getId() == null ? CLAIM_DONE : claimed.getId();
            if (CLAIM_DONE.equals(claimCursor)) {
                nextClaim = now + Math.max(100, config.getClaimIdle() / 2);
            }
            if (!claimed.getMessages().isEmpty()) {
                LOG.debug("arroyo-redis:{}: {} claimed {} idle entries", endpoint.getName(), consumerName,
                        claimed.getMessages().size());
                processAll(redis, claimed.getMessages(), true);
                return true;
            }
        }
        RedisFuture<List<StreamMessage<byte[], byte[]>>> next = readAhead;
        readAhead = null;
        if (next == null) {
            next = redis.xreadgroup(me, new XReadArgs().block(config.getBlockTimeout()).count(config.getBatchSize()),
                    StreamOffset.lastConsumed(key));
        }
        List<StreamMessage<byte[], byte[]>> fresh = await(next);
        if (fresh != null && fresh.size() >= config.getBatchSize()) {
            // a full batch: more are probably waiting. Ask for them now (without blocking) so that Redis and the
            // connection work on the next batch while the route works on this one
            readAhead = redis.xreadgroup(me, XReadArgs.Builder.count(config.getBatchSize()),
                    StreamOffset.lastConsumed(key));
        }
        processAll(redis, fresh == null ? List.of() : fresh, false);
        return true;
    }

    private void processAll(RedisAsyncCommands<byte[], byte[]> redis, List<StreamMessage<byte[], byte[]>> entries,
                            boolean redelivered) {
        List<String> done = new ArrayList<>(entries.size());
        // batching: the entries that decoded, routed together after the loop
        List<ArroyoMessage> together = new ArrayList<>();
        List<String> togetherIds = new ArrayList<>();
        long togetherBytes = 0;
        for (StreamMessage<byte[], byte[]> entry : entries) {
            if (!running) {
                break;
            }
            Map<byte[], byte[]> body = entry.getBody();
            if (body == null) {
                LOG.debug("arroyo-redis:{}: pending entry {} was deleted from the stream; acknowledging it",
                        endpoint.getName(), entry.getId());
                done.add(entry.getId());
                continue;
            }
            if (config.isBatching()) {
                ArroyoMessage message = decodeOrNull(body);
                if (message != null) {
                    together.add(message);
                    togetherIds.add(entry.getId());
                    togetherBytes += ArroyoRedisFrames.size(body);
                    continue;
                }
                // not decodable (or nothing to route): alone through process, which names the reason
            }
            byte[] first = body.isEmpty() ? new byte[0] : body.values().iterator().next();
            boolean ok = process(() -> ArroyoRedisFrames.fromFields(body), first, in -> {
                entryHeaders(in, entry.getId(), redelivered);
            });
            if (ok) {
                done.add(entry.getId());
            }
        }
        if (!together.isEmpty() && running) {
            boolean ok = processTogether(together, togetherBytes, in -> {
                entryHeaders(in, togetherIds.get(togetherIds.size() - 1), redelivered);
                in.defer(ArroyoRedisConstants.STREAM_IDS, Collections.unmodifiableList(togetherIds));
            });
            if (ok) {
                done.addAll(togetherIds);
            }
        }
        if (!done.isEmpty()) {
            // not awaited: it is pipelined ahead of the next read on this connection, and an acknowledgement that
            // fails only leaves entries pending, to be delivered again (at-least-once either way)
            int count = done.size();
            redis.xack(key, group, done.toArray(String[]::new)).whenComplete((acked, error) -> {
                if (error != null) {
                    LOG.warn("arroyo-redis:{}: acknowledging {} entries failed; they stay pending and are delivered "
                             + "again: {}", endpoint.getName(), count, describe(error));
                }
            });
        }
    }
}
