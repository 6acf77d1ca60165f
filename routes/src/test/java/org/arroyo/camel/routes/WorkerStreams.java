package org.arroyo.camel.routes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.message.Event;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The workers tests' view of Redis: fills a frames stream with numbered events as a detector's bridge would, and reads
 * what the workers wrote (lengths, pending entries per consumer, frame numbers and their counts, entry times).
 */
final class WorkerStreams implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;

    WorkerStreams(int port) {
        RedisURI uri = RedisURI.create("127.0.0.1", port);
        uri.setTimeout(Duration.ofSeconds(10));
        client = RedisClient.create(uri);
        connection = client.connect(ByteArrayCodec.INSTANCE);
    }

    /** Events with frame_number 0..n-1, msgpack-encoded as the workers read them, written pipelined. */
    void fill(String stream, int n) throws Exception {
        MsgpackCodec codec = new MsgpackCodec();
        RedisAsyncCommands<byte[], byte[]> redis = connection.async();
        List<RedisFuture<String>> sent = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            List<ByteBuffer> frames = codec.encode(Event.ofMetadata(Map.of("frame_number", i, "detector", "sim")));
            assertEquals(1, frames.size());
            sent.add(redis.xadd(bytes(stream), Map.of(bytes("f0"), toArray(frames.get(0)))));
            if (sent.size() == 1000 || i == n - 1) {
                for (RedisFuture<String> f : sent) {
                    f.get(10, TimeUnit.SECONDS);
                }
                sent.clear();
            }
        }
    }

    long length(String stream) {
        return connection.sync().xlen(bytes(stream));
    }

    /** Entries delivered to the group and not acknowledged; 0 before the group exists. */
    long pending(String stream, String group) {
        RedisCommands<byte[], byte[]> redis = connection.sync();
        if (redis.exists(bytes(stream)) == 0 || redis.xinfoGroups(bytes(stream)).isEmpty()) {
            return 0;
        }
        return redis.xpending(bytes(stream), bytes(group)).getCount();
    }

    /** The group's consumers, each with the number of entries it holds unacknowledged. */
    Map<String, Long> consumers(String stream, String group) {
        Map<String, Long> byName = new HashMap<>();
        RedisCommands<byte[], byte[]> redis = connection.sync();
        if (redis.exists(bytes(stream)) == 0 || redis.xinfoGroups(bytes(stream)).isEmpty()) {
            return byName;
        }
        for (Object info : redis.xinfoConsumers(bytes(stream), bytes(group))) {
            List<?> fields = (List<?>) info;
            String name = null;
            long pending = 0;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                String field = text(fields.get(i));
                if (field.equals("name")) {
                    name = text(fields.get(i + 1));
                } else if (field.equals("pending")) {
                    pending = (Long) fields.get(i + 1);
                }
            }
            byName.put(name, pending);
        }
        return byName;
    }

    /** The stream's entry ids, oldest first. */
    List<String> ids(String stream) {
        List<String> ids = new ArrayList<>();
        for (StreamMessage<byte[], byte[]> m : range(stream)) {
            ids.add(m.getId());
        }
        return ids;
    }

    /** How often each frame_number occurs in the stream. */
    Map<Long, Integer> frameCounts(String stream) {
        MessageDecoder decoder = new MsgpackCodec().newDecoder();
        Map<Long, Integer> counts = new HashMap<>();
        for (StreamMessage<byte[], byte[]> m : range(stream)) {
            Event event = (Event) decoder.decode(List.of(ByteBuffer.wrap(field(m, "f0"))));
            counts.merge(((Number) event.getMetadata().get("frame_number")).longValue(), 1, Integer::sum);
        }
        return counts;
    }

    /** Deletes every key that starts with the prefix. */
    void deleteAll(String prefix) {
        RedisCommands<byte[], byte[]> redis = connection.sync();
        List<byte[]> keys = redis.keys(bytes(prefix + "*"));
        if (!keys.isEmpty()) {
            redis.del(keys.toArray(byte[][]::new));
        }
    }

    /** Entries per second between the i-th and the j-th entry, from the times Redis put in their ids. */
    static double rate(List<String> ids, int i, int j) {
        return (j - i) * 1000.0 / Math.max(1, millis(ids.get(j)) - millis(ids.get(i)));
    }

    private static long millis(String id) {
        return Long.parseLong(id.substring(0, id.indexOf('-')));
    }

    private List<StreamMessage<byte[], byte[]>> range(String stream) {
        List<StreamMessage<byte[], byte[]>> all = new ArrayList<>();
        Range<String> rest = Range.create("-", "+");
        while (true) {
            List<StreamMessage<byte[], byte[]>> page = connection.sync().xrange(bytes(stream), rest, Limit.from(5000));
            all.addAll(page);
            if (page.size() < 5000) {
                return all;
            }
            // exclusive start: the entry after the last one read
            rest = Range.from(Range.Boundary.excluding(page.get(page.size() - 1).getId()),
                    Range.Boundary.unbounded());
        }
    }

    /** A field of an entry (byte[] keys: no lookup by equality). */
    private static byte[] field(StreamMessage<byte[], byte[]> entry, String name) {
        for (Map.Entry<byte[], byte[]> f : entry.getBody().entrySet()) {
            if (text(f.getKey()).equals(name)) {
                return f.getValue();
            }
        }
        throw new AssertionError("entry " + entry.getId() + " has no field " + name);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
