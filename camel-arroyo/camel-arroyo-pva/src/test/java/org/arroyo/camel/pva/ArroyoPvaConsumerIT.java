package org.arroyo.camel.pva;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.message.ArroyoConstants;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.pva.peer.NdPluginPvaFrames;
import org.arroyo.camel.pva.peer.PvaPeer;
import org.arroyo.camel.test.LoopbackConnections;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * arroyo-pva monitoring a real core-pva server in another JVM that serves NTNDArray frames laid out as areaDetector's
 * NDPluginPva does: frames, runs, compression, bad input, a route slower than the IOC.
 */
class ArroyoPvaConsumerIT {

    private PvaPeer ioc;
    private CamelContext context;
    private final List<ArroyoMessage> received = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> headers = new CopyOnWriteArrayList<>();
    private final List<Exchange> dead = new CopyOnWriteArrayList<>();
    // when set, the route holds its first exchange until the test counts it down
    private volatile CountDownLatch hold;
    private final String pv = "ARROYO:" + UUID.randomUUID().toString().substring(0, 8) + ":Pva1:Image";

    @BeforeEach
    void startIoc() throws Exception {
        ioc = PvaPeer.server();
        ioc.command("ndarray " + pv);
    }

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.stop();
        }
        ioc.close();
    }

    private void route(String pvName, String options, long processingMillis) throws Exception {
        context = new DefaultCamelContext();
        String uri = "arroyo-pva:" + pvName + "?" + ioc.clientOptions() + (options.isEmpty() ? "" : "&" + options);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("direct:dead"));
                from("direct:dead").process(e -> dead.add(e.copy()));
                from(uri + "&bridgeErrorHandler=true").routeId("pva").process(e -> {
                    if (processingMillis > 0) {
                        Thread.sleep(processingMillis); // the route's work, slower than the IOC
                    }
                    CountDownLatch h = hold;
                    if (h != null) {
                        assertTrue(h.await(60, TimeUnit.SECONDS), "the test let the route go on");
                    }
                    headers.add(Map.copyOf(e.getMessage().getHeaders()));
                    received.add(e.getMessage().getBody(ArroyoMessage.class));
                });
            }
        });
        context.start();
        await().atMost(30, TimeUnit.SECONDS).until(() -> context.getRoute("pva").getConsumer() instanceof ArroyoPvaConsumer c
                                                   && c.notReadyReason() == null);
    }

    @Test
    void framesBecomeEventsWithShapeDtypeAttributesAndTimestamps() throws Exception {
        route(pv, "", 0);
        ioc.command("frames " + pv + " 5 64 48 uint16 none 1 20");
        await().atMost(20, TimeUnit.SECONDS).until(() -> received.size() == 6);

        Start start = assertInstanceOf(Start.class, received.get(0));
        assertEquals(pv, start.get("run_name"));
        assertEquals(64, start.get("width"));
        assertEquals(48, start.get("height"));
        assertEquals("uint16", start.get("data_type"));
        assertEquals("connect", start.get("reason"));
        for (int i = 1; i <= 5; i++) {
            Event e = assertInstanceOf(Event.class, received.get(i));
            NDArray image = e.getArray("image");
            assertEquals(DType.UINT16, image.dtype());
            assertArrayEquals(new int[] { 48, 64 }, image.shape(), "C order: [dimension[1], dimension[0]]");
            assertPattern(i, image, 64, 48);
            assertEquals(i, e.get("frame_number"));
            assertEquals(0, e.get("ColorMode"));
            assertEquals(0.1, e.get("AcquireTime"));
            assertEquals("arroyo", e.get("Operator"));
            assertEquals("frame-" + i, e.get("FrameLabel"));
            assertEquals(1_700_000_000.5 + i, (Double) e.get("data_timestamp"), 1e-6);
            assertNotNull(e.get("timestamp"));
            assertEquals(i, headers.get(i).get(ArroyoPvaConstants.UNIQUE_ID));
            assertEquals("event", headers.get(i).get(ArroyoConstants.MESSAGE_TYPE));
        }

        // the IOC drops the PV: the run ends
        ioc.command("close " + pv);
        await().atMost(20, TimeUnit.SECONDS).until(() -> received.size() == 7);
        Stop stop = assertInstanceOf(Stop.class, received.get(6));
        assertEquals(5L, stop.get("num_frames"));
        assertEquals(0L, stop.get("missed_frames"));
        assertEquals(5, stop.get("last_unique_id"));
        assertEquals("disconnect", stop.get("reason"));
        assertEquals(start.get("run_id"), stop.get("run_id"));
    }

    @Test
    void aRouteStoppedAndStartedAgainMonitorsAgainEveryTime() throws Exception {
        // a client already connected to the IOC finds the PV again at once, maybe before the consumer holds the channel
        route(pv, "runStart=none", 0);
        for (int restart = 1; restart <= 10; restart++) {
            context.getRouteController().stopRoute("pva");
            context.getRouteController().startRoute("pva");
            int round = restart;
            explained(() -> await().atMost(20, TimeUnit.SECONDS).until(
                    () -> context.getRoute("pva").getConsumer() instanceof ArroyoPvaConsumer c
                          && c.notReadyReason() == null));
            int id = 100 * restart;
            ioc.command("frames " + pv + " 1 16 8 uint8 none " + id + " 20");
            explained(() -> await().atMost(20, TimeUnit.SECONDS).until(
                    () -> received.stream().anyMatch(m -> m instanceof Event e && e.get("frame_number").equals(id))));
            assertTrue(dead.isEmpty(), () -> "restart " + round + ": " + dead);
        }
    }

    @Test
    void aUniqueIdResetStartsANewRunAndAnIdleTimeoutEndsOne() throws Exception {
        route(pv, "idleTimeout=1500", 0);
        ioc.command("frames " + pv + " 3 16 8 uint8 none 10 20");
        await().atMost(20, TimeUnit.SECONDS).until(() -> received.size() == 4);
        ioc.command("frames " + pv + " 2 16 8 uint8 none 1 20");
        await().atMost(20, TimeUnit.SECONDS).until(() -> received.size() == 8);
        Stop reset = assertInstanceOf(Stop.class, received.get(4));
        assertEquals("uniqueId reset", reset.get("reason"));
        assertEquals(3L, reset.get("num_frames"));
        Start again = assertInstanceOf(Start.class, received.get(5));
        assertEquals("uniqueId reset", again.get("reason"));
        assertEquals(1, again.get("first_unique_id"));
        assertEquals(1, ((Event) received.get(6)).get("frame_number"));
        assertEquals(2, ((Event) received.get(7)).get("frame_number"));

        // no frame for idleTimeout: the run ends; the next frame opens another
        await().atMost(20, TimeUnit.SECONDS).until(() -> received.size() == 9);
        Stop idle = assertInstanceOf(Stop.class, received.get(8));
        assertEquals("idle", idle.get("reason"));
        assertEquals(2L, idle.get("num_frames"));
        ioc.command("frames " + pv + " 1 16 8 uint8 none 3 0");
        await().atMost(20, TimeUnit.SECONDS).until(() -> received.size() == 11);
        assertEquals("after idle", ((Start) received.get(9)).get("reason"));
        assertEquals(3, ((Event) received.get(10)).get("frame_number"));
    }

    @Test
    void lz4AndBitshuffleLz4FramesAreDecompressed() throws Exception {
        route(pv, "runStart=none", 0);
        ioc.command("frames " + pv + " 2 40 30 uint16 lz4 1 20");
        ioc.command("frames " + pv + " 2 37 29 uint32 bslz4 3 20");
        ioc.command("frames " + pv + " 1 33 7 float32 bslz4 5 20");
        await().atMost(20, TimeUnit.SECONDS).until(() -> received.size() == 5);
        for (int i = 0; i < 5; i++) {
            Event e = assertInstanceOf(Event.class, received.get(i));
            NDArray image = e.getArray("image");
            int id = i + 1;
            int width = id <= 2 ? 40 : id <= 4 ? 37 : 33;
            int height = id <= 2 ? 30 : id <= 4 ? 29 : 7;
            assertEquals(id <= 2 ? DType.UINT16 : id <= 4 ? DType.UINT32 : DType.FLOAT32, image.dtype());
            assertArrayEquals(new int[] { height, width }, image.shape());
            assertPattern(id, image, width, height);
            assertEquals(id <= 2 ? "lz4" : "bslz4", e.get("codec"));
        }
    }

    @Test
    void badUpdatesGoToTheErrorHandlerAndTheMonitorGoesOn() throws Exception {
        route(pv, "runStart=none", 0);
        ioc.command("frames " + pv + " 1 16 8 uint16 jpeg 1 0");
        await().atMost(20, TimeUnit.SECONDS).until(() -> dead.size() == 1);
        ioc.command("wrongshape " + pv + " 2");
        await().atMost(20, TimeUnit.SECONDS).until(() -> dead.size() == 2);
        ioc.command("frames " + pv + " 1 16 8 uint16 none 3 0");
        await().atMost(20, TimeUnit.SECONDS).until(() -> received.size() == 1);

        String jpeg = failure(dead.get(0)).getMessage();
        assertTrue(jpeg.contains("codec 'jpeg'") && jpeg.contains("lz4, bslz4") && jpeg.contains(pv), jpeg);
        String shape = failure(dead.get(1)).getMessage();
        assertTrue(shape.contains("dimension sizes [16, 8]") && shape.contains("need 128 elements")
                   && shape.contains("holds 127"), shape);
        assertEquals("ntndarray", dead.get(1).getMessage().getHeader(ArroyoConstants.CODEC));
        assertNotNull(dead.get(1).getMessage().getHeader(ArroyoConstants.RAW_FRAMES));
        assertEquals(3, ((Event) received.get(0)).get("frame_number"));
        assertPattern(3, ((Event) received.get(0)).getArray("image"), 16, 8);
        assertEquals(2, ((ArroyoPvaConsumer) context.getRoute("pva").getConsumer()).getArroyoStats().errors());
    }

    @Test
    void aPvThatIsNoNtNdArrayIsRefusedUpdateByUpdate() throws Exception {
        String table = pv + ":Table";
        ioc.command("table " + table);
        route(table, "runStart=none", 0);
        await().atMost(20, TimeUnit.SECONDS).until(() -> dead.size() == 1); // its current value
        ioc.command("tablerow " + table + " 1");
        await().atMost(20, TimeUnit.SECONDS).until(() -> dead.size() == 2);
        String message = failure(dead.get(1)).getMessage();
        assertTrue(message.contains("not an NTNDArray, NTScalar or NTScalarArray")
                   && message.contains("epics:nt/NTTable:1.0") && message.contains("[labels, value]"), message);
        assertEquals(0, received.size());
    }

    @Test
    void aRouteSlowerThanTheIocMissesFramesAndCountsEveryOne() throws Exception {
        route(pv, "queueSize=2", 20);
        int frames = 300;
        // 500 frames/s, ten times what the route takes (20 ms a frame): an IOC that outruns it.
        // 128 KiB frames: 300 of them (38 MiB) are far more than TCP buffers the way (a few MiB), so the server must
        // leave frames out for this client; 64x64 frames all fitted in the buffers of one clean-clone CI run
        ioc.command("frames " + pv + " " + frames + " 256 256 uint16 none 1 500");
        // the IOC is done in 0.6 s; the route needs 20 ms a frame. Once the route has taken all that
        // reached it, one more frame: what the server dropped at the end of the burst shows as a gap before it
        int[] seen = { -1 };
        explained(() -> await().atMost(60, TimeUnit.SECONDS).pollInterval(500, TimeUnit.MILLISECONDS).until(() -> {
            int now = received.size();
            boolean still = now > 1 && now == seen[0];
            seen[0] = now;
            return still;
        }));
        ioc.command("frames " + pv + " 1 256 256 uint16 none " + (frames + 1) + " 0");
        int last = frames + 1;
        explained(() -> await().atMost(60, TimeUnit.SECONDS).until(() -> !received.isEmpty()
                                                   && received.get(received.size() - 1) instanceof Event e
                                                   && ((Integer) e.get("frame_number")) == last));
        long events = received.stream().filter(m -> m instanceof Event).count();
        long missedHeaders = headers.stream().mapToLong(h -> h.get(ArroyoPvaConstants.MISSED_FRAMES) instanceof Long m
                ? m : 0).sum();
        int first = (Integer) ((Event) received.get(1)).get("frame_number");
        ArroyoPvaConsumer consumer = (ArroyoPvaConsumer) context.getRoute("pva").getConsumer();
        assertEquals(last - first + 1, events + missedHeaders, () -> "every frame routed or counted as missed; routed "
                + frameNumbers() + ", missed before them " + headers.stream().map(h -> h.get(ArroyoPvaConstants.MISSED_FRAMES))
                        .toList() + "; " + consumer.describeState());
        assertEquals(missedHeaders, consumer.getArroyoStats().dropped());
        assertTrue(missedHeaders > 0, "a route 10x slower than the IOC misses frames: " + missedHeaders);
        for (ArroyoMessage m : received) {
            if (m instanceof Event e) {
                assertPattern((Integer) e.get("frame_number"), e.getArray("image"), 256, 256);
            }
        }
    }

    @Test
    void aDimensionChangeTheServerMergedAwayIsRecoveredBySubscribingAgain() throws Exception {
        // the route holds its first frame, so core-pva's server falls behind for this client and merges what it has
        // not sent: the 256x256 -> 128x128 update's change of dimension[] is merged away by the next frame's
        hold = new CountDownLatch(1);
        route(pv, "queueSize=1&runStart=none", 0);
        ioc.command("frames " + pv + " 200 256 256 uint16 none 1 0"); // 25 MiB, more than the TCP buffers hold
        ioc.command("frames " + pv + " 20 128 128 uint16 none 201 0");
        hold.countDown();
        explained(() -> await().atMost(60, TimeUnit.SECONDS).until(() -> !received.isEmpty()
                                                   && received.get(received.size() - 1) instanceof Event e
                                                   && ((Integer) e.get("frame_number")) == 220));

        ArroyoPvaConsumer consumer = (ArroyoPvaConsumer) context.getRoute("pva").getConsumer();
        assertEquals(List.of(), dead.stream().map(e -> failure(e).getMessage()).toList(),
                () -> "no frame refused: the new subscription's whole value fits; " + consumer.describeState()
                      + "; routed " + frameNumbers());
        assertTrue(consumer.shapeResubscriptions() >= 1, "subscribed again: " + consumer.describeState());
        for (ArroyoMessage m : received) {
            int id = (Integer) ((Event) m).get("frame_number");
            int size = id <= 200 ? 256 : 128;
            assertPattern(id, ((Event) m).getArray("image"), size, size);
        }
    }

    /** The frame numbers of the events routed so far, in order. */
    private List<Object> frameNumbers() {
        return received.stream().filter(m -> m instanceof Event).map(m -> ((Event) m).get("frame_number")).toList();
    }

    /** An await that, when it times out, says what the route, the consumer and the IOC had come to. */
    private void explained(Runnable await) {
        try {
            await.run();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; " + state(), e);
        }
    }

    private String state() {
        ArroyoPvaConsumer c = (ArroyoPvaConsumer) context.getRoute("pva").getConsumer();
        Throwable firstDead = dead.isEmpty() ? null : dead.get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return "received " + received.size() + " (last " + (received.isEmpty() ? null : received.get(received.size() - 1))
               + "), dead " + dead.size() + " (first: " + firstDead + "), consumer counted " + c.getArroyoStats().messages()
               + " updates, " + c.getArroyoStats().dropped() + " dropped, " + c.getArroyoStats().errors() + " errors, "
               + c.describeState() + "; " + LoopbackConnections.describe(ioc.tcpPort()) + "\nthe IOC's log ends:\n"
               + ioc.logTail(30);
    }

    private static Throwable failure(Exchange e) {
        Throwable t = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        assertInstanceOf(CodecException.class, t);
        return t;
    }

    static void assertPattern(int id, NDArray image, int width, int height) {
        for (int[] p : new int[][] { { 0, 0 }, { width - 1, 0 }, { 0, height - 1 }, { width / 2, height / 3 },
                                     { width - 1, height - 1 } }) {
            assertEquals(NdPluginPvaFrames.pixel(id, p[0], p[1]), image.getDouble(p[1], p[0]), 0,
                    "frame " + id + " pixel (x=" + p[0] + ", y=" + p[1] + ")");
        }
    }
}
