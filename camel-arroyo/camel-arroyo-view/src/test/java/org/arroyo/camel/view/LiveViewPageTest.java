package org.arroyo.camel.view;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page and its WebSocket on the view's own server, with a real route, a real HTTP client and WebSocket. */
class LiveViewPageTest {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger passed = new AtomicInteger();
    private CamelContext camel;
    private ProducerTemplate template;
    private ArroyoViewComponent component;
    private String url;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        component = new ArroyoViewComponent();
        component.setServerPort(0);
        component.setUpdateRate(20);
        camel.addComponent("arroyo-view", component);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:frames").routeId("frames").to("arroyo-view:detector?maxImageSize=64&curveHistory=3")
                        .process(e -> passed.incrementAndGet());
                from("direct:big").routeId("big").to("arroyo-view:big").process(e -> passed.incrementAndGet());
                from("direct:tapped").routeId("tapped").wireTap("arroyo-view:tapped").process(e -> passed.incrementAndGet());
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
        url = component.getViewUrl();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private HttpResponse<String> get(String address) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(address)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String wsUrl() {
        return url.replace("http://", "ws://") + "ws";
    }

    @Test
    void servesThePageAndItsFilesWithNothingLoadedFromElsewhere() throws Exception {
        assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/arroyo/view/"), url);
        HttpResponse<String> page = get(url);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<template id=\"view-template\">") && page.body().contains("src=\"view.js\""));
        String base = url.substring(0, url.length() - 1);
        assertEquals(302, get(base).statusCode(), "BASE without the slash is redirected, so relative links work");
        assertEquals(url.substring(url.indexOf("/arroyo")), get(base).headers().firstValue("location").orElse(""));
        assertEquals(302, get(url.replace("/arroyo/view/", "/")).statusCode(), "the server's root leads to the page");
        assertEquals(404, get(url + "nothing-here").statusCode());
        Pattern external = Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//|@import|https?://|\\bimport\\s*\\(");
        for (String file : List.of("", "view.js", "view.css")) {
            HttpResponse<String> r = get(url + file);
            assertEquals(200, r.statusCode(), file);
            assertFalse(external.matcher(r.body()).find(), file + " loads something from elsewhere");
        }
        HttpResponse<String> views = get(url + "views");
        assertEquals(200, views.statusCode());
        assertTrue(views.body().contains("\"name\":\"detector\""), views.body());
    }

    @Test
    void pushesTheRunAndTheLatestFrameBinnedToThePageSize() throws Exception {
        try (WsClient page = WsClient.connect(wsUrl())) {
            JsonObject hello = page.next().json();
            assertEquals("hello", hello.get("type"));
            assertEquals(List.of("big", "detector", "tapped"), hello.get("views"), "every view, by name");
            page.send("{\"maxSize\": 32}");
            template.sendBody("direct:frames", Start.of(Map.of("run_name", "r1", "width", 80L)));
            template.sendBody("direct:frames", Frames.result(0, Frames.uint32(100, 80, 9), Frames.curve(80, 17)));

            WsClient.Message frame = nextFrame(page);
            JsonObject header = frame.frameHeader();
            assertEquals("detector", header.get("view"));
            assertEquals(0L, ((Number) ((Map<?, ?>) header.get("metadata")).get("frame_number")).longValue());
            JsonObject image = (JsonObject) ((JsonArray) header.get("images")).get(0);
            assertEquals("raw_frame", image.get("name"));
            assertEquals(4, ((Number) image.get("binning")).intValue(), "binned to the 32 pixels the page asked for");
            assertEquals(25, ((Number) image.get("height")).intValue());
            assertEquals(20, ((Number) image.get("width")).intValue());
            float[] pixels = frame.frameFloats(((Number) image.get("offset")).longValue(), 25 * 20);
            assertEquals(1501.5f, pixels[0]);
            // block row 2 = rows 8-11; row 9 is the gap, so rows 8, 10, 11: mean 9666.67 + 1.5
            assertEquals((8000 + 10000 + 11000) / 3.0f + 1.5f, pixels[2 * 20], 0.01);
            JsonObject curve = (JsonObject) ((JsonArray) header.get("curves")).get(0);
            float[] values = frame.frameFloats(((Number) curve.get("offset")).longValue(), 80);
            assertEquals(100f, values[17]);

            JsonObject state = awaitState(page, s -> number(s.get("frames")) == 1);
            assertEquals(Boolean.TRUE, state.get("running"));
            assertEquals("r1", ((Map<?, ?>) state.get("start")).get("run_name"));
            assertEquals(3, number(state.get("curveHistory")));

            template.sendBody("direct:frames", Stop.of(Map.of("num_frames", 1L)));
            JsonObject stopped = awaitState(page, s -> s.get("stop") != null);
            assertEquals(Boolean.FALSE, stopped.get("running"));
            assertEquals(1, number(((Map<?, ?>) stopped.get("stop")).get("num_frames")));
        }
        assertEquals(3, passed.get(), "every message went on down the route");
    }

    @Test
    void withNoPageNothingIsRenderedAndAPageThatComesSeesTheLatestFrame() throws Exception {
        for (int i = 0; i < 200; i++) {
            template.sendBody("direct:frames", Frames.result(i, Frames.uint32(64, 64, -1), Frames.curve(64, i % 64)));
        }
        assertEquals(200, passed.get());
        // a few ticks pass with no page
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> component.hub().renders() == 0);
        try (WsClient page = WsClient.connect(wsUrl())) {
            WsClient.Message frame = nextFrame(page);
            Map<?, ?> metadata = (Map<?, ?>) frame.frameHeader().get("metadata");
            assertEquals(199L, ((Number) metadata.get("frame_number")).longValue(), "the latest wins");
            assertEquals(1, component.hub().renders());
        }
    }

    @Test
    void aPageThatStopsReadingNeverHoldsUpTheRouteNorPilesUpMessages() throws Exception {
        // 1024 x 1024 float32 per frame message (4 MiB): a page that does not read fills the socket buffers in a few
        Event big = Frames.result(0, Frames.uint32(1024, 1024, -1), Frames.curve(1024, 3));
        AtomicInteger sentToRoute = new AtomicInteger();
        try (StalledPage stalled = StalledPage.open(wsUrl())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> component.hub().clientCount() == 1);
            ViewClient client = component.hub().clients().get(0);
            client.requestMaxSize(1024);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                template.sendBody("direct:big", big);
                sentToRoute.incrementAndGet();
                return client.skipped() > 10;
            });
            long frames = client.sentFrames();
            assertTrue(frames < sentToRoute.get() && frames < 10, "frame messages written to the stalled page: " + frames);
            // while it stays stalled the page is passed by: the route goes on, nothing more is queued for it
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> {
                template.sendBody("direct:big", big);
                sentToRoute.incrementAndGet();
                return client.sentFrames() == frames && client.busy();
            });
            assertEquals(sentToRoute.get(), passed.get(), "the route never waited for the page");
        }
    }

    @Test
    void aBodyThatIsNoMessageFailsTheExchangeAndTheViewGoesOn() throws Exception {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.sendBody("direct:frames", 42));
        assertInstanceOf(InvalidPayloadException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("expected an Arroyo message")
                   && e.getCause().getMessage().contains("got java.lang.Integer"), e.getCause().getMessage());
        template.sendBody("direct:frames", Event.ofBytes(new byte[100]));
        ViewState state = state("detector");
        assertEquals(1, state.frames());
        assertEquals(100, state.bytes());
    }

    @Test
    void aWireTapShowsARouteWithoutBeingInIt() {
        for (int i = 0; i < 3; i++) {
            template.sendBody("direct:tapped", Frames.result(i, Frames.uint32(8, 8, -1), Frames.curve(8, 2)));
        }
        assertEquals(3, passed.get());
        await().atMost(Duration.ofSeconds(5)).until(() -> state("tapped").frames() == 3);
        assertEquals(2, state("tapped").lastFrameNumber());
    }

    @Test
    void framesThatSkipNumbersAreCountedMissing() throws Exception {
        for (long n : new long[] { 0, 1, 2, 5, 6, 10 }) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("frame_number", n);
            template.sendBody("direct:frames", Event.ofMetadata(meta));
        }
        ViewState state = state("detector");
        assertEquals(6, state.frames());
        assertEquals(2 + 3, state.missing());
        assertEquals(10, state.lastFrameNumber());
        assertNull(state.start());
    }

    // Camel's JSON reader gives numbers as BigDecimal
    private static long number(Object o) {
        return ((Number) o).longValue();
    }

    private ViewState state(String view) {
        return component.hub().states().stream().filter(s -> s.name().equals(view)).findFirst().orElseThrow();
    }

    // the last state message seen while looking for something else: a state is only sent when it changed
    private JsonObject lastState;

    private WsClient.Message nextFrame(WsClient page) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            WsClient.Message m = page.next();
            if (!m.isText()) {
                return m;
            }
            keepState(m);
        }
        throw new AssertionError("no frame message");
    }

    private void keepState(WsClient.Message m) {
        if ("state".equals(m.json().get("type"))) {
            for (Object v : (JsonArray) m.json().get("views")) {
                if ("detector".equals(((JsonObject) v).get("name"))) {
                    lastState = (JsonObject) v;
                }
            }
        }
    }

    private JsonObject awaitState(WsClient page, java.util.function.Predicate<JsonObject> until)
            throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (lastState != null && until.test(lastState)) {
                return lastState;
            }
            WsClient.Message m = page.next();
            if (m.isText()) {
                keepState(m);
            }
        }
        throw new AssertionError("no such state");
    }

    @Test
    void theComponentTellsWhereThePageIs() {
        ArroyoViewEndpoint endpoint = camel.getEndpoint("arroyo-view:detector?maxImageSize=64&curveHistory=3",
                ArroyoViewEndpoint.class);
        assertEquals(url, endpoint.getUrl());
        assertEquals("http", endpoint.getServiceProtocol());
        assertNotNull(component.getViewUrl());
    }
}
