package org.arroyo.camel.view;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * protocol=arroyosas against a Python viewer (Debian's python3-websockets and python3-msgpack) that decodes the
 * messages as arroyosas's React viewer does and recomputes every image from the frame it names.
 */
class ArroyosasViewerPythonTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final Path SCRIPT = Path.of("src/test/python/arroyosas_viewer.py");
    private static final int ROWS = 24;
    private static final int COLS = 32;

    /** Same as frame() in arroyosas_viewer.py. */
    static NDArray frame(long n) {
        int[] v = new int[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                v[r * COLS + c] = (int) ((r * 131L + c * 17L + n * 7919L) % 5000);
            }
        }
        return NDArray.ofInts(DType.UINT32, v, ROWS, COLS);
    }

    /** Same as curve() in arroyosas_viewer.py. */
    static NDArray curve(long n) {
        float[] v = new float[COLS];
        for (int i = 0; i < COLS; i++) {
            v[i] = (float) (((i * 37L + n * 11L) % 101) / 7.0);
        }
        return NDArray.ofFloats(v);
    }

    @Test
    void arroyosasViewerDecodesStartResultsAndStop() throws Exception {
        requirePython();
        int port = FreePorts.next();
        CamelContext camel = new DefaultCamelContext();
        String uri = "arroyo-view:sas?protocol=arroyosas&port=" + port;
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:results").to(uri);
            }
        });
        camel.start();
        Process python = new ProcessBuilder(PYTHON, SCRIPT.toString(), String.valueOf(port), String.valueOf(ROWS),
                String.valueOf(COLS)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            python.getOutputStream().close();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            ProducerTemplate template = camel.createProducerTemplate();
            ArroyosasFeed feed = camel.getEndpoint(uri, ArroyoViewEndpoint.class).feed();
            // arroyosas sends no Start to a viewer that connects later, so the run begins once it is there
            await().atMost(Duration.ofSeconds(20)).until(() -> feed.clientCount() == 1);
            ArroyosasClient viewer = feed.clients().get(0);
            Map<String, Object> start = new LinkedHashMap<>();
            start.put("run_name", "camel run \u00e9");
            start.put("run_id", "7f3c");
            start.put("width", (long) COLS);
            start.put("height", (long) ROWS);
            start.put("data_type", "uint32");
            start.put("tiled_url", "http://localhost/run");
            template.sendBody("direct:results", Start.of(start));
            AtomicLong n = new AtomicLong();
            // results at the route's pace until the viewer was sent a few (the rest are decimated away)
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> {
                long i = n.getAndIncrement();
                template.sendBody("direct:results", Frames.result(i, frame(i), curve(i)));
                return viewer.sentEvents() >= 5;
            });
            template.sendBody("direct:results", Stop.of(Map.of("num_frames", n.get(), "frames_reduced", n.get())));

            String out = stdout.get(60, TimeUnit.SECONDS);
            assertTrue(python.waitFor(30, TimeUnit.SECONDS), "the python viewer did not exit");
            assertEquals(0, python.exitValue(), "python viewer failed: " + out);
            JsonObject summary = (JsonObject) Jsoner.deserialize(out);
            List<?> order = (List<?>) summary.get("order");
            assertEquals("start", order.get(0));
            assertEquals("stop", order.get(order.size() - 1));
            assertEquals(order.size() - 2, ((Number) summary.get("events")).intValue(), "only results in between");
            assertTrue(((Number) summary.get("events")).intValue() >= 5, "results seen: " + summary.get("events"));
            assertEquals(viewer.sentEvents(), ((Number) summary.get("events")).longValue());
            assertEquals(List.of(), summary.get("problems"));
            assertEquals(List.of(), summary.get("mismatches"), "every image is convert_to_uint8 of what was sent");
            assertEquals("{\"msg_type\": \"start\", \"run_name\": \"camel run \\u00e9\", \"run_id\": \"7f3c\", "
                         + "\"width\": 32, \"height\": 24, \"data_type\": \"uint32\", \"tiled_url\": "
                         + "\"http://localhost/run\"}", summary.get("start_text"));
            assertEquals("{\"msg_type\": \"stop\", \"num_frames\": " + n.get() + "}", summary.get("stop_text"));
            assertEquals("curve", summary.get("last_curve_tiled_url"));
            assertEquals("closed 1000", summary.get("other_path"), "paths other than /viz are closed");
        } finally {
            python.destroyForcibly();
            camel.stop();
        }
    }

    private static void requirePython() {
        if (!new File(PYTHON).canExecute()) {
            fail(PYTHON + " is missing: .ci/run must install python3-websockets python3-msgpack");
        }
    }
}
