package org.arroyo.camel.pva;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.epics.pva.client.PVAClient;
import org.epics.pva.server.PVAServer;

/** The options of an {@code arroyo-pva} endpoint; the component holds defaults and gives each endpoint a copy. */
@UriParams
public class ArroyoPvaConfiguration implements Cloneable {

    /** 32 MiB: a 2048 x 2048 uint32 frame (16 MiB) with room to spare, or an Eiger 4M's. */
    static final int DEFAULT_SEND_BUFFER = 32 * 1024 * 1024;

    @UriParam(label = "common")
    private String addressList;
    @UriParam(label = "common")
    private Boolean autoAddressList;
    @UriParam(label = "common")
    private String nameServers;
    @UriParam(label = "common")
    private Integer broadcastPort;
    @UriParam(label = "common")
    private Integer serverPort;
    @UriParam(label = "consumer")
    private String request;
    @UriParam(label = "consumer", defaultValue = "4")
    private int queueSize = 4;
    @UriParam(label = "consumer", defaultValue = "0")
    private int pipeline;
    @UriParam(label = "consumer", defaultValue = "reset", enums = "none,connect,reset")
    private RunStart runStart = RunStart.reset;
    @UriParam(label = "consumer", defaultValue = "0")
    private long idleTimeout;
    @UriParam(label = "consumer", defaultValue = "true")
    private boolean stopOnDisconnect = true;
    @UriParam(label = "common", defaultValue = "image")
    private String arrayName = "image";
    @UriParam(label = "producer")
    private String serverInterfaces;
    @UriParam(label = "producer", defaultValue = "33554432")
    private int sendBufferSize = DEFAULT_SEND_BUFFER;
    @UriParam(label = "producer")
    private String runPv;
    @UriParam(label = "advanced")
    private PVAClient pvaClient;
    @UriParam(label = "advanced")
    private PVAServer pvaServer;

