package org.arroyo.camel.bench.redis;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.service.ServiceHelper;
import org.arroyo.camel.bench.Alternation;
import org.arroyo.camel.bench.Mode;
import org.arroyo.camel.bench.Ports;
import org.arroyo.camel.bench.Row;

/**
 * Scenario 3, Redis: PUBLISH and XADD producers with the same window of unanswered commands (pipelining), and a
 * stream consumer group reading and acknowledging (XREADGROUP COUNT 100, XACK per batch not awaited, the next batch
 * read ahead after a full one), arroyo-redis against Lettuce used directly with the same pipelining. Payload 1 KiB,
 * raw codec (the value on the wire is the payload itself).
 */
public final class RedisScenario {

    static final int SIZE = 1024;
    static final int WINDOW = 128;
    static final int BATCH = 100;
    static final long TIMEOUT_MILLIS = 60_000;

    private final Mode mode;
    private final int port;
    private final RedisClient client;
    private final CamelContext camel = new DefaultCamelContext();
    private final byte[] payload = new byte[SIZE];
    private final AtomicInteger keys = new AtomicInteger();

    private RedisScenario(Mode mode, int port) {
        this.mode = mode;
        this.port = port;
        this.client = RedisClient.create(RedisURI.create("127.0.0.1", port));
    }

