package org.arroyo.camel.pva;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Monitor an EPICS pvAccess PV (areaDetector's NTNDArray frames, NTScalar and NTScalarArray values) as runs of Arroyo
 * messages, or serve Events as an NTNDArray PV for EPICS clients (CS-Studio / Phoebus, PvaPy, pvaDriver).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "arroyo-pva", title = "Arroyo pvAccess", syntax = "arroyo-pva:pvName",
             category = { Category.MESSAGING, Category.IOT }, headersClass = ArroyoPvaConstants.class)
public class ArroyoPvaEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    @UriPath(label = "common")
    @Metadata(required = true)
    private String pvName;
    @UriParam
    private ArroyoPvaConfiguration configuration;

    public ArroyoPvaEndpoint(String uri, ArroyoPvaComponent component, String pvName,
                             ArroyoPvaConfiguration configuration) {
        super(uri, component);
        this.pvName = pvName;
        this.configuration = configuration;
    }

    @Override
    public ArroyoPvaComponent getComponent() {
        return (ArroyoPvaComponent) super.getComponent();
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        ArroyoPvaConfiguration c = configuration;
        require(c.getQueueSize() > 0, "queueSize must be > 0, not " + c.getQueueSize());
        require(c.getPipeline() >= 0, "pipeline must be >= 0 (0: off), not " + c.getPipeline());
        require(c.getIdleTimeout() >= 0, "idleTimeout must be >= 0 ms (0: never), not " + c.getIdleTimeout());
        require(c.getRunStart() != null, "runStart is missing; accepted: none, connect, reset");
        require(c.getArrayName() != null && !c.getArrayName().isBlank(), "arrayName must not be empty");
        require(c.getSendBufferSize() >= 16 * 1024, "sendBufferSize must be >= 16384 bytes, not "
                                                    + c.getSendBufferSize());
        port(c.getBroadcastPort(), "broadcastPort");
        port(c.getServerPort(), "serverPort");
    }

    private void port(Integer port, String option) {
        require(port == null || (port > 0 && port < 65536), option + " must be 1-65535, not " + port);
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(describe() + ": " + message);
        }
    }

    @Override
    public Producer createProducer() throws Exception {
        return new ArroyoPvaProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        ArroyoPvaConsumer consumer = new ArroyoPvaConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public String getPvName() {
        return pvName;
    }

    /** The PV to monitor (consumer) or to serve (producer), e.g. 13SIM1:Pva1:Image. */
    public void setPvName(String pvName) {
        this.pvName = pvName;
    }

    public ArroyoPvaConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ArroyoPvaConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Names the endpoint in log lines and errors: {@code arroyo-pva:NAME}. */
    String describe() {
        return "arroyo-pva:" + pvName;
    }

    @Override
    public String getServiceUrl() {
        return "pva://" + pvName;
    }

    @Override
    public String getServiceProtocol() {
        return "pva";
    }

    @Override
    public Map<String, String> getServiceMetadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("network", configuration.network().describe());
        return metadata;
    }
}
