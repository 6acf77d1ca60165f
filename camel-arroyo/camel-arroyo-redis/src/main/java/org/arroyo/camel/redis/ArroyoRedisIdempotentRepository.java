package org.arroyo.camel.redis;

import java.time.Duration;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * An idempotent repository in Redis for Camel's {@code idempotentConsumer}, shared by every process of a pipeline:
 * workers of one consumer group, or a collector behind them, drop what a redelivery repeats. Each key is one Redis key
 * {@code keyPrefix:KEY}, set with {@code SET NX} (so two processes adding the same key at once: exactly one wins),
 * optionally expiring after {@code expiry} milliseconds so a stream that runs for months does not fill Redis.
 *
 * <pre>
 * - beans:
 *     - name: seenFrames
 *       type: org.arroyo.camel.redis.ArroyoRedisIdempotentRepository
 *       properties: { host: 127.0.0.1, port: 6379, keyPrefix: "arroyo:seen:run-42", expiry: 86400000 }
 * </pre>
 */
@ManagedResource(description = "Arroyo Redis idempotent repository")
public class ArroyoRedisIdempotentRepository extends ServiceSupport implements IdempotentRepository {

    private final ArroyoRedisConfiguration address = new ArroyoRedisConfiguration();
    private String keyPrefix = "arroyo:seen";
    private long expiry;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    public String getHost() {
        return address.getHost();
    }

    /** Redis host (default localhost); ignored when {@link #setUri(String) uri} is set. */
    public void setHost(String host) {
        address.setHost(host);
    }

    public int getPort() {
        return address.getPort();
    }

    /** Redis port (default 6379). */
    public void setPort(int port) {
        address.setPort(port);
    }

    public int getDatabase() {
        return address.getDatabase();
    }

    /** Redis database number (default 0). */
    public void setDatabase(int database) {
        address.setDatabase(database);
    }

    public String getUri() {
        return address.getUri();
    }

    /** A Redis URI, redis://[user:password@]host[:port][/database] or rediss://..., instead of host and port. */
    public void setUri(String uri) {
        address.setUri(uri);
    }

    public String getUsername() {
        return address.getUsername();
    }

    /** ACL user name, with {@link #setPassword(String) password}. */
    public void setUsername(String username) {
        address.setUsername(username);
    }

    public String getPassword() {
        return address.getPassword();
    }

    /** Password (AUTH). */
    public void setPassword(String password) {
        address.setPassword(password);
    }

    public boolean isSsl() {
        return address.isSsl();
    }

    /** TLS to Redis. */
    public void setSsl(boolean ssl) {
        address.setSsl(ssl);
    }

    public long getCommandTimeout() {
        return address.getCommandTimeout();
    }

    /** How long a command may take before it fails, in milliseconds (default 10000): never wait forever. */
    public void setCommandTimeout(long commandTimeout) {
        address.setCommandTimeout(commandTimeout);
    }

    @ManagedAttribute(description = "Prefix of the Redis keys")
    public String getKeyPrefix() {
        return keyPrefix;
    }

    /** Prefix of this repository's Redis keys (default arroyo:seen); give each run or pipeline its own. */
    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    @ManagedAttribute(description = "Milliseconds a key is kept, 0 for ever")
    public long getExpiry() {
        return expiry;
    }

    /** Milliseconds a key is remembered (0, the default: for ever). */
    public void setExpiry(long expiry) {
        this.expiry = expiry;
    }

    @Override
    @ManagedOperation(description = "Adds the key; false when it was there")
    public boolean add(String key) {
        SetArgs nx = SetArgs.Builder.nx();
        if (expiry > 0) {
            nx.px(expiry);
        }
        return "OK".equals(redis().set(redisKey(key), "1", nx));
    }

    @Override
    @ManagedOperation(description = "Whether the key is there")
    public boolean contains(String key) {
        return redis().exists(redisKey(key)) > 0;
    }

    @Override
    @ManagedOperation(description = "Removes the key")
    public boolean remove(String key) {
        return redis().del(redisKey(key)) > 0;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    @ManagedOperation(description = "Removes every key of this repository")
    public void clear() {
        RedisCommands<String, String> redis = redis();
        ScanArgs matching = ScanArgs.Builder.matches(keyPrefix + ":*").limit(1000);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, matching);
            if (!page.getKeys().isEmpty()) {
                redis.del(page.getKeys().toArray(String[]::new));
            }
            cursor = page;
        } while (!cursor.isFinished());
    }

    private String redisKey(String key) {
        return keyPrefix + ":" + key;
    }

    private RedisCommands<String, String> redis() {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            throw new IllegalStateException("the Redis idempotent repository " + keyPrefix + " is not started");
        }
        return c.sync();
    }

    @Override
    protected void doStart() throws Exception {
        client = RedisClient.create(address.toRedisURI());
        try {
            connection = client.connect();
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            client = null;
            throw new IllegalStateException("the Redis idempotent repository " + keyPrefix + " cannot reach "
                                            + address.describeAddress() + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            client = null;
        }
    }
}
