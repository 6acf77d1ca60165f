package org.arroyo.camel.pva;

import java.time.Instant;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.support.DefaultProducer;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.metrics.ArroyoMetrics;
import org.arroyo.camel.metrics.ArroyoStats;
import org.arroyo.camel.metrics.ArroyoStatsSource;
import org.arroyo.camel.support.ProducerBodies;
import org.epics.pva.server.PVAServer;
import org.epics.pva.server.ServerPV;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves Events as an NTNDArray PV (and runs on a companion PV, {@link RunPv}) on the component's core-pva server.
 * Each Event is one update; a client slower than the route gets the newest frame when it can take one (core-pva
 * merges pending updates per client; every update carries the whole structure, see {@link WholeUpdates}), and tells
 * how many it missed from uniqueId. A frame larger than the connections' send buffer fails its exchange.
 */
final class ArroyoPvaProducer extends DefaultProducer implements ArroyoStatsSource {

    private static final Logger LOG = LoggerFactory.getLogger(ArroyoPvaProducer.class);

    private final ArroyoPvaEndpoint endpoint;
    private final ArroyoPvaConfiguration config;
    private final ArroyoStats stats = new ArroyoStats();
    private ServerPV pv;
    private RunPv runPv;
    private ArroyoMetrics.Binding metrics;
    private int nextUniqueId = 1;

    ArroyoPvaProducer(ArroyoPvaEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        PvaNetwork.ensureSendBuffer(config.getSendBufferSize());
        PVAServer server = endpoint.getComponent().server(config);
        pv = server.createPV(endpoint.getPvName(), NtNdArrayWriter.initial());
        String run = config.getRunPv() == null ? endpoint.getPvName() + ":Run" : config.getRunPv();
        if (!"none".equals(run) && !run.isBlank()) {
            runPv = new RunPv(server, run);
        }
        metrics = ArroyoMetrics.bind(endpoint.getCamelContext(), this, endpoint.getEndpointUri());
        LOG.debug("{} serving on {}{}", endpoint.describe(), server.getTCPAddress(false),
                runPv == null ? "" : ", runs on " + run);
    }

    @Override
    protected void doStop() throws Exception {
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
        if (runPv != null) {
            runPv.close();
            runPv = null;
        }
        if (pv != null) {
            pv.close();
            pv = null;
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ArroyoMessage single = ProducerBodies.single(exchange);
        if (single != null) {
            serve(exchange, single);
        } else {
            for (ArroyoMessage message : ProducerBodies.messages(exchange)) {
                serve(exchange, message);
            }
        }
    }

    private synchronized void serve(Exchange exchange, ArroyoMessage message) throws Exception {
        try {
            if (message instanceof Start start) {
                nextUniqueId = 1;
                if (runPv != null) {
                    runPv.update(true, start.getData());
                }
            } else if (message instanceof Stop stop) {
                if (runPv != null) {
                    runPv.update(false, stop.getData());
                }
            } else {
                serveFrame(exchange, (Event) message);
            }
        } catch (InvalidPayloadException | IllegalArgumentException e) {
            stats.countError();
            throw e;
        }
    }

    private void serveFrame(Exchange exchange, Event event) throws Exception {
        NDArray array = event.getArray(config.getArrayName());
        if (array == null) {
            array = event.firstArray();
        }
        if (array == null) {
            throw new InvalidPayloadException(exchange, NDArray.class, exchange.getMessage(),
                    new IllegalArgumentException(endpoint.describe() + " serves an Event's array as an NTNDArray; "
                                                 + "this Event has none: " + event));
        }
        Map<String, Object> metadata = event.getMetadata();
        long size = NtNdArrayWriter.messageSize(array, metadata);
        int buffer = PvaNetwork.sendBufferSize();
        if (size > buffer) {
            throw new IllegalArgumentException(endpoint.describe() + ": a frame of " + array + " (" + array.byteSize()
                                               + " bytes) does not fit the pvAccess send buffer of " + buffer
                                               + " bytes; raise sendBufferSize to at least " + size);
        }
        int uniqueId = metadata.get("frame_number") instanceof Number n ? n.intValue() : nextUniqueId;
        nextUniqueId = uniqueId + 1;
        Instant dataTime = metadata.get("timestamp") instanceof Number t
                ? Instant.ofEpochSecond(0, Math.round(t.doubleValue() * 1e9)) : Instant.now();
        pv.update(NtNdArrayWriter.frame(array, uniqueId, dataTime, metadata));
        stats.countMessage(array.byteSize());
    }

    @Override
    public ArroyoStats getArroyoStats() {
        return stats;
    }

    @Override
    public Direction getArroyoDirection() {
        return Direction.SENT;
    }
}
