package org.arroyo.camel.examples.embedded;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.netty.util.Version;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.redis.ArroyoRedisFrames;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application as a user runs it (camel-main, its application.properties), against the Redis on 127.0.0.1:6379:
 * a run sent to the detector address comes out over HTTP, over TCP and in the Redis stream, on one Netty.
 */
class EmbeddedExampleIT {

    private static final int FRAMES = 25;
    private static final int HEIGHT = 32;
    private static final int WIDTH = 40;

    private final String detector = FreePorts.tcpAddress();
    private final int httpPort = FreePorts.next();
    private final int statusPort = FreePorts.next();
    private final String stream = "arroyo:embedded-it:" + UUID.randomUUID();
    private final String runName = "embedded-" + UUID.randomUUID();

    private RedisClient redisClient;
    private StatefulRedisConnection<byte[], byte[]> redis;
    private Main main;

    @BeforeEach
    void startApplication() {
        redisClient = RedisClient.create("redis://127.0.0.1:6379");
        redis = redisClient.connect(ByteArrayCodec.INSTANCE);
        main = EmbeddedExample.create();
        main.addOverrideProperty("arroyo.detector", detector);
        main.addOverrideProperty("arroyo.stream", stream);
        main.addOverrideProperty("arroyo.group", "it-" + UUID.randomUUID());
        main.addOverrideProperty("camel.server.port", Integer.toString(httpPort));
        main.addOverrideProperty("arroyo.status.port", Integer.toString(statusPort));
        main.start();
    }

    @AfterEach
    void stopApplication() {
        try {
            if (main != null) {
                main.stop();
            }
        } finally {
            redis.sync().del(key());
            redis.close();
            redisClient.shutdown();
        }
    }

    @Test
    void aRunIsServedOverHttpAndTcpAndKeptInTheRedisStream() throws Exception {
        sendRun();

        HttpClient http = HttpClient.newHttpClient();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/detector")).GET().build();
        JsonNode json = await().atMost(Duration.ofSeconds(30)).until(() -> served(http, get),
                j -> j.path("frames").asLong() == FRAMES && !j.path("running").asBoolean(true));
        assertEquals(runName, json.path("run").asText());
        assertEquals(1, json.path("runs").asLong());
        assertEquals(FRAMES - 1, json.path("lastFrame").asLong());
        assertEquals(FRAMES, json.path("framesReduced").asLong());
        assertEquals(WIDTH, json.path("curvePoints").asLong());
        assertEquals(FRAMES - 1, json.path("lastCurveMean").asDouble(), 1e-9);

        assertEquals("run=" + runName + " state=stopped frames=" + FRAMES + " last_frame=" + (FRAMES - 1) + " runs=1",
                statusLine("status"));
        assertEquals("error unknown command 'hello', try: status", statusLine("hello"));

        List<ArroyoMessage> entries = streamEntries();
        assertEquals(FRAMES + 2, entries.size(), "Start, one curve per frame, Stop");
        assertEquals(runName, assertInstanceOf(Start.class, entries.get(0)).get("run_name"));
        for (int i = 0; i < FRAMES; i++) {
            Event curve = assertInstanceOf(Event.class, entries.get(1 + i));
            assertEquals((long) i, ((Number) curve.get("frame_number")).longValue());
            NDArray values = curve.getArray("curve");
            assertEquals(WIDTH, values.size());
            assertEquals(i, values.getDouble(0), 1e-9, "frame " + i + " is filled with " + i);
        }
        assertEquals((long) FRAMES,
                ((Number) assertInstanceOf(Stop.class, entries.get(FRAMES + 1)).get("frames_reduced")).longValue());
    }

    @Test
    void lettuceVertxAndCamelNettyRunOnOneNettyVersion() throws Exception {
        // one run first: Redis (Lettuce), HTTP (Vert.x) and TCP (camel-netty) have each worked on the Netty below
        sendRun();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/detector")).GET().build();
        await().atMost(Duration.ofSeconds(30)).until(() -> served(http, get).path("frames").asLong() == FRAMES);
        assertTrue(statusLine("status").startsWith("run=" + runName));

        Map<String, String> versions = new TreeMap<>();
        Version.identify().forEach((artifact, version) -> versions.put(artifact, version.artifactVersion()));
        System.out.println("Netty artifacts: " + versions);
        assertTrue(versions.keySet().containsAll(Set.of("netty-transport", "netty-resolver-dns", // Lettuce
                "netty-codec-http", "netty-codec-http2", "netty-handler-proxy",                   // Vert.x
                "netty-transport-native-epoll")),                                                 // camel-netty
                versions.toString());
        Set<String> distinct = versions.values().stream().collect(Collectors.toSet());
        assertEquals(1, distinct.size(), "one Netty version, got " + versions);
    }

    private void sendRun() {
        ProducerTemplate template = main.getCamelContext().createProducerTemplate();
        String uri = "arroyo-zmq:" + detector + "?socketType=PUSH&codec=msgpack";
        template.sendBody(uri, Start.of(Map.of("run_name", runName)));
        for (int i = 0; i < FRAMES; i++) {
            float[] pixels = new float[HEIGHT * WIDTH];
            Arrays.fill(pixels, i);
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("frame_number", (long) i);
            template.sendBody(uri, Event.ofArray(metadata, "image", NDArray.ofFloats(pixels, HEIGHT, WIDTH)));
        }
        template.sendBody(uri, Stop.of(Map.of("num_frames", (long) FRAMES)));
    }

    private static JsonNode served(HttpClient http, HttpRequest get) throws Exception {
        HttpResponse<String> response = http.send(get, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response.headers().map().toString());
        return new ObjectMapper().readTree(response.body());
    }

    private String statusLine(String command) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), statusPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private List<ArroyoMessage> streamEntries() {
        MessageDecoder decoder = new MsgpackCodec().newDecoder();
        List<ArroyoMessage> out = new ArrayList<>();
        for (StreamMessage<byte[], byte[]> entry : redis.sync().xrange(key(), Range.create("-", "+"))) {
            List<ByteBuffer> frames = ArroyoRedisFrames.fromFields(entry.getBody());
            out.add(decoder.decode(frames));
        }
        return out;
    }

    private byte[] key() {
        return stream.getBytes(StandardCharsets.UTF_8);
    }
}
