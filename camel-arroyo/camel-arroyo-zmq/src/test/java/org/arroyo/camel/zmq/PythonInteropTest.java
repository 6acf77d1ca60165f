package org.arroyo.camel.zmq;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.arroyo.camel.operator.RoiCutOperator;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Interoperability with the Python side of Arroyo, using Debian's python3-zmq and python3-msgpack: a Python
 * detector publishes an arroyosas run (msgpack, one frame per message), our route reduces it with the ROI cut, and
 * Python reads the results with plain msgpack, checks each against the fields of arroyosas's SAS1DReduction, and
 * reports what it saw as JSON.
 * <p>
 * Our sockets bind and Python's connect: JeroMQ 0.6.0 sometimes stalls a connect's handshake for its 30 s timer
 * (zeromq/jeromq#1022), libzmq does not. Python's XPUB waits for our subscription before publishing, so no frame is
 * lost to the PUB/SUB slow joiner.
 */
class PythonInteropTest extends CamelTestSupport {

    private static final String PYTHON = "/usr/bin/python3";
    private static final Path SCRIPT = Path.of("src/test/python/sas_peer.py");
    private static final int FRAMES = 50;
    private static final int HEIGHT = 16;
    private static final int WIDTH = 24;
    private static final int ROW_START = 4;
    private static final int ROW_END = 12;
    private static final long MASKED = 0xFFFFFFFFL;

    private final String frames = FreePorts.tcpAddress();
    private final String results = FreePorts.tcpAddress();

    @Override
    protected void bindToRegistry(org.apache.camel.spi.Registry registry) {
        RoiCutOperator roiCut = new RoiCutOperator();
        roiCut.setRowStart(ROW_START);
        roiCut.setRowEnd(ROW_END);
        registry.bind("roiCut", roiCut);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo-zmq:" + frames + "?socketType=SUB&mode=BIND&codec=msgpack").routeId("reduce")
                        .process("roiCut")
                        .to("arroyo-zmq:" + results + "?socketType=PUSH&mode=BIND&codec=msgpack");
            }
        };
    }

    @Test
    void pythonDetectorToRoiCutToPythonListener() throws Exception {
        requirePythonModules();
        Process python = new ProcessBuilder(PYTHON, SCRIPT.toString(), frames, results, String.valueOf(FRAMES),
                String.valueOf(HEIGHT), String.valueOf(WIDTH))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String stdout;
        try {
            python.getOutputStream().close();
            stdout = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(python.waitFor(20, TimeUnit.SECONDS), "python peer did not exit");
        } finally {
            python.destroyForcibly();
        }
        assertEquals(0, python.exitValue(), "python peer failed: " + stdout);
        JsonObject summary = (JsonObject) Jsoner.deserialize(stdout);

        assertEquals("01", summary.get("subscription"), "our SUB subscribes to everything");
        assertEquals("start", summary.get("first_kind"));
        assertEquals("stop", summary.get("last_kind"));
        assertEquals(FRAMES, summary.getInteger("events"));
        List<?> frameNumbers = (List<?>) summary.get("frame_numbers");
        for (int i = 0; i < FRAMES; i++) {
            assertEquals(i, ((Number) frameNumbers.get(i)).intValue(), "frame order");
        }
        assertEquals(List.of("float32"), summary.get("dtypes"));
        assertEquals(List.of(List.of(WIDTH)), ((List<?>) summary.get("shapes")).stream()
                .map(s -> ((List<?>) s).stream().map(d -> ((Number) d).intValue()).toList()).toList());
        assertEquals(List.of(), summary.get("sas1d_problems"), "each result validates as arroyosas's SAS1DReduction");
        assertEquals(FRAMES, summary.getInteger("raw_frames_match"), "raw_frame is the frame Python sent");
        assertEquals("curve", summary.get("first_curve_tiled_url"));
        assertEquals("http://tiled/python/run/0", summary.get("first_raw_frame_tiled_url"));
        Map<?, ?> stop = (Map<?, ?>) summary.get("stop");
        assertEquals(FRAMES, ((Number) stop.get("num_frames")).intValue());
        assertEquals(FRAMES, ((Number) stop.get("frames_reduced")).intValue());

        List<?> firstCurve = (List<?>) summary.get("first_curve");
        assertEquals(WIDTH, firstCurve.size());
        for (int c = 0; c < WIDTH; c++) {
            double want = expectedMean(0, c);
            double got = ((Number) firstCurve.get(c)).doubleValue();
            assertEquals(want, got, 1e-3 * Math.max(1.0, Math.abs(want)), "first curve, column " + c);
        }
    }

    /** The mean of the band's unmasked pixels of frame i, column c, from the formula the Python script uses. */
    private static double expectedMean(int i, int c) {
        double sum = 0;
        int n = 0;
        for (int r = ROW_START; r < ROW_END; r++) {
            long v = pixel(i, r, c);
            if (v != MASKED) {
                sum += v;
                n++;
            }
        }
        return sum / n;
    }

    /** Same as pixel() in sas_peer.py. */
    private static long pixel(int i, int r, int c) {
        if (c == i % WIDTH && r % 2 == 0) {
            return MASKED;
        }
        return (i * 31L + r * 7L + c * 3L) % 1000;
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
