package org.arroyo.camel.pva;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.pva.peer.PvaPeer;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A route serving Events as an NTNDArray PV (and its runs on the companion PV), read by core-pva's client in another
 * JVM as an EPICS client (Phoebus, pvaDriver) would.
 */
class ArroyoPvaProducerIT {

    private final String pv = "ARROYO:" + UUID.randomUUID().toString().substring(0, 8) + ":Results";
    private final int udp = FreePorts.nextUdp();
    private CamelContext context;
    private ProducerTemplate template;
    private PvaPeer client;

    @BeforeEach
    void serve() throws Exception {
        context = new DefaultCamelContext();
        String uri = "arroyo-pva:" + pv + "?serverPort=" + FreePorts.next() + "&broadcastPort=" + udp
                     + "&serverInterfaces=127.0.0.1";
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to(uri);
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        context.stop();
    }

    @Test
    void eventsAreServedAsNtNdArrayFramesAndRunsOnTheRunPv() throws Exception {
        client = PvaPeer.reader(udp, pv, pv + ":Run");
        // the current values first: no frame yet, no run
        List<JsonObject> initial = List.of(client.json(30), client.json(30));
        JsonObject run0 = initial.stream().filter(o -> o.get("pv").equals(pv + ":Run")).findFirst().orElseThrow();
        assertEquals(0, ((Number) run0.get("value")).intValue());

        template.sendBody("direct:in", Start.of(Map.of("run_name", "scan-7", "run_id", "r-7")));
        JsonObject started = client.json(30);
        assertEquals(pv + ":Run", started.get("pv"));
        assertEquals(1, ((Number) started.get("value")).intValue());
        assertEquals("scan-7", ((JsonObject) Jsoner.deserialize((String) started.get("descriptor"))).get("run_name"));

        for (int id = 1; id <= 3; id++) {
            template.sendBody("direct:in", Event.ofArray(Map.of("frame_number", id, "Operator", "arroyo",
                    "AcquireTime", 0.25), "image", frame(id, 32, 24)));
            JsonObject f = client.json(30);
            assertNotNull(f, "frame " + id + " reached the client");
            assertEquals(pv, f.get("pv"));
            assertEquals("epics:nt/NTNDArray:1.0", f.get("type"));
            assertEquals("ushortValue", f.get("member"));
            assertEquals(List.of(32, 24), numbers(f.get("dims")), "dimension[0] is x, the fastest");
            assertEquals(id, ((Number) f.get("uniqueId")).intValue());
            assertEquals(sum(id, 32, 24), ((Number) f.get("sum")).doubleValue(), 0);
            assertEquals((double) value(id, 0, 0), ((Number) f.get("first")).doubleValue(), 0);
            assertEquals((double) value(id, 31, 23), ((Number) f.get("last")).doubleValue(), 0);
            assertEquals("", f.get("codec"));
            JsonObject attributes = (JsonObject) f.get("attributes");
            assertEquals("arroyo", attributes.get("Operator"));
            assertEquals(0.25, ((Number) attributes.get("AcquireTime")).doubleValue());
        }

        template.sendBody("direct:in", Stop.of(Map.of("num_frames", 3L)));
        JsonObject stopped = client.json(30);
        assertEquals(0, ((Number) stopped.get("value")).intValue());
        assertEquals(3L, ((Number) ((JsonObject) Jsoner.deserialize((String) stopped.get("descriptor")))
                .get("num_frames")).longValue());
    }

    @Test
    void aFrameAboveCorePvasDefaultSendBufferIsServed() throws Exception {
        client = PvaPeer.reader(udp, pv);
        client.json(30); // the empty current value
        // 2048 x 2048 uint16: 8 MiB, more than core-pva's default EPICS_PVA_SEND_BUFFER_SIZE of 8,001,000 bytes
        template.sendBody("direct:in", Event.ofArray(Map.of("frame_number", 42), "image", frame(42, 2048, 2048)));
        JsonObject f = client.json(60);
        assertNotNull(f, "the 8 MiB frame reached the client");
        assertEquals(List.of(2048, 2048), numbers(f.get("dims")));
        assertEquals(2048 * 2048, ((Number) f.get("n")).intValue());
        assertEquals(sum(42, 2048, 2048), ((Number) f.get("sum")).doubleValue(), 0);
    }

    @Test
    void aFrameLargerThanTheSendBufferFailsItsExchangeClearly() {
        // 5000 x 4000 uint16 = 40 MB > 32 MiB
        NDArray huge = NDArray.wrap(DType.UINT16, new int[] { 4000, 5000 }, ByteOrder.LITTLE_ENDIAN,
                ByteBuffer.allocate(40_000_000));
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.sendBody("direct:in", Event.ofArray(Map.of(), "image", huge)));
        String message = e.getCause().getMessage();
        assertTrue(message.contains("does not fit the pvAccess send buffer") && message.contains("sendBufferSize"),
                message);
    }

    @Test
    void anEventWithoutAnArrayFailsItsExchange() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.sendBody("direct:in", Event.ofMetadata(Map.of("frame_number", 1))));
        assertTrue(e.getCause().getMessage().contains("has none"), e.getCause().getMessage());
    }

    private static List<Integer> numbers(Object list) {
        List<Integer> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add(((Number) o).intValue());
        }
        return out;
    }

    static int value(int id, int x, int y) {
        return (id * 13 + x * 7 + y * 3) & 0xFFFF;
    }

    static double sum(int id, int width, int height) {
        double s = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                s += value(id, x, y);
            }
        }
        return s;
    }

    static NDArray frame(int id, int width, int height) {
        ByteBuffer data = ByteBuffer.allocate(width * height * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                data.putShort((short) value(id, x, y));
            }
        }
        return NDArray.wrap(DType.UINT16, new int[] { height, width }, ByteOrder.LITTLE_ENDIAN, data.flip());
    }
}
