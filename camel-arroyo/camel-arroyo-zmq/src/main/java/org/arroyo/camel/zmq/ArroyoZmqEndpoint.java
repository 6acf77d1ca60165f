package org.arroyo.camel.zmq;

import java.util.Set;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.arroyo.camel.codec.Codecs;
import org.arroyo.camel.codec.MessageCodec;
import org.arroyo.camel.metrics.ArroyoMetrics;
import org.arroyo.camel.metrics.ArroyoStats;
import org.arroyo.camel.metrics.ArroyoStatsSource;

/**
 * Send and receive Arroyo messages (Start, Event, Stop) over ZeroMQ sockets, in the wire formats of the Python Arroyo
 * pipelines.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "arroyo-zmq", title = "Arroyo ZeroMQ", syntax = "arroyo-zmq:address",
             category = { Category.MESSAGING, Category.NETWORKING }, headersClass = ArroyoZmqConstants.class)
public class ArroyoZmqEndpoint extends DefaultEndpoint {

    @UriPath(label = "common", description = "The ZeroMQ address, e.g. tcp://127.0.0.1:5555, tcp://0.0.0.0:5555 to bind all interfaces, or "
                           + "inproc://name within this Camel context.")
    @Metadata(required = true)
    private String address;
    @UriParam
    private final ArroyoZmqConfiguration configuration;

    private final ArroyoStats producerStats = new ArroyoStats();
    private MessageCodec codec;
    private SendPath sendPath;
    private ArroyoMetrics.Binding sendPathMetrics;
    private int sendPathUsers;
    // the CURVE client list this endpoint registered with the ZAP handler while started
    private Set<String> allowedClients;

    public ArroyoZmqEndpoint(String uri, ArroyoZmqComponent component, ArroyoZmqConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public ArroyoZmqComponent getComponent() {
        return (ArroyoZmqComponent) super.getComponent();
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("arroyo-zmq needs an address, e.g. arroyo-zmq:tcp://127.0.0.1:5555");
        }
        if (!address.matches("^(tcp|inproc|ipc)://.+")) {
            throw new IllegalArgumentException("invalid ZeroMQ address '" + address
                                               + "': expected tcp://host:port, inproc://name or ipc://path");
        }
        if (configuration.getMaxProducerSockets() < 1) {
            throw new IllegalArgumentException("maxProducerSockets must be at least 1, got "
                                               + configuration.getMaxProducerSockets());
        }
        codec = Codecs.resolve(getCamelContext(), configuration.getCodec());
        ZmqCurve.validate(configuration);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // per start, not per init: a restarted component has a new ZAP handler that must learn the list again
        if (ZmqCurve.restrictsClients(configuration)) {
            allowedClients = getComponent().authenticator().allow(address, ZmqCurve.allowed(configuration));
        }
    }

    @Override
    protected void doStop() throws Exception {
        // the list is this endpoint's: left behind, it would bind a later endpoint on the address that has none
        if (allowedClients != null) {
            getComponent().forgetCurveClients(address, allowedClients);
            allowedClients = null;
        }
        super.doStop();
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        ZmqSocketType type = checkedType(true);
        if (configuration.getBatchSize() < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + configuration.getBatchSize());
        }
        if (configuration.isBatching() && type == ZmqSocketType.ROUTER) {
            throw new IllegalArgumentException("a ROUTER consumer cannot batch (batching=true"
                                               + "): each message's peer identity would be lost");
        }
        ArroyoZmqConsumer consumer = new ArroyoZmqConsumer(this, processor, type);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() throws Exception {
        checkedType(false);
        return new ArroyoZmqProducer(this);
    }

    private ZmqSocketType checkedType(boolean consumer) {
        ZmqSocketType type = configuration.socketTypeFor(consumer);
        if (consumer && !type.receives()) {
            throw new IllegalArgumentException("socketType " + type + " cannot receive: a consumer (from) takes one of "
                                               + ZmqSocketType.names(ZmqSocketType.CONSUMER_TYPES));
        }
        if (!consumer && !type.sends()) {
            throw new IllegalArgumentException("socketType " + type + " cannot send: a producer (to) takes one of "
                                               + ZmqSocketType.names(ZmqSocketType.PRODUCER_TYPES));
        }
        return type;
    }

    /**
     * How all producers of this endpoint reach the wire: connecting PUSH and PUB producers send on the route's own
     * thread (a socket per route thread, up to maxProducerSockets); the others share one sending thread that owns the
     * socket, since an address binds once and PAIR, DEALER and ROUTER peers expect one identity.
     */
    synchronized SendPath acquireSendPath() throws Exception {
        if (sendPath == null) {
            ZmqSocketType type = configuration.socketTypeFor(false);
            boolean onRouteThread = !configuration.isDedicatedSendThread() && configuration.modeFor(type) == ZmqMode.CONNECT
                                    && (type == ZmqSocketType.PUSH || type == ZmqSocketType.PUB)
                                    && configuration.getMaxProducerSockets() > 1;
            if (onRouteThread) {
                RouteThreadSockets created = new RouteThreadSockets(this, type);
                created.start();
                sendPath = created;
            } else {
                SendingThread created = new SendingThread(this, type);
                created.start();
                sendPath = created;
            }
            sendPathMetrics = ArroyoMetrics.bind(getCamelContext(), new ProducerStats(producerStats), getEndpointUri());
        }
        sendPathUsers++;
        return sendPath;
    }

    synchronized void releaseSendPath() {
        if (--sendPathUsers == 0 && sendPath != null) {
            sendPath.stop();
            sendPath = null;
            sendPathMetrics.close();
        }
    }

    /** Messages the producers of this endpoint sent. */
    public long getSentCount() {
        return producerStats.messages();
    }

    /** Messages the producers of this endpoint dropped at the high-water mark ({@code blockWhenFull=false}, PUB). */
    public long getDroppedCount() {
        return producerStats.dropped();
    }

    /** The counters of what this endpoint's producers sent, kept across restarts. */
    ArroyoStats getArroyoStats() {
        return producerStats;
    }

    MessageCodec codec() {
        return codec;
    }

    public String getAddress() {
        return address;
    }

    /** The ZeroMQ address to bind or connect. */
    public void setAddress(String address) {
        this.address = address;
    }

    public ArroyoZmqConfiguration getConfiguration() {
        return configuration;
    }

    /** The producers' counters as a metrics source. */
    private record ProducerStats(ArroyoStats stats) implements ArroyoStatsSource {
        @Override
        public ArroyoStats getArroyoStats() {
            return stats;
        }

        @Override
        public Direction getArroyoDirection() {
            return Direction.SENT;
        }
    }
}
