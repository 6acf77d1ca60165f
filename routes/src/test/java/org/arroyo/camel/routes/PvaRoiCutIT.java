package org.arroyo.camel.routes;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.camel.util.json.JsonObject;
import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.pva.peer.PvaPeer;
import org.arroyo.camel.support.ArroyoConsumer;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The ready pipeline pva-roi-cut.yaml against a real core-pva server in another JVM serving NDPluginPva-style frames:
 * curves out over ZeroMQ, and the same curves served as a PV that core-pva's client (another JVM) reads.
 */
class PvaRoiCutIT {

    @Test
    void framesFromAPvaServerAreCutAndPublishedOverZeroMqAndAsAPv() throws Exception {
        String pv = "ARROYO:" + UUID.randomUUID().toString().substring(0, 8) + ":Pva1:Image";
        String results = pv + ":Curve";
        String output = "tcp://127.0.0.1:" + FreePorts.next();
        int resultsUdp = FreePorts.nextUdp();
        try (PvaPeer ioc = PvaPeer.server()) {
            ioc.command("ndarray " + pv);
            try (YamlRoutes routes = new YamlRoutes("pva-roi-cut.yaml", Map.ofEntries(
                    Map.entry("arroyo.pva.pv", pv),
                    Map.entry("arroyo.pva.addressList", "127.0.0.1:" + ioc.udpPort()),
                    Map.entry("arroyo.pva.autoAddressList", "false"),
                    Map.entry("arroyo.pva.broadcastPort", String.valueOf(FreePorts.nextUdp())),
                    Map.entry("arroyo.output", output), Map.entry("arroyo.output.socketType", "PUSH"),
                    Map.entry("arroyo.roi.bandHeight", "4"),
                    Map.entry("arroyo.results.pv", results),
                    Map.entry("arroyo.results.serverPort", String.valueOf(FreePorts.next())),
                    Map.entry("arroyo.results.broadcastPort", String.valueOf(resultsUdp)),
                    Map.entry("arroyo.results.serverInterfaces", "127.0.0.1")));
                 PvaPeer viewer = PvaPeer.reader(resultsUdp, results);
                 ZContext zmq = new ZContext();
                 ZMQ.Socket pull = zmq.createSocket(SocketType.PULL)) {
                pull.setReceiveTimeOut(200);
                pull.connect(output);
                viewer.json(30); // the results PV's current value: no curve yet
                await().atMost(30, TimeUnit.SECONDS).until(() -> connected(routes));
                ioc.command("frames " + pv + " 5 64 48 uint16 none 1 10");

                MessageDecoder decoder = new MsgpackCodec().newDecoder();
                List<ArroyoMessage> received = new ArrayList<>();
                await().atMost(30, TimeUnit.SECONDS).until(() -> {
                    byte[] frame = pull.recv(0);
                    if (frame != null) {
                        received.add(decoder.decode(List.of(ByteBuffer.wrap(frame))));
                    }
                    return received.size() == 6;
                });
                Start start = assertInstanceOf(Start.class, received.get(0));
                assertEquals(pv, start.get("run_name"));
                assertEquals(64, ((Number) start.get("width")).intValue());
                for (int id = 1; id <= 5; id++) {
                    Event result = assertInstanceOf(Event.class, received.get(id));
                    assertEquals(id, ((Number) result.get("frame_number")).intValue());
                    NDArray curve = result.getArray("curve");
                    assertEquals(64, curve.size());
                    // pixel (x, y) of frame id is 7 id + x + 3 y: a column's mean over the band grows by 1 per column
                    assertEquals(1.0, curve.getDouble(10) - curve.getDouble(9), 1e-4);
                    if (id > 1) {
                        NDArray previous = ((Event) received.get(id - 1)).getArray("curve");
                        assertEquals(7.0, curve.getDouble(0) - previous.getDouble(0), 1e-4);
                    }
                }
                // the same curves, as an NTNDArray PV (the viewer may skip some when they come fast: newest wins)
                JsonObject last = null;
                for (JsonObject o; (o = viewer.json(10)) != null;) {
                    last = o;
                    if (((Number) o.get("uniqueId")).intValue() == 5) {
                        break;
                    }
                }
                assertNotNull(last, "the results PV was updated");
                assertEquals(5, ((Number) last.get("uniqueId")).intValue());
                assertEquals("floatValue", last.get("member"));
                assertEquals(List.of(64L), ((List<?>) last.get("dims")).stream().map(n -> ((Number) n).longValue())
                        .toList());
                NDArray lastCurve = ((Event) received.get(5)).getArray("curve");
                assertEquals(lastCurve.getDouble(0), ((Number) last.get("first")).doubleValue(), 1e-4);
            }
        }
    }

    private static boolean connected(YamlRoutes routes) {
        return routes.context.getRoute("pva-roi-cut").getConsumer() instanceof ArroyoConsumer c
               && c.lastError() == null;
    }
}