    public ArroyoPvaConfiguration copy() {
        try {
            return (ArroyoPvaConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    PvaNetwork network() {
        return new PvaNetwork(addressList, autoAddressList, nameServers, broadcastPort, serverPort, serverInterfaces);
    }

    public String getAddressList() {
        return addressList;
    }

    /**
     * Where the client sends its name searches (EPICS_PVA_ADDR_LIST): space-separated host or host:port entries,
     * unicast or broadcast addresses, e.g. 10.0.0.5 or 127.0.0.1:5076. No default: the JVM's EPICS_PVA_ADDR_LIST
     * (system property or environment), else empty. Set autoAddressList=false with it to search only there.
     */
    public void setAddressList(String addressList) {
        this.addressList = addressList;
    }

    public Boolean getAutoAddressList() {
        return autoAddressList;
    }

    /**
     * Whether the client also broadcasts searches on every local IPv4 subnet (EPICS_PVA_AUTO_ADDR_LIST). No default:
     * the JVM's EPICS_PVA_AUTO_ADDR_LIST, else true.
     */
    public void setAutoAddressList(Boolean autoAddressList) {
        this.autoAddressList = autoAddressList;
    }

    public String getNameServers() {
        return nameServers;
    }

    /**
     * PVA servers the client asks over TCP instead of UDP searches (EPICS_PVA_NAME_SERVERS): space-separated host or
     * host:port entries (port default serverPort), for networks where UDP does not reach the IOC. No default: the
     * JVM's EPICS_PVA_NAME_SERVERS, else none.
     */
    public void setNameServers(String nameServers) {
        this.nameServers = nameServers;
    }

    public Integer getBroadcastPort() {
        return broadcastPort;
    }

    /**
     * The UDP port of name searches and beacons (EPICS_PVA_BROADCAST_PORT for a client, EPICS_PVAS_BROADCAST_PORT
     * for the producer's server). No default: the JVM's setting, else 5076.
     */
    public void setBroadcastPort(Integer broadcastPort) {
        this.broadcastPort = broadcastPort;
    }

    public Integer getServerPort() {
        return serverPort;
    }

    /**
     * The producer's server TCP port (EPICS_PVA_SERVER_PORT; when taken, core-pva takes a free one and answers
     * searches with it), and the default port of nameServers entries. No default: the JVM's setting, else 5075.
     */
    public void setServerPort(Integer serverPort) {
        this.serverPort = serverPort;
    }

    public String getRequest() {
        return request;
    }

    /**
     * The pvRequest field selection of the monitor, e.g. field(value,dimension,uniqueId). No default: every field
     * (an NTNDArray Event needs value, dimension and codec; uniqueId, timeStamp, dataTimeStamp and attribute fill
     * its metadata when present).
     */
    public void setRequest(String request) {
        this.request = request;
    }

    public int getQueueSize() {
        return queueSize;
    }

    /**
     * How many received updates (frames, each holding the array the client decoded) may wait for the route. When it is
     * full the client's receive thread waits, the connection stops reading and the IOC's server skips updates for
     * this client as pvAccess servers do (areaDetector's PVA server keeps its own queue, core-pva's server keeps the
     * newest); skipped frames are counted from gaps in uniqueId. Memory stays bounded by about queueSize + 2 frames.
     * Default 4.
     */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    public int getPipeline() {
        return pipeline;
    }

    /**
     * pvAccess monitor flow control: the server sends at most this many updates ahead of what the client has
     * taken (the client acknowledges as it takes them). 0 (the default) turns it off, and flow control is TCP's
     * (see queueSize). Supported by areaDetector's servers (pvAccessCPP, PVXS); core-pva's own server (Phoebus)
     * ignores pipelined monitors and sends nothing, so leave it at 0 for those.
     */
    public void setPipeline(int pipeline) {
        this.pipeline = pipeline;
    }

    public RunStart getRunStart() {
        return runStart;
    }

    /**
     * When a run starts, since a PV has no runs: none (every update is an Event, no Start or Stop), connect (a
     * Start before the first update after the channel connects or reconnects) or reset (as connect, and also when
     * uniqueId goes back, e.g. areaDetector's ArrayCounter reset to 0 for a new acquisition: a Stop of the old run,
     * then a Start). The Start carries run_name (the PV), run_id, width, height, data_type, first_unique_id and
     * reason. Default reset.
     */
    public void setRunStart(RunStart runStart) {
        this.runStart = runStart;
    }

    public long getIdleTimeout() {
        return idleTimeout;
    }

    /**
     * Ends an open run with a Stop (reason idle) when no update arrived for this long, in milliseconds; the next
     * update starts a new run. 0 (the default) never times out.
     */
    public void setIdleTimeout(long idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    public boolean isStopOnDisconnect() {
        return stopOnDisconnect;
    }

    /**
     * Whether an open run ends with a Stop (reason disconnect) when the channel disconnects (IOC gone, server
     * closed the PV). Default true; with false the run goes on across a reconnect unless runStart says otherwise.
     */
    public void setStopOnDisconnect(boolean stopOnDisconnect) {
        this.stopOnDisconnect = stopOnDisconnect;
    }

    public String getArrayName() {
        return arrayName;
    }

    /**
     * The name of the array in an Event: the consumer names an NTNDArray's frame so (image, as arroyosas' events
     * call it); the producer serves the Event's array of that name, or its first array. Default image.
     */
    public void setArrayName(String arrayName) {
        this.arrayName = arrayName;
    }

    public String getServerInterfaces() {
        return serverInterfaces;
    }

    /**
     * Where the producer's server listens for name searches (EPICS_PVAS_INTF_ADDR_LIST), e.g. 127.0.0.1 to serve
     * this host only. No default: the JVM's setting, else every interface and the local multicast group.
     */
    public void setServerInterfaces(String serverInterfaces) {
        this.serverInterfaces = serverInterfaces;
    }

    public int getSendBufferSize() {
        return sendBufferSize;
    }

    /**
     * The largest pvAccess message a connection of this JVM can send, in bytes (EPICS_PVA_SEND_BUFFER_SIZE; each
     * connected client gets a buffer of this size). core-pva's default, 8,001,000, is less than one 2048 x 2048 uint16
     * frame; a frame that does not fit fails its exchange with a clear error instead of stalling the subscription.
     * JVM-wide: the largest value any endpoint asks for wins. Default 33554432 (32 MiB).
     */
    public void setSendBufferSize(int sendBufferSize) {
        this.sendBufferSize = sendBufferSize;
    }

    public String getRunPv() {
        return runPv;
    }

    /**
     * The companion PV (NTScalar) where the producer serves run boundaries: value 1 from a Start, 0 from a Stop,
     * descriptor the marker's data as JSON, timeStamp when it came. No default: the PV name with ':Run' appended;
     * none serves no companion PV.
     */
    public void setRunPv(String runPv) {
        this.runPv = runPv;
    }

    public PVAClient getPvaClient() {
        return pvaClient;
    }

    /**
     * A core-pva client of your own for the consumer (its network settings are then yours, and it is never closed
     * by the component). No default: the component creates one per distinct network settings and closes it on stop.
     */
    public void setPvaClient(PVAClient pvaClient) {
        this.pvaClient = pvaClient;
    }

    public PVAServer getPvaServer() {
        return pvaServer;
    }

    /**
     * A core-pva server of your own for the producer to add its PVs to (never closed by the component). No default:
     * the component creates one per distinct network settings and closes it on stop.
     */
    public void setPvaServer(PVAServer pvaServer) {
        this.pvaServer = pvaServer;
    }
}
