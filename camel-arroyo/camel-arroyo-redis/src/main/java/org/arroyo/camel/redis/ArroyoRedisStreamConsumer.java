package org.arroyo.camel.redis;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
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
import io.lettuce.core.models.stream.PendingMessage;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.support.PoisonMessageException;
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
 * An entry delivered more than {@code maxDeliveries} times (Redis' own delivery counter, so deliveries to consumers
 * that crashed on it count) is not routed again: it goes to the exception handler as a
 * {@link PoisonMessageException} and is acknowledged. An entry that cannot be decoded goes to the exception handler
 * at once and is acknowledged (it stays in the stream until trimmed).
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
    private final StreamAcks acks = new StreamAcks();
    private final byte[] payloadField;

    ArroyoRedisStreamConsumer(ArroyoRedisEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.key = endpoint.nameBytes();
        this.group = config.getGroup().getBytes(StandardCharsets.UTF_8);
        this.consumerName = config.getConsumerName() != null
                ? config.getConsumerName()
                : "arroyo-" + ManagementFactory.getRuntimeMXBean().getName() + "-" + COUNTER.incrementAndGet();
        this.payloadField = config.getPayloadField() == null ? null
                : config.getPayloadField().getBytes(StandardCharsets.UTF_8);
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
        acks.reset();
        resetDecoder();
    }

    /** The headers of an exchange made from stream entries; id is the (last) entry's. */
    private void entryHeaders(Exchange exchange, String id, boolean redelivered, long deliveries) {
        defer(exchange, ArroyoRedisConstants.KEY, endpoint.getName());
        defer(exchange, ArroyoRedisConstants.STREAM_ID, id);
        defer(exchange, ArroyoRedisConstants.GROUP, config.getGroup());
        defer(exchange, ArroyoRedisConstants.REDELIVERED, redelivered);
        defer(exchange, ArroyoRedisConstants.DELIVERY_COUNT, deliveries);
    }

    /**
     * The entry's message, or null: nothing to route yet, or the entry was rejected (it does not hold frames, or the
     * codec refused them) and went to the exception handler in an exchange {@code forRejection} makes.
     */
    private ArroyoMessage decodeEntry(Map<byte[], byte[]> fields, Supplier<Exchange> forRejection) {
        List<ByteBuffer> frames;
        try {
            frames = payloadField == null ? ArroyoRedisFrames.fromFields(fields)
                    : ArroyoRedisFrames.fromPayloadField(fields, payloadField, endpoint.unpacksFrames());
        } catch (RuntimeException e) {
            rejectReceived(forRejection.get(), ArroyoRedisFrames.values(fields), e);
            return null;
        }
        ArroyoMessage message = decode(decoder, frames, forRejection);
        if (payloadField != null && message instanceof Event event && fields.size() > 1) {
            // the entry's other fields are the event's metadata, where the codec's own metadata does not say
            Map<String, Object> metadata = new LinkedHashMap<>(ArroyoRedisFrames.otherFields(fields, payloadField));
            metadata.putAll(event.getMetadata());
            return event.withMetadata(metadata);
        }
        return message;
    }

    /** How often each of these (redelivered) entries has been delivered, from the group's pending list. */
    private Map<String, Long> deliveries(RedisAsyncCommands<byte[], byte[]> redis,
                                         List<StreamMessage<byte[], byte[]>> entries)
            throws Exception {
        if (entries.isEmpty() || config.getMaxDeliveries() <= 0) {
            return Map.of();
        }
        List<PendingMessage> pending = await(redis.xpending(key, group,
                Range.create(entries.get(0).getId(), entries.get(entries.size() - 1).getId()),
                Limit.from(entries.size() * 2L)));
        Map<String, Long> counts = new HashMap<>();
        for (PendingMessage p : pending) {
            counts.put(p.getId(), p.getRedeliveryCount());
        }
        return counts;
    }

    /** Hands an entry no route finished within maxDeliveries to the exception handler; the caller acknowledges it. */
    private void giveUp(StreamMessage<byte[], byte[]> entry, long deliveries, boolean redelivered) {
        Exchange exchange = newExchange();
        entryHeaders(exchange, entry.getId(), redelivered, deliveries);
        LOG.warn("{}: giving up on stream entry {} after {} deliveries (maxDeliveries={}); acknowledging it",
                describe(), entry.getId(), deliveries, config.getMaxDeliveries());
        rejectReceived(exchange, ArroyoRedisFrames.values(entry.getBody()),
                new PoisonMessageException("stream entry " + entry.getId() + " of " + endpoint.getName()
                                           + " was delivered " + deliveries + " times (maxDeliveries="
                                           + config.getMaxDeliveries() + ") without the route completing it",
                        deliveries));
    }

    /** Creates the group (and the stream) at startId unless it exists. */
    private void createGroup(RedisAsyncCommands<byte[], byte[]> redis) throws Exception {
        try {
            await(redis.xgroupCreate(StreamOffset.from(key, config.getStartId()), group,
                    new XGroupCreateArgs().mkstream(true)));
            LOG.debug("{}: created group {} at {}", describe(), config.getGroup(),
                    config.getStartId());
        } catch (RedisBusyException e) {
            LOG.debug("{}: group {} exists", describe(), config.getGroup());
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
                LOG.debug("{}: {} claimed {} idle entries", describe(), consumerName,
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
                            boolean redelivered)
            throws Exception {
        Map<String, Long> deliveries = redelivered ? deliveries(redis, entries) : Map.of();
        // batching: the entries that decoded, routed together after the loop
        List<ArroyoMessage> together = new ArrayList<>();
        List<String> togetherIds = new ArrayList<>();
        long togetherDeliveries = 1;
        for (StreamMessage<byte[], byte[]> entry : entries) {
            if (!running) {
                break;
            }
            String id = entry.getId();
            if (entry.getBody() == null) {
                LOG.debug("{}: pending entry {} was deleted from the stream; acknowledging it", describe(), id);
                acks.handled(id, true, false);
                continue;
            }
            long delivered = deliveries.getOrDefault(id, 1L);
            if (config.getMaxDeliveries() > 0 && delivered > config.getMaxDeliveries()) {
                giveUp(entry, delivered, redelivered);
                acks.handled(id, true, false);
                continue;
            }
            ArroyoMessage message = decodeEntry(entry.getBody(), () -> {
                Exchange rejected = newExchange();
                entryHeaders(rejected, id, redelivered, delivered);
                return rejected;
            });
            if (message == null) {
                acks.handled(id, true, decoder.isAwaitingPart());
            } else if (config.isBatching()) {
                together.add(message);
                acks.idsOfMessage(id, togetherIds);
                togetherDeliveries = Math.max(togetherDeliveries, delivered);
            } else {
                Exchange exchange = newExchange();
                entryHeaders(exchange, id, redelivered, delivered);
                setBody(exchange, message);
                acks.handled(id, dispatchAndWait(exchange), false);
            }
        }
        if (!together.isEmpty() && running) {
            Exchange exchange = newExchange();
            entryHeaders(exchange, togetherIds.get(togetherIds.size() - 1), redelivered, togetherDeliveries);
            defer(exchange, ArroyoRedisConstants.STREAM_IDS, List.copyOf(togetherIds));
            setBody(exchange, together);
            if (dispatchAndWait(exchange)) {
                acks.settled(togetherIds);
            }
        }
        String[] done = acks.takeDone();
        if (done.length > 0) {
            // not awaited: it is pipelined ahead of the next read on this connection, and an acknowledgement that
            // fails only leaves entries pending, to be delivered again (at-least-once either way)
            redis.xack(key, group, done).whenComplete((acked, error) -> {
                if (error != null) {
                    LOG.warn("{}: acknowledging {} entries failed; they stay pending and are delivered again: {}",
                            describe(), done.length, describe(error));
                }
            });
        }
    }
}
