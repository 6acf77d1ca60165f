package org.arroyo.camel.examples.embedded;

import org.apache.camel.builder.RouteBuilder;
import org.arroyo.camel.message.ArroyoConstants;
import org.arroyo.camel.operator.RoiCutOperator;

/**
 * Listens to a detector's SAS frames (msgpack over ZeroMQ PULL on {@code arroyo.detector}), reduces each frame to a
 * 1-D curve with the horizontal ROI cut and appends the run (Start, one curve per frame, Stop) to the Redis stream
 * {@code arroyo.stream}, trimmed to about {@code arroyo.stream.max-len} entries.
 */
public class DetectorReductionRoutes extends RouteBuilder {

    private final RoiCutOperator roiCut = new RoiCutOperator();

    public DetectorReductionRoutes() {
        roiCut.setBandHeight(8);
    }

    @Override
    public void configure() {
        from("arroyo-zmq:{{arroyo.detector}}?socketType=PULL&codec=msgpack")
                .routeId("detector-reduction")
                .filter(header(ArroyoConstants.MESSAGE_TYPE).isEqualTo("start"))
                    // simple's OGNL on the body (Start.getData().get("run_name")) needs camel-bean
                    .log("run ${body.data[run_name]} started")
                .end()
                .process(roiCut)
                .to("arroyo-redis:{{arroyo.stream}}?mode=stream&codec=msgpack&maxLen={{arroyo.stream.max-len}}");
    }
}
