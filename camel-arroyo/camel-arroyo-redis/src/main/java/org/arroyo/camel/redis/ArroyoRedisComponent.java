package org.arroyo.camel.redis;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code arroyo-redis} component: Arroyo messages over Redis pub/sub, streams with consumer groups, or lists.
 * It owns the Lettuce clients it creates (one per distinct address and timing options, shared by its endpoints) and
 * shuts them down when it stops; a client the user supplies is used as-is and never shut down.
 */
@Component("arroyo-redis")
public class ArroyoRedisComponent extends HealthCheckComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ArroyoRedisComponent.class);

    @Metadata(label = "advanced")
    private ArroyoRedisConfiguration configuration = new ArroyoRedisConfiguration();

    private final Map<String, OwnedClient> clients = new LinkedHashMap<>();

    private record OwnedClient(RedisClient client, ClientResources resources) {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException(
                    "arroyo-redis: the name is missing; use arroyo-redis:NAME (a channel, stream key or list key)");
        }
        ArroyoRedisEndpoint endpoint = new ArroyoRedisEndpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public ArroyoRedisConfiguration getConfiguration() {
        return configuration;
    }

    /** The defaults every endpoint of this component starts from (options as on the endpoint). */
    public void setConfiguration(ArroyoRedisConfiguration configuration) {
        this.configuration = configuration;
    }

    /** The client for these options: the user's, or one this component created (and will shut down). */
    synchronized RedisClient client(ArroyoRedisConfiguration config) {
        if (config.getRedisClient() != null) {
            return config.getRedisClient();
        }
        String key = config.getCommandTimeout() + "|" + config.getMaxReconnectDelay();
        return clients.computeIfAbsent(key, k -> {
            LOG.debug("Creating Lettuce client (command timeout {} ms, reconnect delay up to {} ms)",
                    config.getCommandTimeout(), config.getMaxReconnectDelay());
            ClientResources resources = DefaultClientResources.builder()
                    .reconnectDelay(Delay.exponential(Duration.ofMillis(100),
                            Duration.ofMillis(Math.max(100, config.getMaxReconnectDelay())), 2, TimeUnit.MILLISECONDS))
                    .build();
            RedisClient client = RedisClient.create(resources);
            client.setOptions(ClientOptions.builder()
                    .autoReconnect(true)
                    .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(config.getCommandTimeout())))
                    .build());
            return new OwnedClient(client, resources);
        }).client();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        Map<String, OwnedClient> owned;
        synchronized (this) {
            owned = new LinkedHashMap<>(clients);
            clients.clear();
        }
        for (OwnedClient c : owned.values()) {
            LOG.debug("Shutting down Lettuce client {}", c.client());
            c.client().shutdown(Duration.ZERO, Duration.ofSeconds(2));
            c.resources().shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
