package org.arroyo.camel.zmq;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.operator.RoiCutOperator;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routes written in the YAML DSL, loaded from test resources with the ports as property placeholders: the SAS
 * reduction pipeline (PULL, ROI cut bean declared in YAML, PUSH) fed and drained by raw JeroMQ sockets, and
 * content-based routing on the message-type header and on event metadata with the simple language.
 */
class YamlPipelineTest {

    private static final int FRAMES = 1000;
    private static final int HEIGHT = 64;
    private static final int WIDTH = 80;
    private static final int ROW_START = 20;
    private static final int ROW_END = 36;
    private static final int MASKED = 0xFFFFFFFF;

    private final String frames = FreePorts.tcpAddress();
    private final String curves = FreePorts.tcpAddress();
    private final MsgpackCodec codec = new MsgpackCodec();
    private CamelContext context;

    @AfterEach
    void stopContext() {
        if (context != null) {
            context.stop();
        }
    }

    private CamelContext start(String resource) throws Exception {
        context = new DefaultCamelContext();
        Properties props = new Properties();
        props.setProperty("test.frames", frames);
        props.setProperty("test.curves", curves);
        context.getPropertiesComponent().setInitialProperties(props);
        Resource yaml = PluginHelper.getResourceLoader(context).resolveResource("classpath:" + resource);
        PluginHelper.getRoutesLoader(context).loadRoutes(yaml);
        context.start();
        return context;
    }

    @Test
    void roiCutPipelineReducesAThousandFramesInOrder() throws Exception {
        try (ZContext zmq = new ZContext();
             ZMQ.Socket push = zmq.createSocket(SocketType.PUSH);
             ZMQ.Socket pull = zmq.createSocket(SocketType.PULL)) {
            start("pipeline/roi-cut.yaml");
            connect(pull, curves);
            pull.setReceiveTimeOut(15_000);
            RoiCutOperator bean = context.getRegistry().lookupByNameAndType("roiCut", RoiCutOperator.class);
            assertNotNull(bean, "the YAML beans: section declares roiCut");
            assertEquals(ROW_START, bean.getRowStart());
            assertEquals(ROW_END, bean.getRowEnd());

            ExecutorService receiver = Executors.newSingleThreadExecutor();
            List<ArroyoMessage> received;
            float[][] expected = new float[FRAMES][];
            NDArray[] sent = new NDArray[FRAMES];
            try {
                // drain concurrently: 1002 results of 20 kB frames are more than the sockets' default HWMs hold
                Future<List<ArroyoMessage>> results = receiver.submit(() -> receive(pull, FRAMES + 2));
                connect(push, frames);
                send(push, Start.of(Map.of("run_name", "yaml", "width", (long) WIDTH, "height", (long) HEIGHT)));
                Random random = new Random(42);
                for (int i = 0; i < FRAMES; i++) {
                    int[] pixels = frame(random, i);
                    expected[i] = expectedCurve(pixels);
                    Map<String, Object> metadata = new LinkedHashMap<>();
                    metadata.put("frame_number", (long) i);
                    metadata.put("tiled_url", "http://tiled/run/" + i);
                    sent[i] = NDArray.ofInts(DType.UINT32, pixels, HEIGHT, WIDTH);
                    send(push, Event.ofArray(metadata, "image", sent[i]));
                }
                send(push, Stop.of(Map.of("num_frames", (long) FRAMES)));
                received = results.get(20, TimeUnit.SECONDS);
            } finally {
                receiver.shutdownNow();
            }

            assertEquals(FRAMES + 2, received.size());
            Start start = assertInstanceOf(Start.class, received.get(0), "the Start comes first");
            assertEquals("yaml", start.get("run_name"));
            for (int i = 0; i < FRAMES; i++) {
                Event event = assertInstanceOf(Event.class, received.get(i + 1), "message " + (i + 1));
                assertEquals((long) i, event.get("frame_number"), "frames stay in order");
                assertEquals("curve", event.get("curve_tiled_url"));
                assertEquals("http://tiled/run/" + i, event.get("raw_frame_tiled_url"));
                NDArray raw = event.getArray("raw_frame");
                assertArrayEquals(new int[] { HEIGHT, WIDTH }, raw.shape(), "the default result carries the frame");
                assertEquals(sent[i], raw, "frame " + i + " unchanged");
                NDArray curve = event.getArray("curve");
                assertEquals(DType.FLOAT32, curve.dtype());
                assertArrayEquals(new int[] { WIDTH }, curve.shape());
                float[] actual = curve.toFloatArray();
                for (int c = 0; c < WIDTH; c++) {
                    float want = expected[i][c];
                    if (Float.isNaN(want)) {
                        assertTrue(Float.isNaN(actual[c]), "frame " + i + " column " + c + " is all masked");
                    } else {
                        assertEquals(want, actual[c], 1e-3 * Math.max(1.0, Math.abs(want)),
                                "frame " + i + " column " + c);
                    }
                }
            }
            Stop stop = assertInstanceOf(Stop.class, received.get(FRAMES + 1), "the Stop comes last");
            assertEquals((long) FRAMES, stop.get("frames_reduced"));
            assertEquals((long) FRAMES, stop.get("num_frames"));
            assertEquals(ServiceStatus.Started, context.getRouteController().getRouteStatus("roi-cut"));
        }
    }

