package org.arroyo.camel.routes;

import org.zeromq.ZMQ;

/**
 * How the tests' own JeroMQ sockets connect: as arroyo-zmq's do by default. JeroMQ 0.6.0 sometimes leaves a fresh
 * connection without its handshake (zeromq/jeromq#1022): a short handshake interval retries it after a second, and
 * {@code immediate} keeps what the socket queued across that retry (without it JeroMQ drops the queue). A send waits
 * at most 30 s for a connection.
 */
public final class TestSockets {

    private TestSockets() {
    }

    public static void connect(ZMQ.Socket socket, String address) {
        socket.setHandshakeIvl(1000);
        socket.setImmediate(true);
        if (socket.getSendTimeOut() < 0) {
            socket.setSendTimeOut(30_000);
        }
        if (!socket.connect(address)) {
            throw new IllegalStateException("cannot connect to " + address);
        }
    }
}