    public static void run(Mode mode, Consumer<Row> out) {
        String label = Ports.sizeLabel(SIZE);
        try (RedisServer server = RedisServer.start()) {
            RedisScenario s = new RedisScenario(mode, server.port());
            try {
                s.camel.start();
                s.measure(out, label);
            } finally {
                s.camel.stop();
                s.client.shutdown(0, 2, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            out.accept(Row.failed("redis", label, String.valueOf(e.getMessage())));
        }
    }

    private void measure(Consumer<Row> out, String label) throws Exception {
        List<String> variants = List.of("raw", "ours");
        for (String command : List.of("PUBLISH", "XADD")) {
            try {
                warmUp(variants, v -> produce(v, command));
                Map<String, Map<String, Double>> m = Alternation.run(variants, mode.noisyRounds(),
                        v -> produce(v, command));
                String scenario = "redis producer " + command + " (window " + WINDOW + ")";
                out.accept(new Row(scenario, label, "msgs/s", m.get("ours").get("msgs/s"), m.get("raw").get("msgs/s")));
                out.accept(spread(scenario, label, m, "ours"));
            } catch (Exception e) {
                out.accept(Row.failed("redis producer " + command, label, String.valueOf(e.getMessage())));
            }
        }
        try {
            // "batching": the same consumer with batching=true, each read one exchange with a List body
            List<String> groupVariants = List.of("raw", "ours", "batching");
            warmUp(groupVariants, this::consumeGroup);
            Map<String, Map<String, Double>> m = Alternation.run(groupVariants, mode.noisyRounds(),
                    this::consumeGroup);
            out.accept(new Row("redis stream group + XACK", label, "msgs/s", m.get("ours").get("msgs/s"),
                    m.get("raw").get("msgs/s")));
            out.accept(new Row("redis stream group + XACK (batching=true)", label, "msgs/s",
                    m.get("batching").get("msgs/s"), m.get("raw").get("msgs/s")));
            out.accept(spread("redis stream group + XACK", label, m, "ours"));
            out.accept(spread("redis stream group + XACK (batching=true)", label, m, "batching"));
        } catch (Exception e) {
            out.accept(Row.failed("redis stream group + XACK", label, String.valueOf(e.getMessage())));
        }
    }

    /** How far the rounds of a row ranged, (max - min) / median in percent: ours, and the raw baseline beside it. */
    private static Row spread(String scenario, String label, Map<String, Map<String, Double>> m, String ours) {
        String metric = "msgs/s" + Alternation.SPREAD;
        return new Row(scenario, label, metric + " of rounds", m.get(ours).get(metric), m.get("raw").get(metric));
    }

    /**
     * Untimed trials of each variant first, at least the mode's redisWarmupMessages in all, so the measured rounds do
     * not pay for the JIT (a quick run's trials alone are too short to get the route's path compiled).
     */
    private void warmUp(List<String> variants, Alternation.Trial trial) throws Exception {
        for (String variant : variants) {
            for (int done = 0; done < mode.redisWarmupMessages(); done += mode.redisMessages()) {
                trial.run(variant);
            }
        }
    }

    private String key(String what) {
        return "bench-" + what + "-" + keys.incrementAndGet();
    }

    /** N writes with at most WINDOW unanswered, timed from the first write to the last reply. */
    private Map<String, Double> produce(String variant, String command) throws Exception {
        int n = mode.redisMessages();
        String key = key(command.toLowerCase());
        Semaphore window = new Semaphore(WINDOW);
        AtomicLong errors = new AtomicLong();
        long t0;
        if (variant.equals("raw")) {
            try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
                RedisAsyncCommands<byte[], byte[]> redis = c.async();
                byte[] k = key.getBytes(StandardCharsets.UTF_8);
                byte[] f0 = "f0".getBytes(StandardCharsets.US_ASCII);
                t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    acquire(window);
                    var reply = command.equals("PUBLISH") ? redis.publish(k, payload) : redis.xadd(k, Map.of(f0, payload));
                    reply.whenComplete((r, e) -> {
                        if (e != null) {
                            errors.incrementAndGet();
                        }
                        window.release();
                    });
                }
                acquireAll(window);
                c.sync().del(k);
            }
        } else {
            String redisMode = command.equals("PUBLISH") ? "pubsub" : "stream";
            Endpoint endpoint = camel.getEndpoint("arroyo-redis:" + key + "?mode=" + redisMode + "&host=127.0.0.1&port="
                                                  + port + "&codec=raw&failIfUnreachable=true");
            AsyncProducer producer = endpoint.createAsyncProducer();
            ServiceHelper.startService(producer);
            try {
                t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    acquire(window);
                    Exchange exchange = endpoint.createExchange();
                    exchange.getIn().setBody(payload);
                    producer.process(exchange, doneSync -> {
                        if (exchange.getException() != null) {
                            errors.incrementAndGet();
                        }
                        window.release();
                    });
                }
                acquireAll(window);
            } finally {
                ServiceHelper.stopService(producer);
            }
            try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
                c.sync().del(key.getBytes(StandardCharsets.UTF_8));
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        if (errors.get() > 0) {
            throw new IllegalStateException(variant + " " + command + ": " + errors.get() + " writes failed");
        }
        return Map.of("msgs/s", n / secs);
    }

