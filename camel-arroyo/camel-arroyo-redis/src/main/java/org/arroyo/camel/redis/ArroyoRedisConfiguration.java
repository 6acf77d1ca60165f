package org.arroyo.camel.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.arroyo.camel.codec.Codecs;

/** The options of an {@code arroyo-redis} endpoint; the component holds defaults and gives each endpoint a copy. */
@UriParams
public class ArroyoRedisConfiguration implements Cloneable {

    @UriParam(label = "common", defaultValue = "pubsub", enums = "pubsub,stream,list")
    private ArroyoRedisMode mode = ArroyoRedisMode.pubsub;
    @UriParam(label = "common", defaultValue = "localhost")
    private String host = "localhost";
    @UriParam(label = "common", defaultValue = "6379")
    private int port = 6379;
    @UriParam(label = "common", defaultValue = "0")
    private int database;
    @UriParam(label = "common", secret = true)
    private String uri;
    @UriParam(label = "common", defaultValue = "raw", enums = Codecs.BUILT_IN_NAMES)
    private String codec = "raw";
    @UriParam(label = "common", defaultValue = "false")
    private boolean failIfUnreachable;
    @UriParam(label = "security", secret = true)
    private String username;
    @UriParam(label = "security", secret = true)
    private String password;
    @UriParam(label = "security", defaultValue = "false")
    private boolean ssl;
    @UriParam(label = "consumer", defaultValue = "false")
    private boolean pattern;
    @UriParam(label = "consumer", defaultValue = "arroyo")
    private String group = "arroyo";
    @UriParam(label = "consumer")
    private String consumerName;
    @UriParam(label = "consumer", defaultValue = "100")
    private int batchSize = 100;
    @UriParam(label = "consumer", defaultValue = "false")
    private boolean batching;
    @UriParam(label = "consumer", defaultValue = "1000")
    private long blockTimeout = 1000;
    @UriParam(label = "consumer", defaultValue = "60000")
    private long claimIdle = 60000;
    @UriParam(label = "consumer", defaultValue = "$")
    private String startId = "$";
    @UriParam(label = "consumer", defaultValue = "5")
    private int maxDeliveries = 5;
    @UriParam(label = "common")
    private String payloadField;
    @UriParam(label = "producer", defaultValue = "false")
    private boolean metadataFields;
    @UriParam(label = "producer", defaultValue = "0")
    private long maxLen;
    @UriParam(label = "advanced", defaultValue = "10000")
    private long commandTimeout = 10000;
    @UriParam(label = "advanced", defaultValue = "5000")
    private long maxReconnectDelay = 5000;
    @UriParam(label = "advanced")
    private RedisClient redisClient;