    @Test
    void choiceAndFilterRouteOnTheTypeHeaderAndOnMetadata() throws Exception {
        start("pipeline/routing.yaml");
        MockEndpoint control = context.getEndpoint("mock:control", MockEndpoint.class);
        MockEndpoint late = context.getEndpoint("mock:late", MockEndpoint.class);
        MockEndpoint first = context.getEndpoint("mock:first", MockEndpoint.class);
        control.expectedMessageCount(2);
        late.expectedMessageCount(10);
        first.expectedMessageCount(3);
        try (ZContext zmq = new ZContext(); ZMQ.Socket push = zmq.createSocket(SocketType.PUSH)) {
            connect(push, frames);
            send(push, Start.of(Map.of("run_name", "routing")));
            for (int i = 0; i <= 20; i++) {
                send(push, Event.ofArray(Map.of("frame_number", (long) i), "image",
                        NDArray.ofInts(DType.UINT32, new int[] { i, i }, 1, 2)));
            }
            send(push, Stop.of(Map.of("num_frames", 21L)));
            MockEndpoint.assertIsSatisfied(context, 10, TimeUnit.SECONDS);
        }
        assertInstanceOf(Start.class, control.getReceivedExchanges().get(0).getIn().getBody());
        assertInstanceOf(Stop.class, control.getReceivedExchanges().get(1).getIn().getBody());
        assertEquals(List.of(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L), frameNumbers(late));
        assertEquals(List.of(0L, 1L, 2L), frameNumbers(first));
    }

    private static List<Object> frameNumbers(MockEndpoint mock) {
        List<Object> out = new ArrayList<>();
        for (Exchange e : mock.getReceivedExchanges()) {
            out.add(e.getIn().getBody(Event.class).get("frame_number"));
        }
        return out;
    }

    /** Frame i: random counts, a few masked pixels in the band that move with i, and in frames 7, 107, ... a fully masked band column. */
    private static int[] frame(Random random, int i) {
        int[] pixels = new int[HEIGHT * WIDTH];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = random.nextInt(100_000);
        }
        for (int m = 0; m < 3; m++) {
            int row = ROW_START + (i + 5 * m) % (ROW_END - ROW_START);
            int col = (i * 7 + 13 * m) % WIDTH;
            pixels[row * WIDTH + col] = MASKED;
        }
        if (i % 100 == 7) {
            for (int row = ROW_START; row < ROW_END; row++) {
                pixels[row * WIDTH + 3] = MASKED;
            }
        }
        // masked outside the band too: must not matter
        pixels[(i % ROW_START) * WIDTH + i % WIDTH] = MASKED;
        return pixels;
    }

    /** The mean of the band's unmasked pixels in each column, NaN for a column with none. */
    private static float[] expectedCurve(int[] pixels) {
        float[] curve = new float[WIDTH];
        for (int c = 0; c < WIDTH; c++) {
            long sum = 0;
            int n = 0;
            for (int r = ROW_START; r < ROW_END; r++) {
                int v = pixels[r * WIDTH + c];
                if (v != MASKED) {
                    sum += Integer.toUnsignedLong(v);
                    n++;
                }
            }
            curve[c] = n == 0 ? Float.NaN : (float) ((double) sum / n);
        }
        return curve;
    }

    /**
     * Connects a raw test socket. JeroMQ 0.6.0 sometimes leaves a fresh connection without its ZMTP handshake on the
     * connecting side until the handshake timer (30 s) retries it (zeromq/jeromq#1022): the test's sockets connect
     * with a short handshake interval, and the routes' sockets bind, so such a stall costs a second, not the test.
     */
    static void connect(ZMQ.Socket socket, String address) {
        socket.setHandshakeIvl(1000);
        assertTrue(socket.connect(address), "connect " + address);
    }

    private void send(ZMQ.Socket push, ArroyoMessage message) {
        ByteBuffer frame = codec.encode(message).get(0);
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        assertTrue(push.send(bytes), "send " + message.type());
    }

    private List<ArroyoMessage> receive(ZMQ.Socket pull, int count) {
        MessageDecoder decoder = codec.newDecoder();
        List<ArroyoMessage> out = new ArrayList<>(count);
        while (out.size() < count) {
            byte[] bytes = pull.recv();
            if (bytes == null) {
                break; // timed out: the assertion on the count reports it
            }
            out.add(decoder.decode(List.of(ByteBuffer.wrap(bytes))));
        }
        return out;
    }
}
