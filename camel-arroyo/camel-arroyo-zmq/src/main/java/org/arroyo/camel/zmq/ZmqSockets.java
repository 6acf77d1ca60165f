package org.arroyo.camel.zmq;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/** Opens and configures the socket of an endpoint. Called on the thread that will own the socket. */
final class ZmqSockets {

    private ZmqSockets() {
    }

    static ZMQ.Socket open(ZContext context, String address, ZmqSocketType type, ArroyoZmqConfiguration config) {
        ZMQ.Socket socket = context.createSocket(type.jeromqType());
        try {
            socket.setLinger(config.getLinger());
            socket.setSndHWM(config.getSendHighWaterMark());
            socket.setRcvHWM(config.getReceiveHighWaterMark());
            socket.setReconnectIVL(config.getReconnectInterval());
            if (config.getReconnectIntervalMax() > 0) {
                socket.setReconnectIVLMax(config.getReconnectIntervalMax());
            }
            if (config.getMaxMessageSize() > 0) {
                socket.setMaxMsgSize(config.getMaxMessageSize());
            }
            socket.setHandshakeIvl(config.getHandshakeInterval());
            if (config.getHeartbeatInterval() > 0) {
                socket.setHeartbeatIvl(config.getHeartbeatInterval());
                socket.setHeartbeatTimeout(config.getHeartbeatTimeout() > 0 ? config.getHeartbeatTimeout()
                        : config.getHeartbeatInterval());
            }
            socket.setIPv6(config.isIpv6());
            socket.setImmediate(config.isImmediate());
            socket.setMsgAllocationHeapThreshold(config.getMsgAllocationHeapThreshold());
            if (config.getIdentity() != null && !config.getIdentity().isEmpty()) {
                socket.setIdentity(config.getIdentity().getBytes(StandardCharsets.UTF_8));
            }
            ZmqCurve.apply(socket, config, address);
            if (type == ZmqSocketType.ROUTER) {
                // fail a send to an unknown peer instead of dropping it silently
                socket.setRouterMandatory(true);
            }
            if (type == ZmqSocketType.SUB) {
                subscribe(socket, config);
            }
            attach(socket, address, config.modeFor(type));
            return socket;
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static void subscribe(ZMQ.Socket socket, ArroyoZmqConfiguration config) {
        if (config.topicList().isEmpty()) {
            socket.subscribe(ZMQ.SUBSCRIPTION_ALL);
        }
        for (String topic : config.topicList()) {
            socket.subscribe(topic.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** JeroMQ's message is only "Errno 48": name the error too, "address already in use (EADDRINUSE, errno 48)". */
    static String describe(ZMQException e) {
        try {
            ZMQ.Error error = ZMQ.Error.findByCode(e.getErrorCode());
            return error.getMessage().toLowerCase() + " (" + error.name() + ", errno " + e.getErrorCode() + ")";
        } catch (IllegalArgumentException unknown) {
            return e.getMessage();
        }
    }

    /** How long a bind waits for an address in use to be freed: by a socket of ours just closed, say. */
    static final long BIND_RETRY_MILLIS = 2000;

    private static void attach(ZMQ.Socket socket, String address, ZmqMode mode) {
        try {
            boolean ok = mode == ZmqMode.BIND ? bind(socket, address) : socket.connect(address);
            if (!ok) {
                throw new IllegalStateException("cannot " + mode.name().toLowerCase() + " " + address);
            }
        } catch (ZMQException e) {
            throw new IllegalStateException(
                    "cannot " + mode.name().toLowerCase() + " " + address + ": " + describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid ZeroMQ address '" + address + "' (expected e.g. "
                                               + "tcp://127.0.0.1:5555 or inproc://name): " + e.getMessage(), e);
        }
    }

    /**
     * Binds, waiting a little while the address is in use: JeroMQ frees a closed socket's address on its I/O thread,
     * after close() returned, so a route restarted on its address (or an endpoint replacing another) would fail for
     * a moment. An address another process holds still fails, after {@link #BIND_RETRY_MILLIS}.
     */
    private static boolean bind(ZMQ.Socket socket, String address) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BIND_RETRY_MILLIS);
        while (true) {
            try {
                return socket.bind(address);
            } catch (ZMQException e) {
                if (e.getErrorCode() != ZMQ.Error.EADDRINUSE.getCode() || System.nanoTime() >= deadline) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }
}