    public ArroyoRedisConfiguration copy() {
        try {
            return (ArroyoRedisConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** The Redis address these options name: {@link #getUri()} when set, else host, port, database, credentials. */
    public RedisURI toRedisURI() {
        RedisURI redisUri;
        if (uri != null && !uri.isBlank()) {
            try {
                redisUri = RedisURI.create(uri);
            } catch (IllegalArgumentException e) {
                // neither the value nor Lettuce's message (which quotes it) is shown: it may hold a password
                throw new IllegalArgumentException("Invalid uri option: expected "
                                                   + "redis://[user:password@]host[:port][/database] or rediss://...");
            }
        } else {
            redisUri = RedisURI.builder().withHost(host).withPort(port).withDatabase(database).withSsl(ssl).build();
        }
        if (password != null) {
            if (username != null) {
                redisUri.setUsername(username);
            }
            redisUri.setPassword(password.toCharArray());
        }
        redisUri.setTimeout(java.time.Duration.ofMillis(commandTimeout));
        return redisUri;
    }

    /** host:port for messages and health checks; never includes credentials. */
    public String describeAddress() {
        RedisURI u = toRedisURI();
        return (u.isSsl() ? "rediss://" : "redis://") + u.getHost() + ":" + u.getPort() + "/" + u.getDatabase();
    }

    public ArroyoRedisMode getMode() {
        return mode;
    }

    /**
     * How Redis is used: pubsub (PUBLISH/SUBSCRIBE on the channel NAME, arroyopy's mode; a listener that is
     * down or slow loses messages), stream (XADD/XREADGROUP on the stream NAME with a consumer group;
     * at-least-once, entries are acknowledged after the route processed them) or list (LPUSH, then BLMOVE into
     * the consumer's processing list NAME:processing:CONSUMER, removed once processed: a reliable work queue).
     * Default pubsub.
     */
    public void setMode(ArroyoRedisMode mode) {
        this.mode = mode;
    }

    public String getHost() {
        return host;
    }

    /** The Redis host name or address. Default localhost; ignored when uri is set. */
    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    /** The Redis TCP port. Default 6379; ignored when uri is set. */
    public void setPort(int port) {
        this.port = port;
    }

    public int getDatabase() {
        return database;
    }

    /** The Redis database number (SELECT). Default 0; pub/sub channels are shared by all databases. */
    public void setDatabase(int database) {
        this.database = database;
    }

    public String getUri() {
        return uri;
    }

    /**
     * The Redis address as a URI: redis://host:port/database, or rediss://host:port/database for TLS, with optional
     * user:password credentials before the host as in any URI; when set it replaces host, port, database and ssl.
     * No default.
     */
    public void setUri(String uri) {
        this.uri = uri;
    }

    public String getCodec() {
        return codec;
    }

    /**
     * The message codec, the same as arroyo-zmq's: a built-in name or #beanName of a MessageCodec.
     * Default raw: arroyopy's opaque bytes, byte-identical on the wire. A codec that writes several frames
     * per message stores them as described in the component's framing (see ArroyoRedisFrames).
     */
    public void setCodec(String codec) {
        this.codec = codec;
    }

    public boolean isFailIfUnreachable() {
        return failIfUnreachable;
    }

    /**
     * When true, a consumer or producer whose Redis cannot be reached (or refuses the credentials) fails its start,
     * and so the route's, with the reason. When false (the default) the route starts, consumers keep trying to
     * connect in the background with a bounded backoff and producers fail each exchange until Redis is up.
     */
    public void setFailIfUnreachable(boolean failIfUnreachable) {
        this.failIfUnreachable = failIfUnreachable;
    }

    public String getUsername() {
        return username;
    }

    /** The user name for Redis ACL authentication (AUTH user password). No default. */
    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    /** The password for Redis authentication (AUTH). No default. */
    public void setPassword(String password) {
        this.password = password;
    }

    public boolean isSsl() {
        return ssl;
    }

    /** Connect with TLS. Default false; ignored when uri is set (use rediss://). */
    public void setSsl(boolean ssl) {
        this.ssl = ssl;
    }

    public boolean isPattern() {
        return pattern;
    }

    /**
     * pub/sub consumer: treat NAME as a glob pattern (PSUBSCRIBE, e.g. arroyo.*) instead of one channel.
     * Default false.
     */
    public void setPattern(boolean pattern) {
        this.pattern = pattern;
    }

    public String getGroup() {
        return group;
    }

    /**
     * Stream consumer: the consumer group. Consumers of one group share the entries (each entry goes to one of
     * them); the group is created (with the stream, if missing) at startId. Default arroyo.
     */
    public void setGroup(String group) {
        this.group = group;
    }

    public String getConsumerName() {
        return consumerName;
    }

    /**
     * Stream and list consumers: this consumer's name (in the group; in its processing list's key). Default: unique
     * per process and consumer (arroyo-PID@HOST-N). Give a stable name to resume this consumer's own unfinished
     * entries at once after a restart; otherwise, in stream mode, other consumers claim them after claimIdle. Blank
     * means the default, so {@code consumerName: "{{env:ARROYO_WORKER:}}"} names a worker only where the variable is set.
     */
    public void setConsumerName(String consumerName) {
        this.consumerName = consumerName == null || consumerName.isBlank() ? null : consumerName;
    }

    public int getBatchSize() {
        return batchSize;
    }

    /** Stream consumer: the most entries one XREADGROUP or XAUTOCLAIM returns (COUNT). Default 100. */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public boolean isBatching() {
        return batching;
    }

    /**
     * Stream consumer: route the entries of one read (up to batchSize) as one exchange whose body is the List of their
     * messages (one entry alone stays a plain body), as arroyo-zmq's batchSize does, instead of one exchange per
     * entry: for small, fast entries. They are acknowledged together when the exchange completes and stay pending
     * together when it fails; CamelArroyoRedisStreamIds lists their ids. An entry its codec rejects goes to the error
     * handler on its own. Default false.
     */
    public void setBatching(boolean batching) {
        this.batching = batching;
    }

    public long getBlockTimeout() {
        return blockTimeout;
    }

    /**
     * Stream and list consumers: how long one read waits for new entries, in milliseconds (XREADGROUP BLOCK, BRPOP
     * timeout, rounded up to whole seconds for lists). Bounds how long stopping a consumer takes. Default 1000.
     */
    public void setBlockTimeout(long blockTimeout) {
        this.blockTimeout = blockTimeout;
    }

    public long getClaimIdle() {
        return claimIdle;
    }

    /**
     * Stream consumer: entries pending (delivered, not acknowledged) longer than this, in milliseconds, are claimed
     * with XAUTOCLAIM and processed again. This is how the entries of a dead consumer, and exchanges that failed,
     * are retried. Must be longer than the route takes for one batch. 0 disables claiming: failed entries then wait
     * until this consumer reconnects or restarts under the same consumerName. Default 60000.
     */
    public void setClaimIdle(long claimIdle) {
        this.claimIdle = claimIdle;
    }

    public String getStartId() {
        return startId;
    }

    /**
     * Stream consumer: where a group that does not exist yet starts: $ (only new entries, the default),
     * 0 (the whole stream) or an entry id.
     */
    public void setStartId(String startId) {
        this.startId = startId;
    }

    public int getMaxDeliveries() {
        return maxDeliveries;
    }

    /**
     * Stream and list consumers: how many times a message is delivered to the route before the consumer gives up on
     * it: on the next delivery it goes to the exception handler (with bridgeErrorHandler=true the route's dead letter
     * channel) as a PoisonMessageException, is acknowledged (stream) or removed (list), counted and logged once, so
     * a message no route can finish is never redelivered forever. Streams count with Redis' own delivery counter
     * (XPENDING), which also counts deliveries to consumers that crashed on the message; lists count the consecutive
     * failures of this consumer. 0 redelivers without bound. Default 5.
     */
    public void setMaxDeliveries(int maxDeliveries) {
        this.maxDeliveries = maxDeliveries;
    }

    public String getPayloadField() {
        return payloadField;
    }

    /**
     * Stream mode: the entry field that holds the message (e.g. payload or data), for streams that other tools write
     * (XADD key * payload BYTES frame_number 7): the consumer decodes that field with the codec and gives the entry's
     * other fields to the Event as metadata (strings); the producer writes the encoded message (several frames packed
     * into one value) to that field. No default: entries hold the codec's frames in fields f0, f1, ...
     */
    public void setPayloadField(String payloadField) {
        this.payloadField = payloadField;
    }

    public boolean isMetadataFields() {
        return metadataFields;
    }

    /**
     * Stream producer with payloadField: also write each scalar metadata value of an Event (string, number, boolean)
     * as a field of its own beside the payload, so tools that read fields see them (XRANGE, redis-cli, a Python
     * consumer). Nested values travel only in the payload. Default false.
     */
    public void setMetadataFields(boolean metadataFields) {
        this.metadataFields = metadataFields;
    }

    public long getMaxLen() {
        return maxLen;
    }

    /**
     * Stream producer: trim the stream to about this many entries on each XADD (MAXLEN ~), so frames do not grow
     * Redis memory forever. Entries trimmed before a group read them are lost to it. 0 (the default) never trims.
     */
    public void setMaxLen(long maxLen) {
        this.maxLen = maxLen;
    }

    public long getCommandTimeout() {
        return commandTimeout;
    }

    /**
     * The time a Redis command may take before it fails, in milliseconds, including the time it waits in Lettuce's
     * buffer while the connection is re-established. Must exceed blockTimeout. Default 10000.
     */
    public void setCommandTimeout(long commandTimeout) {
        this.commandTimeout = commandTimeout;
    }

    public long getMaxReconnectDelay() {
        return maxReconnectDelay;
    }

    /**
     * The longest pause between two attempts to reach Redis, in milliseconds; attempts start at 100 ms and double
     * up to this bound. Default 5000.
     */
    public void setMaxReconnectDelay(long maxReconnectDelay) {
        this.maxReconnectDelay = maxReconnectDelay;
    }

    public RedisClient getRedisClient() {
        return redisClient;
    }

    /**
     * A Lettuce RedisClient to use instead of one the component creates (its options and resources are then the
     * user's; the component never shuts it down). The address still comes from uri or host/port. No default.
     */
    public void setRedisClient(RedisClient redisClient) {
        this.redisClient = redisClient;
    }
}