    /** Fills a fresh stream with N entries, then times one group consumer reading and acknowledging all of them. */
    private Map<String, Double> consumeGroup(String variant) throws Exception {
        int n = mode.redisMessages();
        String key = key("stream");
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] group = "g".getBytes(StandardCharsets.US_ASCII);
        try (StatefulRedisConnection<byte[], byte[]> fill = client.connect(ByteArrayCodec.INSTANCE)) {
            Semaphore window = new Semaphore(WINDOW);
            Map<byte[], byte[]> entry = Map.of("f0".getBytes(StandardCharsets.US_ASCII), payload);
            for (int i = 0; i < n; i++) {
                acquire(window);
                fill.async().xadd(k, entry).whenComplete((r, e) -> window.release());
            }
            acquireAll(window);
        }
        double secs = variant.equals("raw") ? rawGroup(k, group, n) : ourGroup(key, n, variant.equals("batching"));
        try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
            long pending = c.sync().xpending(k, group).getCount();
            c.sync().del(k);
            if (pending != 0) {
                throw new IllegalStateException(variant + ": " + pending + " entries left unacknowledged");
            }
        }
        return Map.of("msgs/s", n / secs);
    }

    private double rawGroup(byte[] k, byte[] group, int n) throws Exception {
        long t0 = 0;
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
            var redis = c.sync();
            redis.xgroupCreate(XReadArgs.StreamOffset.from(k, "0"), group, XGroupCreateArgs.Builder.mkstream());
            RedisFuture<Long> acked = null;
            RedisFuture<List<StreamMessage<byte[], byte[]>>> ahead = null;
            var me = io.lettuce.core.Consumer.from(group, "raw".getBytes(StandardCharsets.US_ASCII));
            AtomicLong seen = new AtomicLong();
            int done = 0;
            while (done < n) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("raw group read " + done + " of " + n + " within the timeout");
                }
                List<StreamMessage<byte[], byte[]>> batch = ahead != null
                        ? ahead.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                        : redis.xreadgroup(me, XReadArgs.Builder.count(BATCH).block(100),
                                XReadArgs.StreamOffset.lastConsumed(k));
                // a full batch: read the next one ahead, as arroyo-redis does
                ahead = batch.size() == BATCH ? c.async().xreadgroup(me, XReadArgs.Builder.count(BATCH),
                        XReadArgs.StreamOffset.lastConsumed(k)) : null;
                if (batch.isEmpty()) {
                    continue;
                }
                if (t0 == 0) {
                    t0 = System.nanoTime(); // from the first entry read, like ours
                }
                String[] ids = new String[batch.size()];
                for (int i = 0; i < ids.length; i++) {
                    seen.addAndGet(batch.get(i).getBody().size()); // touch the entry like a consumer would
                    ids[i] = batch.get(i).getId();
                }
                // not awaited, pipelined ahead of the next read: the same pipelining as arroyo-redis
                acked = c.async().xack(k, group, ids);
                done += ids.length;
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            if (acked != null) {
                acked.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS); // before the pending count is checked
            }
            return secs;
        }
    }

    private double ourGroup(String key, int n, boolean batching) throws Exception {
        AtomicInteger count = new AtomicInteger();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        String routeId = "group-" + key;
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:" + key + "?mode=stream&group=g&startId=0&batchSize=" + BATCH
                     + "&blockTimeout=100&host=127.0.0.1&port=" + port + "&codec=raw&batching=" + batching)
                        .routeId(routeId).process(e -> {
                            // timed from the first entry to the last, like the raw loop: connecting is not measured
                            int entries = e.getMessage().getBody() instanceof List<?> many ? many.size() : 1;
                            if (count.getAndAdd(entries) == 0) {
                                first.set(System.nanoTime());
                            }
                            last.set(System.nanoTime());
                        });
            }
        });
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        try {
            while (count.get() < n) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("arroyo-redis group read " + count.get() + " of " + n
                                                    + " within the timeout");
                }
                Thread.sleep(1);
            }
            // the last batch's XACK follows its last exchange: wait until nothing is pending
            try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
                byte[] k = key.getBytes(StandardCharsets.UTF_8);
                while (c.sync().xpending(k, "g".getBytes(StandardCharsets.US_ASCII)).getCount() > 0) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException("arroyo-redis left entries unacknowledged");
                    }
                    Thread.sleep(1);
                }
            }
            return (last.get() - first.get()) / 1e9 * n / (n - 1.0);
        } finally {
            camel.getRouteController().stopRoute(routeId, 10, TimeUnit.SECONDS);
            camel.removeRoute(routeId);
        }
    }

    private static void acquire(Semaphore window) throws InterruptedException {
        if (!window.tryAcquire(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("no Redis reply within " + TIMEOUT_MILLIS / 1000 + " s");
        }
    }

    private static void acquireAll(Semaphore window) throws InterruptedException {
        if (!window.tryAcquire(WINDOW, TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("replies missing after " + TIMEOUT_MILLIS / 1000 + " s");
        }
        window.release(WINDOW);
    }
}
