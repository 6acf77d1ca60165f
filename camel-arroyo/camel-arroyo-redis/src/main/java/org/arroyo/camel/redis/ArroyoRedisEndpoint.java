package org.arroyo.camel.redis;

import java.nio.charset.StandardCharsets;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.arroyo.camel.codec.Codecs;
import org.arroyo.camel.codec.MessageCodec;
import org.arroyo.camel.codec.RawCodec;

/**
 * Send and receive Arroyo messages (Start, Event, Stop) over Redis: pub/sub channels (arroyopy compatible), streams
 * with consumer groups (at-least-once, scale-out) or lists.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "arroyo-redis", title = "Arroyo Redis", syntax = "arroyo-redis:name",
             category = { Category.MESSAGING, Category.CACHE }, headersClass = ArroyoRedisConstants.class)
public class ArroyoRedisEndpoint extends DefaultEndpoint {

    @UriPath(label = "common")
    @Metadata(required = true)
    private String name;
    private byte[] nameBytes;
    @UriParam
    private ArroyoRedisConfiguration configuration;

    private MessageCodec codec;
    private RedisURI redisUri;

    public ArroyoRedisEndpoint(String uri, ArroyoRedisComponent component, String name,
                               ArroyoRedisConfiguration configuration) {
        super(uri, component);
        this.name = name;
        this.configuration = configuration;
    }

    @Override
    public ArroyoRedisComponent getComponent() {
        return (ArroyoRedisComponent) super.getComponent();
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        ArroyoRedisConfiguration c = configuration;
        if (c.getMode() == null) {
            throw new IllegalArgumentException("arroyo-redis:" + name + ": option mode is missing; accepted: "
                                               + "pubsub, stream, list");
        }
        require(c.getPort() > 0 && c.getPort() < 65536, "port must be 1-65535, not " + c.getPort());
        require(c.getDatabase() >= 0, "database must be >= 0, not " + c.getDatabase());
        require(c.getBatchSize() > 0, "batchSize must be > 0, not " + c.getBatchSize());
        require(c.getBlockTimeout() > 0, "blockTimeout must be > 0 ms, not " + c.getBlockTimeout());
        require(c.getCommandTimeout() > c.getBlockTimeout(), "commandTimeout (" + c.getCommandTimeout()
                                                             + " ms) must exceed blockTimeout (" + c.getBlockTimeout()
                                                             + " ms)");
        require(c.getClaimIdle() >= 0, "claimIdle must be >= 0 ms, not " + c.getClaimIdle());
        require(c.getMaxLen() >= 0, "maxLen must be >= 0, not " + c.getMaxLen());
        require(c.getMode() != ArroyoRedisMode.stream || (c.getGroup() != null && !c.getGroup().isBlank()),
                "group is required in stream mode");
        require(c.getStartId() != null && !c.getStartId().isBlank(), "startId must not be empty");
        require(c.getMaxDeliveries() >= 0, "maxDeliveries must be >= 0 (0: no bound), not " + c.getMaxDeliveries());
        require(c.getPayloadField() == null || c.getMode() == ArroyoRedisMode.stream,
                "payloadField names a stream entry's field: it needs mode=stream, not " + c.getMode());
        require(!c.isMetadataFields() || c.getPayloadField() != null,
                "metadataFields writes metadata beside payloadField: set payloadField too");
        redisUri = c.toRedisURI();
        codec = Codecs.resolve(getCamelContext(), c.getCodec());
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("arroyo-redis:" + name + ": " + message);
        }
    }

    @Override
    public Producer createProducer() throws Exception {
        return new ArroyoRedisProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        ArroyoRedisConsumerSupport consumer = switch (configuration.getMode()) {
            case pubsub -> new ArroyoRedisPubSubConsumer(this, processor);
            case stream -> new ArroyoRedisStreamConsumer(this, processor);
            case list -> new ArroyoRedisListConsumer(this, processor);
        };
        configureConsumer(consumer);
        return consumer;
    }

    public String getName() {
        return name;
    }

    /** The channel (pubsub), stream key (stream) or list key (list); a glob pattern with {@code pattern=true}. */
    public void setName(String name) {
        this.name = name;
        this.nameBytes = null;
    }

    byte[] nameBytes() {
        byte[] bytes = nameBytes;
        if (bytes == null) {
            bytes = name.getBytes(StandardCharsets.UTF_8);
            nameBytes = bytes;
        }
        return bytes;
    }

    public ArroyoRedisConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ArroyoRedisConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Names the endpoint in log lines and errors: {@code arroyo-redis:NAME}. */
    String describe() {
        return "arroyo-redis:" + name;
    }

    MessageCodec codec() {
        return codec;
    }

    /** Whether values that start with the multi-frame marker are unpacked (every codec but raw). */
    boolean unpacksFrames() {
        return !(codec instanceof RawCodec);
    }

    RedisURI redisUri() {
        return redisUri;
    }

    RedisClient client() {
        return getComponent().client(configuration);
    }
}
