package org.arroyo.camel.zmq;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.zeromq.SocketType;

/** The ZeroMQ socket types an {@code arroyo-zmq} endpoint can open, and which side of a route each may sit on. */
public enum ZmqSocketType {
    PUB(SocketType.PUB, false, true, ZmqMode.BIND),
    SUB(SocketType.SUB, true, false, ZmqMode.CONNECT),
    PUSH(SocketType.PUSH, false, true, ZmqMode.CONNECT),
    PULL(SocketType.PULL, true, false, ZmqMode.BIND),
    PAIR(SocketType.PAIR, true, true, ZmqMode.BIND),
    DEALER(SocketType.DEALER, true, true, ZmqMode.CONNECT),
    ROUTER(SocketType.ROUTER, true, true, ZmqMode.BIND);

    static final Set<ZmqSocketType> CONSUMER_TYPES = EnumSet.of(SUB, PULL, PAIR, DEALER, ROUTER);
    static final Set<ZmqSocketType> PRODUCER_TYPES = EnumSet.of(PUB, PUSH, PAIR, DEALER, ROUTER);

    private final SocketType jeromqType;
    private final boolean receives;
    private final boolean sends;
    private final ZmqMode defaultMode;

    ZmqSocketType(SocketType jeromqType, boolean receives, boolean sends, ZmqMode defaultMode) {
        this.jeromqType = jeromqType;
        this.receives = receives;
        this.sends = sends;
        this.defaultMode = defaultMode;
    }

    public SocketType jeromqType() {
        return jeromqType;
    }

    /** Whether a consumer (route input) may use this type. */
    public boolean receives() {
        return receives;
    }

    /** Whether a producer (route output) may use this type. */
    public boolean sends() {
        return sends;
    }

    /** Bind for the stable end of the pattern (PUB, PULL, ROUTER, PAIR), connect for the others. */
    public ZmqMode defaultMode() {
        return defaultMode;
    }

    static String names(Set<ZmqSocketType> types) {
        return types.stream().map(Enum::name).collect(Collectors.joining(", "));
    }
}
