package org.arroyo.camel.bluesky;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.util.json.Jsoner;
import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both directions against Python's own parsers (src/test/python/bluesky_wire.py, Debian's python3-msgpack): what our
 * encoders write, Python reads as bluesky's RemoteDispatcher and bluesky-kafka's BlueskyConsumer do (msgpack-numpy
 * arrays with their bytes keys, type strings and shapes); what bluesky-kafka's Publisher writes, we read.
 */
class BlueskyWireInteropTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = "src/test/python/bluesky_wire.py";

    private static List<ArroyoMessage> run() {
        return List.of(Start.of(Map.of("run_name", "ours")),
                Event.ofArray(Map.of("frame_number", 0L), "img", NDArray.ofInts(DType.UINT32, new int[] { 9, 8 }, 2)),
                Event.ofArray(Map.of("frame_number", 1L), "img", NDArray.ofInts(DType.UINT32, new int[] { 7, 6 }, 2)),
                Stop.of(Map.of()));
    }

    private static String python(String input, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPT));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            try (OutputStream in = p.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "python did not exit");
            assertEquals(0, p.exitValue(), "python failed (.ci/run installs python3-msgpack): " + out);
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void pythonReadsOurDocumentsAsBlueskyDoes() throws Exception {
        for (BlueskyCodec codec : List.of(new BlueskyZmqJsonCodec(), new BlueskyZmqMsgpackCodec(),
                new BlueskyKafkaCodec())) {
            StringBuilder hex = new StringBuilder();
            for (ArroyoMessage message : run()) {
                for (List<ByteBuffer> transport : codec.encodeAll(message)) {
                    ByteBuffer frame = transport.get(0).duplicate();
                    byte[] bytes = new byte[frame.remaining()];
                    frame.get(bytes);
                    hex.append(HexFormat.of().formatHex(bytes)).append('\n');
                }
            }
            String form = codec.name().replace("bluesky-", "");
            List<?> docs = (List<?>) Jsoner.deserialize(python(hex.toString(), "read", form));
            assertEquals(List.of("start", "descriptor", "event", "event", "stop"),
                    docs.stream().map(d -> ((List<?>) d).get(0)).toList(), codec.name());
            Map<?, ?> second = (Map<?, ?>) ((List<?>) docs.get(3)).get(1);
            assertEquals(2, ((Number) second.get("seq_num")).intValue());
            assertEquals(List.of("frame_number", "img"), second.get("keys"));
            Map<?, ?> img = (Map<?, ?>) second.get("img");
            if (form.equals("zmq-json")) {
                assertEquals(List.of(7, 6), ((List<?>) img.get("lists")).stream().map(n -> ((Number) n).intValue())
                        .toList());
            } else {
                assertEquals(Boolean.TRUE, img.get("nd"), "msgpack_numpy.decode's b'nd' key");
                assertEquals("<u4", img.get("type"));
                assertEquals("", img.get("kind"));
                assertEquals(List.of(2), ((List<?>) img.get("shape")).stream().map(n -> ((Number) n).intValue())
                        .toList());
                assertEquals(8, ((Number) img.get("bytes")).intValue());
                assertEquals(7, ((Number) img.get("first")).intValue());
            }
            Map<?, ?> stop = (Map<?, ?>) ((List<?>) docs.get(4)).get(1);
            assertEquals("success", stop.get("exit_status"));
        }
    }

    @Test
    void weReadBlueskyKafkasRecordValues() throws Exception {
        MessageDecoder decoder = new BlueskyKafkaCodec().newDecoder();
        List<ArroyoMessage> out = new ArrayList<>();
        for (String line : python("", "write-kafka").split("\n")) {
            out.addAll(decoder.decodeAll(List.of(ByteBuffer.wrap(HexFormat.of().parseHex(line.trim())))));
        }
        assertEquals(3, out.size(), "start, event, stop (the descriptor is remembered)");
        assertEquals("kafka", assertInstanceOf(Start.class, out.get(0)).get("run_name"));
        Event event = assertInstanceOf(Event.class, out.get(1));
        assertEquals(0.75, event.get("x"), "a numpy float64 scalar");
        assertEquals("primary", event.get("stream"));
        NDArray img = event.getArray("img");
        assertEquals(DType.UINT16, img.dtype());
        assertArrayEquals(new int[] { 2, 3 }, img.shape());
        assertArrayEquals(new double[] { 1, 2, 3, 4, 5, 6 }, img.toDoubleArray());
        assertEquals(Map.of("primary", 1L), assertInstanceOf(Stop.class, out.get(2)).get("num_events"));
    }
}
