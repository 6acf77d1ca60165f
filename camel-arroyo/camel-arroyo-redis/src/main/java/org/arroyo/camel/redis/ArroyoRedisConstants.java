package org.arroyo.camel.redis;

import org.apache.camel.spi.Metadata;
import org.arroyo.camel.message.ArroyoConstants;

/** Exchange headers of the {@code arroyo-redis} component. */
public final class ArroyoRedisConstants {

    @Metadata(label = "consumer", description = "The kind of Arroyo message in the body: start, event or stop "
                                                + "(the header YAML routes filter and choose on).",
              javaType = "String", important = true)
    public static final String MESSAGE_TYPE = ArroyoConstants.MESSAGE_TYPE;

    @Metadata(label = "consumer", description = "On an exchange whose message could not be decoded: the name of the "
                                                + "codec that rejected it.",
              javaType = "String")
    public static final String CODEC = ArroyoConstants.CODEC;

    @Metadata(label = "consumer", description = "On an exchange whose message could not be decoded: the frames "
                                                + "received, for a dead letter channel to keep (the bridged error "
                                                + "handler replaces the body with the error text).",
              javaType = "java.util.List<byte[]>", important = true)
    public static final String RAW_FRAMES = ArroyoConstants.RAW_FRAMES;

    @Metadata(label = "consumer", description = "The channel a pub/sub message arrived on.", javaType = "String")
    public static final String CHANNEL = "CamelArroyoRedisChannel";

    @Metadata(label = "consumer", description = "The pattern that matched, for a pattern subscription.",
              javaType = "String")
    public static final String PATTERN = "CamelArroyoRedisPattern";

    @Metadata(label = "consumer", description = "The stream or list key the message was read from.",
              javaType = "String")
    public static final String KEY = "CamelArroyoRedisKey";

    @Metadata(label = "producer",
              description = "The channel, stream key or list key to write to instead of the endpoint's name. A "
                            + "separate header from the consumer's CamelArroyoRedisKey, so a route from one key to "
                            + "another never writes back to where it read.",
              javaType = "String", important = true)
    public static final String DESTINATION = "CamelArroyoRedisDestination";

    @Metadata(description = "The id of the stream entry: the entry consumed, or the entry the producer added.",
              javaType = "String", important = true)
    public static final String STREAM_ID = "CamelArroyoRedisStreamId";

    @Metadata(label = "consumer",
              description = "With batching=true: the ids of the stream entries whose messages are the body, in "
                            + "order (CamelArroyoRedisStreamId is the last of them).",
              javaType = "java.util.List<String>")
    public static final String STREAM_IDS = "CamelArroyoRedisStreamIds";

    @Metadata(label = "consumer", description = "The consumer group that delivered the stream entry.",
              javaType = "String")
    public static final String GROUP = "CamelArroyoRedisGroup";

    @Metadata(label = "consumer",
              description = "True when the stream entry was redelivered: read back from this consumer's pending "
                            + "entries or claimed from another consumer.",
              javaType = "Boolean")
    public static final String REDELIVERED = "CamelArroyoRedisRedelivered";

    @Metadata(label = "consumer",
              description = "How many times the stream entry has been delivered, this delivery included (Redis' "
                            + "own counter; 1 for a first delivery). With batching, the highest of the batch.",
              javaType = "Long", important = true)
    public static final String DELIVERY_COUNT = "CamelArroyoRedisDeliveryCount";

    private ArroyoRedisConstants() {
    }
}
