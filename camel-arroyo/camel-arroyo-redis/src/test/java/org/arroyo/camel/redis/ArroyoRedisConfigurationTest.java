package org.arroyo.camel.redis;

import io.lettuce.core.RedisURI;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Options parsed from URIs and configuration errors; needs no Redis. */
class ArroyoRedisConfigurationTest extends CamelTestSupport {

    @Test
    void aBlankConsumerNameMeansTheDefaultUniqueName() {
        context.getPropertiesComponent().addInitialProperty("worker", "");
        ArroyoRedisEndpoint e = context.getEndpoint("arroyo-redis:frames?mode=stream&consumerName={{worker}}",
                ArroyoRedisEndpoint.class);
        assertEquals(null, e.getConfiguration().getConsumerName());
        ArroyoRedisStreamConsumer consumer = new ArroyoRedisStreamConsumer(e, exchange -> {
        });
        assertTrue(consumer.consumerName().startsWith("arroyo-"), consumer.consumerName());
    }

    @Test
    void optionsAreParsedFromTheUri() {
        ArroyoRedisEndpoint e = context.getEndpoint("arroyo-redis:frames?mode=stream&host=redis.example&port=7000"
                                                    + "&database=3&group=g1&consumerName=c1&batchSize=5"
                                                    + "&blockTimeout=200&claimIdle=3000&startId=0&maxLen=1000"
                                                    + "&username=arroyo&password=s3cret",
                ArroyoRedisEndpoint.class);
        ArroyoRedisConfiguration c = e.getConfiguration();
        assertEquals("frames", e.getName());
        assertEquals(ArroyoRedisMode.stream, c.getMode());
        assertEquals("g1", c.getGroup());
        assertEquals("c1", c.getConsumerName());
        assertEquals(5, c.getBatchSize());
        assertEquals(200, c.getBlockTimeout());
        assertEquals(3000, c.getClaimIdle());
        assertEquals("0", c.getStartId());
        assertEquals(1000, c.getMaxLen());
        RedisURI uri = c.toRedisURI();
        assertEquals("redis.example", uri.getHost());
        assertEquals(7000, uri.getPort());
        assertEquals(3, uri.getDatabase());
        io.lettuce.core.RedisCredentials credentials = uri.getCredentialsProvider().resolveCredentials().block();
        assertEquals("arroyo", credentials.getUsername());
        assertEquals("s3cret", new String(credentials.getPassword()));
        assertEquals("redis://redis.example:7000/3", c.describeAddress());
        assertEquals("raw", e.codec().name());
    }

    @Test
    void uriOptionReplacesHostPortAndSsl() {
        ArroyoRedisEndpoint e = context.getEndpoint("arroyo-redis:ch?uri=rediss://tls.example:6380/2",
                ArroyoRedisEndpoint.class);
        RedisURI uri = e.getConfiguration().toRedisURI();
        assertEquals("tls.example", uri.getHost());
        assertEquals(6380, uri.getPort());
        assertEquals(2, uri.getDatabase());
        assertTrue(uri.isSsl());
        assertEquals(ArroyoRedisMode.pubsub, e.getConfiguration().getMode());
    }

    @Test
    void componentDefaultsReachEndpointsWhichGetACopy() {
        ArroyoRedisComponent component = context.getComponent("arroyo-redis", ArroyoRedisComponent.class);
        component.getConfiguration().setHost("shared.example");
        ArroyoRedisEndpoint a = context.getEndpoint("arroyo-redis:a", ArroyoRedisEndpoint.class);
        ArroyoRedisEndpoint b = context.getEndpoint("arroyo-redis:b?host=own.example", ArroyoRedisEndpoint.class);
        assertEquals("shared.example", a.getConfiguration().getHost());
        assertEquals("own.example", b.getConfiguration().getHost());
        assertEquals("shared.example", component.getConfiguration().getHost());
    }

    @Test
    void unknownModeNamesTheOptionAndTheValue() {
        Exception e = assertThrows(Exception.class,
                () -> context.getEndpoint("arroyo-redis:x?mode=bogus", ArroyoRedisEndpoint.class));
        String all = chain(e);
        assertTrue(all.contains("unknown mode 'bogus'; accepted: pubsub, stream, list"), all);
    }

    @Test
    void blockTimeoutLongerThanCommandTimeoutIsRejected() {
        Exception e = assertThrows(Exception.class, () -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-redis:x?mode=stream&blockTimeout=5000&commandTimeout=1000").to("mock:x");
            }
        }));
        assertTrue(chain(e).contains("commandTimeout (1000 ms) must exceed blockTimeout (5000 ms)"), chain(e));
    }

    @Test
    void unknownCodecListsTheAcceptedOnes() {
        Exception e = assertThrows(Exception.class, () -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:x").to("arroyo-redis:x?codec=nope");
            }
        }));
        assertTrue(chain(e).contains("Unknown codec 'nope'; accepted: raw"), chain(e));
    }

    @Test
    void passwordIsSecretInTheCatalog() throws Exception {
        String json;
        try (java.io.InputStream in = getClass().getResourceAsStream("/META-INF/org/arroyo/camel/redis/arroyo-redis.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(json.contains("\"password\": { \"index\""), json);
        String password = json.substring(json.indexOf("\"password\": {"));
        password = password.substring(0, password.indexOf('}'));
        assertTrue(password.contains("\"secret\": true"), password);
        assertTrue(json.contains("\"CamelArroyoRedisStreamId\""), "headers are in the catalog");
    }

    @Test
    void theUriIsASecretOptionAndAnInvalidOneIsNotEchoed() throws Exception {
        Exception e = assertThrows(Exception.class,
                () -> context.getEndpoint("arroyo-redis:x?uri=RAW(redis://user:s3cret@[not-a-host)"));
        String chain = chain(e);
        assertTrue(chain.contains("Invalid uri option"), chain);
        assertTrue(!chain.contains("s3cret"), chain);
        ArroyoRedisEndpoint valid = context.getEndpoint("arroyo-redis:y?uri=redis://user:s3cret@127.0.0.1:6379/0",
                ArroyoRedisEndpoint.class);
        assertTrue(!valid.toString().contains("s3cret"), valid.toString());
        try (java.io.InputStream json = ArroyoRedisComponent.class
                .getResourceAsStream("/META-INF/org/arroyo/camel/redis/arroyo-redis.json")) {
            org.apache.camel.util.json.JsonObject model = (org.apache.camel.util.json.JsonObject) org.apache.camel.util.json.Jsoner
                    .deserialize(new String(json.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            org.apache.camel.util.json.JsonObject uri = (org.apache.camel.util.json.JsonObject) ((org.apache.camel.util.json.JsonObject) model
                    .get("properties")).get("uri");
            assertEquals(Boolean.TRUE, uri.get("secret"), uri.toJson());
        }
    }

    static String chain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
