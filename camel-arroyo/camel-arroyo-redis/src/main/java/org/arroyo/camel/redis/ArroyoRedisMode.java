package org.arroyo.camel.redis;

/** How an {@code arroyo-redis} endpoint uses Redis. */
public enum ArroyoRedisMode {
    /** PUBLISH / SUBSCRIBE on a channel: arroyopy's mode, at-most-once. */
    pubsub,
    /** XADD / XREADGROUP on a stream with a consumer group: at-least-once, competing consumers. */
    stream,
    /** LPUSH / BRPOP on a list: a simple work queue, at-most-once. */
    list
}
