package org.arroyo.camel.examples;

import org.apache.camel.builder.RouteBuilder;
import org.arroyo.camel.operator.RoiCutOperator;

/**
 * camel-arroyo in an existing Camel application: an ordinary Java DSL route builder. It listens to a detector's SAS
 * frames (msgpack over ZeroMQ), reduces each to a 1-D curve and publishes the curves, counting runs as it goes.
 */
public class DetectorReductionRoutes extends RouteBuilder {

    private final String detector;
    private final String results;
    private final RoiCutOperator roiCut = new RoiCutOperator();

    public DetectorReductionRoutes(String detector, String results) {
        this.detector = detector;
        this.results = results;
        roiCut.setBandHeight(8);
    }

    @Override
    public void configure() {
        from("arroyo-zmq:" + detector + "?socketType=PULL&codec=msgpack")
                .routeId("detector-reduction")
                .filter(header("CamelArroyoMessageType").isEqualTo("start"))
                    .log("run ${body.data[run_name]} started")
                .end()
                .process(roiCut)
                .to("arroyo-zmq:" + results + "?socketType=PUSH&codec=msgpack");
    }

    public RoiCutOperator roiCut() {
        return roiCut;
    }
}
