package org.arroyo.camel.operator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Operators in routes: zero, one and many results, run state, the ROI cut's numbers, and changing publishers. */
class OperatorTest extends CamelTestSupport {

    /** Drops odd frames, doubles every tenth, counts the run's events and reports them on Stop. */
    static final class EvenFrames extends ArroyoOperator {
        long seen;

        @Override
        protected Collection<? extends ArroyoMessage> onStart(Start start) {
            seen = 0;
            return List.of(start);
        }

        @Override
        protected Collection<? extends ArroyoMessage> onEvent(Event event) {
            seen++;
            long n = (Long) event.get("frame_number");
            if (n % 2 == 1) {
                return List.of();
            }
            return n % 10 == 0 ? List.of(event, event) : List.of(event);
        }

        @Override
        protected Collection<? extends ArroyoMessage> onStop(Stop stop) {
            return List.of(Stop.of(Map.of("seen", seen)));
        }
    }

    private final EvenFrames evenFrames = new EvenFrames();
    private final Publishers publishers = new Publishers("mock:first");

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:even").process(evenFrames).split(body()).to("mock:even");
                from("direct:publish").process(publishers);
            }
        };
    }

    @Test
    void anOperatorReturnsNoneOneOrMany() throws Exception {
        MockEndpoint out = getMockEndpoint("mock:even");
        template.sendBody("direct:even", Start.of(Map.of("run_name", "r")));
        for (long i = 0; i < 20; i++) {
            template.sendBody("direct:even", Event.ofMetadata(Map.of("frame_number", i)));
        }
        template.sendBody("direct:even", Stop.of(Map.of()));
        // Start + 10 even frames + 2 extra copies (0 and 10) + Stop
        out.expectedMessageCount(14);
        out.assertIsSatisfied();
        Stop stop = assertInstanceOf(Stop.class, out.getReceivedExchanges().get(13).getIn().getBody());
        assertEquals(20L, stop.get("seen"));
    }

    @Test
    void roiCutAveragesUnmaskedPixelsOfTheBandPerColumn() {
        // 4 rows x 3 columns; band = rows 1..3; a gap marker in (2,1) and a negative pixel in (1,2)
        int[] pixels = {
                100, 100, 100,
                10, 20, -1,
                30, 0xFFFFFFFF, 50,
                1000, 1000, 1000 };
        NDArray frame = NDArray.wrap(DType.INT32, new int[] { 4, 3 }, ByteOrder.LITTLE_ENDIAN, intBytes(pixels));
        float[] curve = RoiCut.compute(frame, 1, 3, 1e9);
        assertEquals(20f, curve[0]);
        assertEquals(20f, curve[1], "the -1 (gap) pixel is masked");
        assertEquals(50f, curve[2], "the negative pixel is masked");

        NDArray gapped = NDArray.wrap(DType.UINT32, new int[] { 4, 3 }, ByteOrder.LITTLE_ENDIAN, intBytes(pixels));
        float[] masked = RoiCut.compute(gapped, 2, 3, 4294967295.0);
        assertTrue(Float.isNaN(masked[1]), "a column with no unmasked pixel is NaN");
        assertThrows(IllegalArgumentException.class, () -> RoiCut.compute(frame, 3, 9, 1e9));
    }

    @Test
    void roiCutOperatorBuildsTheArroyosasResultEvent() throws Exception {
        RoiCutOperator op = new RoiCutOperator();
        op.setRowStart(0);
        op.setRowEnd(2);
        NDArray frame = NDArray.ofFloats(new float[] { 1, 2, 3, 5, 6, 7 }, 2, 3);
        Event in = Event.ofArray(Map.of("frame_number", 4L, "tiled_url", "http://t/4"), "image", frame);
        Event out = (Event) op.onEvent(in).iterator().next();
        assertEquals(List.of("curve", "raw_frame"), List.copyOf(out.getArrays().keySet()));
        assertEquals(3.0, out.getArray("curve").getDouble(0));
        assertEquals(5.0, out.getArray("curve").getDouble(2));
        assertSame(frame, out.getArray("raw_frame"), "the frame is passed on, not copied");
        assertEquals("curve", out.get("curve_tiled_url"), "as arroyosas's OneDReductionOperator sets it");
        assertEquals("http://t/4", out.get("raw_frame_tiled_url"));
        assertEquals(4L, out.get("frame_number"));
        assertNull(out.get("tiled_url"), "the frame's tiled_url became raw_frame_tiled_url");
        Stop stop = (Stop) op.onStop(Stop.of(Map.of("num_frames", 1L))).iterator().next();
        assertEquals(1L, stop.get("frames_reduced"));
    }

    @Test
    void roiCutOperatorLeavesTheFrameOutWhenAskedTo() {
        RoiCutOperator op = new RoiCutOperator();
        op.setRowStart(0);
        op.setRowEnd(1);
        op.setIncludeFrame(false);
        op.setCurveTiledUrl("http://tiled/curves/4");
        NDArray frame = NDArray.ofFloats(new float[] { 1, 2, 3, 5, 6, 7 }, 2, 3);
        Event in = Event.ofArray(Map.of("tiled_url", "http://t/4"), "image", frame);
        Event out = (Event) op.onEvent(in).iterator().next();
        assertEquals(List.of("curve"), List.copyOf(out.getArrays().keySet()));
        assertEquals("http://tiled/curves/4", out.get("curve_tiled_url"));
        assertEquals("http://t/4", out.get("raw_frame_tiled_url"), "the URL still names the frame");
    }

    @Test
    void publishersCanBeAddedAndRemovedWhileRunning() throws Exception {
        MockEndpoint first = getMockEndpoint("mock:first");
        MockEndpoint second = getMockEndpoint("mock:second");
        template.sendBody("direct:publish", "a");
        publishers.add("mock:second");
        template.sendBody("direct:publish", "b");
        publishers.remove("mock:first");
        template.sendBody("direct:publish", "c");
        first.expectedBodiesReceived("a", "b");
        second.expectedBodiesReceived("b", "c");
        MockEndpoint.assertIsSatisfied(context);
        assertEquals(List.of("mock:second"), publishers.recipients());
    }

    private static ByteBuffer intBytes(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return b;
    }
}
