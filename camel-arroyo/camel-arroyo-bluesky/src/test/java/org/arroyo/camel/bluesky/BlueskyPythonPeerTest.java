package org.arroyo.camel.bluesky;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A Python peer sends a run's documents exactly as bluesky's 0MQ Publisher does (Debian's python3-zmq and
 * python3-msgpack; src/test/python/bluesky_publisher.py), JSON and msgpack, into a YAML route
 * ({@code arroyo-zmq:} SUB with {@code codec=bluesky-zmq-json} / {@code bluesky-zmq-msgpack}, or a prefix-filtering
 * codec bean) that sorts run markers, data events and reference events apart: every document arrives as the message
 * it should be, the event_page row by row, in order.
 * <p>
 * The route's socket binds and Python's connects (JeroMQ 0.6.0 may stall a connect's handshake, zeromq/jeromq#1022);
 * Python's XPUB waits for the route's subscription, so nothing is lost to the PUB/SUB slow joiner.
 */
class BlueskyPythonPeerTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final Path SCRIPT = Path.of("src/test/python/bluesky_publisher.py");
    private static final int EVENTS = 20;
    private static final int HEIGHT = 4;
    private static final int WIDTH = 5;

    private final String address = FreePorts.tcpAddress();
    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @ParameterizedTest
    @CsvSource({ "json, bluesky-zmq-json, ''", "msgpack, bluesky-zmq-msgpack, ''", "msgpack, #xpd, xpd" })
    void aPythonPublishersRunArrivesAsStartEventsReferencesAndStop(String form, String codec, String prefix)
            throws Exception {
        requirePythonModules();
        context = new DefaultCamelContext();
        context.getRegistry().bind("xpd", new BlueskyZmqCodec(DocumentSerializer.MSGPACK,
                "xpd".getBytes(StandardCharsets.UTF_8)));
        Properties props = new Properties();
        props.setProperty("test.address", address);
        props.setProperty("test.codec", codec);
        context.getPropertiesComponent().setInitialProperties(props);
        Resource yaml = PluginHelper.getResourceLoader(context).resolveResource("classpath:pipeline/bluesky-listener.yaml");
        PluginHelper.getRoutesLoader(context).loadRoutes(yaml);
        context.start();
        MockEndpoint runs = context.getEndpoint("mock:runs", MockEndpoint.class);
        MockEndpoint events = context.getEndpoint("mock:events", MockEndpoint.class);
        MockEndpoint references = context.getEndpoint("mock:references", MockEndpoint.class);
        runs.expectedMessageCount(2);
        events.expectedMessageCount(EVENTS + 3);
        references.expectedMessageCount(2);

        JsonObject sent = runPeer(form, prefix);
        MockEndpoint.assertIsSatisfied(context, 20, TimeUnit.SECONDS);

        assertEquals("01", sent.getString("subscription"), "the route subscribes to everything");
        Start start = assertInstanceOf(Start.class, body(runs, 0));
        assertEquals(sent.getString("run"), start.get("uid"), "the other prefix's start was skipped");
        assertEquals(7L, start.get("scan_id"));
        assertEquals("count", start.get("plan_name"));
        assertEquals(List.of("det", "img"), start.get("detectors"));
        Stop stop = assertInstanceOf(Stop.class, body(runs, 1));
        assertEquals("success", stop.get("exit_status"));
        assertEquals(sent.getString("run"), stop.get("run_start"));
        assertEquals(Map.of("primary", (long) EVENTS + 3), stop.get("num_events"));

        List<?> uids = (List<?>) sent.get("uids");
        for (int i = 0; i < EVENTS + 3; i++) {
            long seq = i + 1;
            Event event = assertInstanceOf(Event.class, body(events, i));
            assertEquals(uids.get(i), event.get("uid"), "event " + seq + " in order (the page's rows last)");
            assertEquals(seq, event.get("seq_num"));
            assertEquals("primary", event.get("stream"));
            assertEquals(sent.getString("descriptor"), event.get("descriptor"));
            assertEquals(1700000000.0 + seq, event.get("time"));
            assertEquals(1700000000.0 + seq - 0.5, event.get("data.time"), "a data key named 'time' keeps its value");
            assertEquals(seq, event.get("motor"));
            assertEquals("s" + seq, event.get("sample"));
            if (seq == 2 && form.equals("json")) {
                assertTrue(Double.isNaN((Double) event.get("det")), "Python's json writes NaN");
            } else {
                assertEquals(seq * 1.5, event.get("det"));
            }
            assertEquals(1700000000.0 + seq, ((Map<?, ?>) event.get("timestamps")).get("img"));
            NDArray img = event.getArray("img");
            assertEquals(DType.UINT16, img.dtype(), "event " + seq);
            assertArrayEquals(new int[] { HEIGHT, WIDTH }, img.shape());
            for (int r = 0; r < HEIGHT; r++) {
                for (int c = 0; c < WIDTH; c++) {
                    assertEquals(pixel(seq, r, c), img.getDouble(r, c), "event " + seq + " pixel " + r + "," + c);
                }
            }
            assertEquals(List.of("img"), List.copyOf(event.getArrays().keySet()), "scalars stay metadata");
        }
        Event resource = assertInstanceOf(Event.class, body(references, 0));
        assertEquals("resource", resource.get("document"));
        assertEquals("AD_HDF5", resource.get("spec"));
        assertEquals(sent.getString("resource"), resource.get("uid"));
        Event datum = assertInstanceOf(Event.class, body(references, 1));
        assertEquals("datum", datum.get("document"));
        assertEquals(sent.getString("resource") + "/0", datum.get("datum_id"));
        assertEquals(Map.of("point_number", 0L), datum.get("datum_kwargs"));
    }

    private static Object body(MockEndpoint mock, int i) {
        List<Exchange> received = new ArrayList<>(mock.getReceivedExchanges());
        return received.get(i).getIn().getBody();
    }

    /** Same as pixel() in bluesky_publisher.py. */
    private static double pixel(long seq, int r, int c) {
        return (seq * 100 + r * 10 + c) % 65536;
    }

    private JsonObject runPeer(String form, String prefix) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPT.toString(), form, address,
                String.valueOf(EVENTS)));
        if (!prefix.isEmpty()) {
            command.add(prefix);
        }
        Process python = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String stdout;
        try {
            python.getOutputStream().close();
            stdout = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(python.waitFor(30, TimeUnit.SECONDS), "python peer did not exit");
        } finally {
            python.destroyForcibly();
        }
        assertEquals(0, python.exitValue(), "python peer failed: " + stdout);
        return (JsonObject) Jsoner.deserialize(stdout);
    }

    private static void requirePythonModules() throws Exception {
        String fix = ".ci/run must install python3-zmq python3-msgpack (Debian packages for " + PYTHON + ")";
        if (!new File(PYTHON).canExecute()) {
            fail(PYTHON + " is missing: " + fix);
        }
        if (!Files.isRegularFile(SCRIPT)) {
            fail("missing " + SCRIPT.toAbsolutePath());
        }
        Process check = new ProcessBuilder(PYTHON, "-c", "import zmq, msgpack").redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!check.waitFor(10, TimeUnit.SECONDS) || check.exitValue() != 0) {
            check.destroyForcibly();
            fail(PYTHON + " cannot import zmq and msgpack (" + out.trim() + "): " + fix);
        }
    }
}
