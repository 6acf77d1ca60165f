package org.arroyo.camel.zmq;

import java.util.Arrays;
import java.util.List;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.arroyo.camel.codec.Codecs;

/**
 * The options of an {@code arroyo-zmq} endpoint. The component holds one as defaults
 * ({@code camel.component.arroyo-zmq.*}) and gives each endpoint a copy.
 */
@UriParams
public class ArroyoZmqConfiguration implements Cloneable {

    @UriParam(label = "common", enums = "PUB,SUB,PUSH,PULL,PAIR,DEALER,ROUTER")
    private ZmqSocketType socketType;
    @UriParam(label = "common", enums = "BIND,CONNECT")
    private ZmqMode mode;
    @UriParam(label = "common", defaultValue = "raw", enums = Codecs.BUILT_IN_NAMES)
    private String codec = "raw";
    @UriParam(label = "common")
    private String topics;
    @UriParam(label = "producer", defaultValue = "1000")
    private int sendHighWaterMark = 1000;
    @UriParam(label = "consumer", defaultValue = "1000")
    private int receiveHighWaterMark = 1000;
    @UriParam(label = "common", defaultValue = "1000")
    private int linger = 1000;
    @UriParam(label = "consumer", defaultValue = "250")
    private int receiveTimeout = 250;
    @UriParam(label = "consumer", defaultValue = "1000")
    private int drainTimeout = 1000;
    @UriParam(label = "consumer", defaultValue = "false")
    private boolean batching;
    @UriParam(label = "consumer", defaultValue = "64")
    private int batchSize = 64;
    @UriParam(label = "producer", defaultValue = "-1")
    private int sendTimeout = -1;
    @UriParam(label = "producer", defaultValue = "true")
    private boolean blockWhenFull = true;
    @UriParam(label = "producer,advanced", defaultValue = "16")
    private int sendQueueSize = 16;
    @UriParam(label = "producer,advanced", defaultValue = "false")
    private boolean dedicatedSendThread;
    @UriParam(label = "producer,advanced", defaultValue = "8")
    private int maxProducerSockets = 8;
    @UriParam(label = "advanced")
    private String identity;
    @UriParam(label = "advanced", defaultValue = "100")
    private int reconnectInterval = 100;
    @UriParam(label = "advanced", defaultValue = "0")
    private int reconnectIntervalMax;
    @UriParam(label = "advanced", defaultValue = "2000")
    private int handshakeInterval = 2000;
    @UriParam(label = "advanced", defaultValue = "0")
    private int heartbeatInterval;
    @UriParam(label = "advanced", defaultValue = "0")
    private int heartbeatTimeout;
    @UriParam(label = "security", defaultValue = "-1")
    private long maxMessageSize = -1;
    @UriParam(label = "security", defaultValue = "false")
    private boolean curveServer;
    @UriParam(label = "security")
    private String curvePublicKey;
    @UriParam(label = "security", secret = true)
    private String curveSecretKey;
    @UriParam(label = "security")
    private String curveServerKey;
    @UriParam(label = "security")
    private String curveAllowedClientKeys;
    @UriParam(label = "advanced", defaultValue = "false")
    private boolean ipv6;
    @UriParam(label = "advanced", defaultValue = "true")
    private boolean immediate = true;
    @UriParam(label = "advanced", defaultValue = "1048576")
    private int msgAllocationHeapThreshold = 1 << 20;

    public ZmqSocketType getSocketType() {
        return socketType;
    }

    /**
     * The ZeroMQ socket type. A consumer may use SUB, PULL, PAIR, DEALER or ROUTER; a producer PUB, PUSH, PAIR, DEALER
     * or ROUTER. Default: SUB for a consumer, PUB for a producer.
     */
    public void setSocketType(ZmqSocketType socketType) {
        this.socketType = socketType;
    }

    public ZmqMode getMode() {
        return mode;
    }

    /**
     * Whether the socket binds the address or connects to it. Default per socket type: PUB, PULL, PAIR and ROUTER
     * bind; SUB, PUSH and DEALER connect.
     */
    public void setMode(ZmqMode mode) {
        this.mode = mode;
    }

    public String getCodec() {
        return codec;
    }

