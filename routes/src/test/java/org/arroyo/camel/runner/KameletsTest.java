package org.arroyo.camel.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.arroyo.camel.redis.ArroyoRedisConfiguration;
import org.arroyo.camel.redis.ArroyoRedisEndpoint;
import org.arroyo.camel.redis.ArroyoRedisMode;
import org.arroyo.camel.zmq.ArroyoZmqConfiguration;
import org.arroyo.camel.zmq.ArroyoZmqEndpoint;
import org.arroyo.camel.zmq.ZmqMode;
import org.arroyo.camel.zmq.ZmqSocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZMQ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled kamelets (classpath:kamelets, as camel-kamelet 4.17 loads them) with every parameter set and with only
 * the required ones: each parameter reaches its component's option, the defaults are the components' own, and an
 * optional parameter left out is left out of the endpoint.
 */
class KameletsTest {

    @TempDir
    Path dir;

    @Test
    void everyParameterOfTheRedisSourceAndTheZmqSinkReachesTheEndpoint() throws Exception {
        ZMQ.Curve.KeyPair keys = ZMQ.Curve.generateKeyPair();
        String publicKey = HexFormat.of().formatHex(ZMQ.Curve.z85Decode(keys.publicKey));
        String secretKey = HexFormat.of().formatHex(ZMQ.Curve.z85Decode(keys.secretKey));
        Path routes = yaml("""
                - route:
                    id: every-parameter
                    from:
                      uri: kamelet:arroyo-redis-source
                      parameters: { name: frames-k, mode: stream, host: 127.0.0.1, port: 6390, username: reader,
                                    password: pw-1, codec: raw, group: g1, consumerName: c1, startId: "0" }
                      steps:
                        - to:
                            uri: kamelet:arroyo-zmq-sink
                            parameters: { address: "tcp://127.0.0.1:7301", socketType: PUB, mode: BIND,
                                          codec: msgpack-multipart, topics: frames, sendHighWaterMark: 50,
                                          curveServer: true, curvePublicKey: "%s", curveSecretKey: "%s" }
                """.formatted(publicKey, secretKey));
        try (CamelContext context = RouteFiles.load(List.of(routes), Map.of())) {
            ArroyoRedisConfiguration redis = only(context, ArroyoRedisEndpoint.class).getConfiguration();
            assertEquals("frames-k", only(context, ArroyoRedisEndpoint.class).getName());
            assertEquals(ArroyoRedisMode.stream, redis.getMode());
            assertEquals("127.0.0.1", redis.getHost());
            assertEquals(6390, redis.getPort());
            assertEquals("reader", redis.getUsername());
            assertEquals("pw-1", redis.getPassword());
            assertEquals("raw", redis.getCodec());
            assertEquals("g1", redis.getGroup());
            assertEquals("c1", redis.getConsumerName());
            assertEquals("0", redis.getStartId());

            ArroyoZmqEndpoint zmqEndpoint = only(context, ArroyoZmqEndpoint.class);
            ArroyoZmqConfiguration zmq = zmqEndpoint.getConfiguration();
            assertEquals("tcp://127.0.0.1:7301", zmqEndpoint.getAddress());
            assertEquals(ZmqSocketType.PUB, zmq.getSocketType());
            assertEquals(ZmqMode.BIND, zmq.getMode());
            assertEquals("msgpack-multipart", zmq.getCodec());
            assertEquals("frames", zmq.getTopics());
            assertEquals(50, zmq.getSendHighWaterMark());
            assertTrue(zmq.isCurveServer());
            assertEquals(publicKey, zmq.getCurvePublicKey());
            assertEquals(secretKey, zmq.getCurveSecretKey());
        }
    }

    @Test
    void theZmqSourceAndTheRedisSinkNeedOnlyTheirRequiredParameters() throws Exception {
        Path routes = yaml("""
                - route:
                    id: required-only
                    from:
                      uri: "kamelet:arroyo-zmq-source?address=tcp://127.0.0.1:7302"
                      steps:
                        - to: "kamelet:arroyo-redis-sink?name=results-k"
                """);
        try (CamelContext context = RouteFiles.load(List.of(routes), Map.of())) {
            ArroyoZmqEndpoint zmqEndpoint = only(context, ArroyoZmqEndpoint.class);
            ArroyoZmqConfiguration zmq = zmqEndpoint.getConfiguration();
            assertEquals("tcp://127.0.0.1:7302", zmqEndpoint.getAddress());
            assertEquals(ZmqSocketType.SUB, zmq.getSocketType());
            assertEquals("msgpack", zmq.getCodec());
            assertEquals(1000, zmq.getReceiveHighWaterMark());
            assertNull(zmq.getTopics(), "an optional parameter left out is no option");
            assertNull(zmq.getCurveSecretKey());

            ArroyoRedisEndpoint redisEndpoint = only(context, ArroyoRedisEndpoint.class);
            ArroyoRedisConfiguration redis = redisEndpoint.getConfiguration();
            assertEquals("results-k", redisEndpoint.getName());
            assertEquals(ArroyoRedisMode.pubsub, redis.getMode());
            assertEquals("localhost", redis.getHost());
            assertEquals(6379, redis.getPort());
            assertEquals("raw", redis.getCodec());
            assertEquals(0, redis.getMaxLen());
            assertNull(redis.getPassword());
        }
    }

    @Test
    void listShowsTheBindingAndTheKameletsItUses() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int code = ArroyoCli.run(new String[] {"list", "kamelet-binding-zmq-to-redis.yaml", "--prop",
                "arroyo.redis.stream=frames-k"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String listed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, listed);
        assertTrue(listed.contains("from: kamelet:arroyo-zmq-source?address=tcp://127.0.0.1:5000&codec=msgpack"
                                   + "&socketType=PULL"), listed);
        assertTrue(listed.contains("to:   kamelet:arroyo-redis-sink?codec=msgpack&host=127.0.0.1&maxLen=0&mode=stream"
                                   + "&name=frames-k&port=6379"), listed);
        // the kamelets' own routes, their parameters as the templates write them
        assertTrue(listed.contains("from: arroyo-zmq:{{address}}?"), listed);
    }

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("kamelets.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static <T> T only(CamelContext context, Class<T> type) {
        List<T> found = context.getEndpoints().stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), "one " + type.getSimpleName() + " in " + context.getEndpoints());
        return found.get(0);
    }
}
