package org.arroyo.camel.redis;

import org.apache.camel.spi.Metadata;

/** Exchange headers of the {@code arroyo-redis} component. */
public final class ArroyoRedisConstants {

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
              javaType = "String")
    public static final String DESTINATION = "CamelArroyoRedisDestination";

    @Metadata(description = "The id of the stream entry: the entry consumed, or the entry the producer added.",
              javaType = "String")
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

    private ArroyoRedisConstants() {
    }
}