    /**
     * The wire format: raw (arroyopy's opaque bytes), msgpack (arroyosas SAS frames), msgpack-multipart (Timepix),
     * json-frames (LabVIEW XPS), forward (stream-py), a name a codec module on the classpath adds (e.g.
     * bluesky-zmq-json, bluesky-zmq-msgpack from camel-arroyo-bluesky), or #beanName for your own MessageCodec.
     * Default raw.
     */
    public void setCodec(String codec) {
        this.codec = codec;
    }

    public String getTopics() {
        return topics;
    }

    /**
     * Comma-separated topics. On SUB: the subscriptions (default: everything, no envelope). On PUB: the topic sent
     * before each message (the first topic). When set, each message carries its topic as a separate first frame (an
     * envelope) that the consumer strips and puts in the CamelArroyoZmqTopic header.
     */
    public void setTopics(String topics) {
        this.topics = topics;
    }

    /** The topics as a list; empty when none are set. */
    public List<String> topicList() {
        if (topics == null || topics.isBlank()) {
            return List.of();
        }
        return Arrays.stream(topics.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    public int getSendHighWaterMark() {
        return sendHighWaterMark;
    }

    /**
     * The most messages queued in the socket per peer before it blocks (PUSH, DEALER, PAIR) or drops (PUB). Counted
     * in messages, not bytes: lower it for large frames. Default 1000.
     */
    public void setSendHighWaterMark(int sendHighWaterMark) {
        this.sendHighWaterMark = sendHighWaterMark;
    }

    public int getReceiveHighWaterMark() {
        return receiveHighWaterMark;
    }

    /**
     * The most messages queued in the socket before the sender is pushed back (or, on SUB, messages are dropped).
     * Default 1000.
     */
    public void setReceiveHighWaterMark(int receiveHighWaterMark) {
        this.receiveHighWaterMark = receiveHighWaterMark;
    }

    public int getLinger() {
        return linger;
    }

    /**
     * How long, in milliseconds, a closing socket keeps trying to deliver messages it already accepted. -1 waits
     * until they are sent, 0 discards them. Default 1000.
     */
    public void setLinger(int linger) {
        this.linger = linger;
    }

    public int getReceiveTimeout() {
        return receiveTimeout;
    }

    /**
     * How long, in milliseconds, one receive waits before the consumer checks whether it is stopping; bounds how long
     * a stop takes. Default 250.
     */
    public void setReceiveTimeout(int receiveTimeout) {
        this.receiveTimeout = receiveTimeout;
    }

    public boolean isBatching() {
        return batching;
    }

    /**
     * Messages already queued in the socket (up to batchSize) travel through the route as one exchange whose body is
     * the List of their messages, never waiting to fill a batch: a lone message goes at once, as a plain body.
     * Amortizes the per-exchange cost for small, fast messages (as camel-kafka's batching and arroyo-redis' do);
     * ArroyoOperator and every arroyo producer take list bodies, a route step that needs one message at a time can
     * split. Topic and identity headers are not kept per message, so a ROUTER consumer cannot batch. Default false.
     */
    public void setBatching(boolean batching) {
        this.batching = batching;
    }

    public int getBatchSize() {
        return batchSize;
    }

    /** With batching: the most messages one exchange carries. Default 64. */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public int getDrainTimeout() {
        return drainTimeout;
    }

    /**
     * On stop, how long, in milliseconds, the consumer keeps handing the messages already queued in its socket to the
     * route before closing it, so what ZeroMQ accepted is not thrown away. It reads only what is queued (it does not
     * wait for more); 0 discards the queue. Default 1000.
     */
    public void setDrainTimeout(int drainTimeout) {
        this.drainTimeout = drainTimeout;
    }

    public int getSendTimeout() {
        return sendTimeout;
    }

    /**
     * How long, in milliseconds, a send may wait for room below the high-water mark before the exchange fails with
     * a ZmqSendException. -1 waits as long as the producer runs. Default -1.
     */
    public void setSendTimeout(int sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public boolean isBlockWhenFull() {
        return blockWhenFull;
    }

    /**
     * What a PUSH, DEALER, PAIR or ROUTER producer does at the high-water mark: true waits (up to sendTimeout), which
     * pushes back on the route; false drops the message, counts it and logs a warning. PUB always drops at the mark
     * (ZeroMQ's rule for slow subscribers). Default true.
     */
    public void setBlockWhenFull(boolean blockWhenFull) {
        this.blockWhenFull = blockWhenFull;
    }

    public int getSendQueueSize() {
        return sendQueueSize;
    }

    /**
     * How many encoded messages may wait for the socket's sending thread before route threads block: enough to keep
     * the socket busy while routes encode, small enough that large frames do not pile up in the heap. Default 16.
     */
    public void setSendQueueSize(int sendQueueSize) {
        this.sendQueueSize = sendQueueSize;
    }

    public boolean isDedicatedSendThread() {
        return dedicatedSendThread;
    }

    /**
     * Send through one thread that owns the socket even where it is not needed. Connecting PUSH and PUB producers
     * otherwise send on the route's own thread, with a socket per route thread up to maxProducerSockets (no hand-off,
     * the fastest path); binding producers and PAIR, DEALER and ROUTER always use the one sending thread. Default
     * false.
     */
    public void setDedicatedSendThread(boolean dedicatedSendThread) {
        this.dedicatedSendThread = dedicatedSendThread;
    }

    public int getMaxProducerSockets() {
        return maxProducerSockets;
    }

    /**
     * The most sockets a connecting PUSH or PUB producer keeps open, however many threads send through it (say, a
     * ProducerTemplate called from a web server's thread pool). The first maxProducerSockets - 1 threads to send get a
     * socket each; a thread that ended gives its socket up to the next new thread; any further thread sends through
     * the endpoint's sending thread, on the last socket. A thread keeps the socket it was given while it lives, so its
     * messages arrive in order. 1 sends everything through the sending thread. Counted in sockets. Default 8.
     */
    public void setMaxProducerSockets(int maxProducerSockets) {
        this.maxProducerSockets = maxProducerSockets;
    }

    public String getIdentity() {
        return identity;
    }

    /** The routing identity of a DEALER socket, as a ROUTER peer sees it. Default: chosen by ZeroMQ. */
    public void setIdentity(String identity) {
        this.identity = identity;
    }

    public int getReconnectInterval() {
        return reconnectInterval;
    }

    /** Milliseconds between attempts to reconnect a lost connection. Default 100. */
    public void setReconnectInterval(int reconnectInterval) {
        this.reconnectInterval = reconnectInterval;
    }

    public int getReconnectIntervalMax() {
        return reconnectIntervalMax;
    }

    /**
     * Upper bound, in milliseconds, of the reconnect interval, which doubles after each failed attempt. 0 keeps the
     * interval fixed. Default 0.
     */
    public void setReconnectIntervalMax(int reconnectIntervalMax) {
        this.reconnectIntervalMax = reconnectIntervalMax;
    }

    public int getHandshakeInterval() {
        return handshakeInterval;
    }

    /**
     * Milliseconds a new connection may take to complete the ZeroMQ handshake before it is dropped and retried.
     * JeroMQ 0.6 occasionally leaves a fresh connection stuck before its handshake (zeromq/jeromq#1022); a short
     * interval turns that into a quick reconnect instead of ZeroMQ's 30 s default. 0 disables the limit. Default 2000.
     */
    public void setHandshakeInterval(int handshakeInterval) {
        this.handshakeInterval = handshakeInterval;
    }

    public int getHeartbeatInterval() {
        return heartbeatInterval;
    }

    /**
     * Milliseconds between ZMTP heartbeats (PING) on each connection, so a dead peer is noticed and its connection
     * dropped and retried even when no data flows. 0 sends none. Default 0.
     */
    public void setHeartbeatInterval(int heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public int getHeartbeatTimeout() {
        return heartbeatTimeout;
    }

    /**
     * Milliseconds without any traffic after a heartbeat before the connection is considered dead. 0 means the
     * heartbeat interval. Default 0.
     */
    public void setHeartbeatTimeout(int heartbeatTimeout) {
        this.heartbeatTimeout = heartbeatTimeout;
    }

    public long getMaxMessageSize() {
        return maxMessageSize;
    }

    /**
     * The largest message, in bytes, the socket accepts; a peer that sends a larger one is disconnected. Guards
     * memory against forged sizes. -1 means no limit. Default -1.
     */
    public void setMaxMessageSize(long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public boolean isCurveServer() {
        return curveServer;
    }

    /**
     * Encrypt and authenticate with CURVE as the server side (usually the side that binds): clients must know this
     * endpoint's curvePublicKey. Needs curveSecretKey and curvePublicKey. Default false.
     */
    public void setCurveServer(boolean curveServer) {
        this.curveServer = curveServer;
    }

    public String getCurvePublicKey() {
        return curvePublicKey;
    }

    /**
     * This endpoint's CURVE public key: 64 hex digits (safe in a URI) or 40 Z85 characters (then wrap it in RAW() and
     * mind that Z85 may contain {{). A client without keys gets a fresh pair per socket.
     */
    public void setCurvePublicKey(String curvePublicKey) {
        this.curvePublicKey = curvePublicKey;
    }

    public String getCurveSecretKey() {
        return curveSecretKey;
    }

    /** This endpoint's CURVE secret key (hex or Z85, as curvePublicKey). Keep it out of source control: use a placeholder. */
    public void setCurveSecretKey(String curveSecretKey) {
        this.curveSecretKey = curveSecretKey;
    }

    public String getCurveServerKey() {
        return curveServerKey;
    }

    /**
     * Makes this endpoint a CURVE client of the server with this public key (hex or Z85): traffic is
     * encrypted, and a server with another key is never talked to.
     */
    public void setCurveServerKey(String curveServerKey) {
        this.curveServerKey = curveServerKey;
    }

    public String getCurveAllowedClientKeys() {
        return curveAllowedClientKeys;
    }

    /**
     * On a CURVE server: the comma-separated public keys of the only clients it accepts. Default: any client that
     * knows the server's public key.
     */
    public void setCurveAllowedClientKeys(String curveAllowedClientKeys) {
        this.curveAllowedClientKeys = curveAllowedClientKeys;
    }

    /** The allowed client keys as a set; empty when any client is accepted. */
    java.util.Set<String> allowedClientKeySet() {
        if (curveAllowedClientKeys == null || curveAllowedClientKeys.isBlank()) {
            return java.util.Set.of();
        }
        return Arrays.stream(curveAllowedClientKeys.split(",")).map(String::trim).filter(k -> !k.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public boolean isIpv6() {
        return ipv6;
    }

    /** Enable IPv6 addresses on tcp transports. Default false. */
    public void setIpv6(boolean ipv6) {
        this.ipv6 = ipv6;
    }

    public boolean isImmediate() {
        return immediate;
    }

    /**
     * Queue messages only to connections that are up (ZMQ_IMMEDIATE): a connecting socket with no connection yet
     * blocks (PUSH, DEALER) or drops (PUB) instead of queueing. Default true, unlike ZeroMQ's, because JeroMQ 0.6.0
     * discards the queue of a connecting socket whenever its connection is retried unless this is set (libzmq does
     * the opposite); a retry comes after a handshake that timed out, which JeroMQ sometimes leaves stalled on a fresh
     * connection (zeromq/jeromq#1022), so every message sent while the first connection came up could be lost.
     */
    public void setImmediate(boolean immediate) {
        this.immediate = immediate;
    }

    public int getMsgAllocationHeapThreshold() {
        return msgAllocationHeapThreshold;
    }

    /**
     * Received frames larger than this many bytes go into direct (off-heap) buffers, the rest into heap arrays; 0 puts
     * every frame on the heap. Default 1 MiB, as JeroMQ's. A direct buffer is freed only after a GC has found it
     * unreachable: in a process that allocates almost no heap, such as a relay passing frames on as views, GCs are
     * rare, off-heap frames pile up until the JVM's direct-memory limit forces full GCs, and the consumer waits for
     * them (the arroyo runner, which sets 0, relayed 4 MiB frames at a third of the speed before). With 0, frames are
     * reclaimed by the young GC their own allocation triggers, and count against the heap (-Xmx).
     */
    public void setMsgAllocationHeapThreshold(int msgAllocationHeapThreshold) {
        this.msgAllocationHeapThreshold = msgAllocationHeapThreshold;
    }

    /** A copy for one endpoint. */
    public ArroyoZmqConfiguration copy() {
        try {
            return (ArroyoZmqConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    ZmqSocketType socketTypeFor(boolean consumer) {
        if (socketType != null) {
            return socketType;
        }
        return consumer ? ZmqSocketType.SUB : ZmqSocketType.PUB;
    }

    ZmqMode modeFor(ZmqSocketType type) {
        return mode != null ? mode : type.defaultMode();
    }
}
