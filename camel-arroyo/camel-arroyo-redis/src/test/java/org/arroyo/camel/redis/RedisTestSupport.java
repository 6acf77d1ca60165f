package org.arroyo.camel.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.arroyo.camel.message.Event;

/** Helpers shared by the arroyo-redis tests: unique names, a plain Lettuce client to look at Redis, health. */
final class RedisTestSupport {

    private RedisTestSupport() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A String-codec connection for assertions; close it with its client. */
    static final class Peek implements AutoCloseable {
        private final RedisClient client;
        private final StatefulRedisConnection<String, String> connection;

        Peek(int port) {
            this(RedisURI.create("127.0.0.1", port));
        }

        Peek(RedisURI uri) {
            uri.setTimeout(Duration.ofSeconds(5));
            client = RedisClient.create(uri);
            connection = client.connect();
        }

        RedisCommands<String, String> redis() {
            return connection.sync();
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    static String payload(Object body) {
        return new String(((Event) body).getPayloadBytes(), StandardCharsets.UTF_8);
    }

    /** The readiness state of the consumer of that route, or null while it has none. */
    static HealthCheck.State state(CamelContext context, String routeId) {
        HealthCheck.Result r = readiness(context, routeId);
        return r == null ? null : r.getState();
    }

    /** The readiness result of the consumer of that route, or null when there is none. */
    static HealthCheck.Result readiness(CamelContext context, String routeId) {
        // exposure level "full": every check's result, not only the DOWN ones
        Collection<HealthCheck.Result> results = HealthCheckHelper.invokeReadiness(context, "full");
        List<HealthCheck.Result> mine = results.stream()
                .filter(r -> r.getCheck().getId().endsWith("-" + routeId) || r.getCheck().getId().endsWith(":" + routeId))
                .toList();
        return mine.isEmpty() ? null : mine.get(0);
    }
}
