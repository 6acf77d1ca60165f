package org.arroyo.camel.zmq;

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

    @UriPath(description = "The ZeroMQ address, e.g. tcp://127.0.0.1:5555, tcp://0.0.0.0:5555 to bind all interfaces, or "
                           + "inproc://name within this Camel context.")
    @Metadata(required = true)
    private String address;
    @UriParam
    private final ArroyoZmqConfiguration configuration;

    private final ArroyoStats producerStats = new ArroyoStats();
    private MessageCodec codec;
    private ZmqOutbound sender;
    private ArroyoMetrics.Binding senderMetrics;
    private int senderUsers;

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
        codec = Codecs.resolve(getCamelContext(), configuration.getCodec());
        ZmqCurve.validate(configuration);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // per start, not per init: a restarted component has a new ZAP handler that must learn the list again
        if (ZmqCurve.restrictsClients(configuration)) {
            getComponent().authenticator().allow(address, ZmqCurve.allowed(configuration));
        }
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        ZmqSocketType type = checkedType(true);
        if (configuration.getBatchSize() < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + configuration.getBatchSize());
        }
        if (configuration.getBatchSize() > 1 && type == ZmqSocketType.ROUTER) {
            throw new IllegalArgumentException("a ROUTER consumer cannot batch (batchSize=" + configuration.getBatchSize()
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
     * thread (a socket per route thread); the others share one sending thread that owns the socket, since an address
     * binds once and PAIR, DEALER and ROUTER peers expect one identity.
     */
    synchronized ZmqOutbound acquireSender() throws Exception {
        if (sender == null) {
            ZmqSocketType type = configuration.socketTypeFor(false);
            boolean onRouteThread = !configuration.isDedicatedSendThread() && configuration.modeFor(type) == ZmqMode.CONNECT
                                    && (type == ZmqSocketType.PUSH || type == ZmqSocketType.PUB);
            if (onRouteThread) {
                ThreadConfinedOutbound created = new ThreadConfinedOutbound(this, type);
                created.start();
                sender = created;
            } else {
                ZmqSender created = new ZmqSender(this, type);
                created.start();
                sender = created;
            }
            senderMetrics = ArroyoMetrics.bind(getCamelContext(), new ProducerStats(producerStats), getEndpointUri());
        }
        senderUsers++;
        return sender;
    }

    synchronized void releaseSender() {
        if (--senderUsers == 0 && sender != null) {
            sender.stop();
            sender = null;
            senderMetrics.close();
        }
    }

    /** Messages the producers of this endpoint sent. */
    public long getSentCount() {
        return producerStats.messages();
    }

    /** Messages the producers of this endpoint dropped at the high-water mark ({@code blockWhenFull=false}, PUB). */
    public long getDroppedCount() {
        return producerStats.droppedCount();
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
