package org.arroyo.camel.zmq;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.camel.AsyncCallback;

/**
 * Connecting PUSH and PUB producers send on the route's own thread, each route thread with a socket of its own
 * (several sockets connecting to one address is ordinary ZeroMQ; the peer fair-queues them). No hand-off to another
 * thread, so a relay costs what the raw library costs; a socket is still used by exactly one thread. On stop, the
 * sockets are closed (their lingering messages sent) once the route's exchanges are done.
 */
final class ThreadConfinedOutbound implements ZmqOutbound {

    private final ArroyoZmqEndpoint endpoint;
    private final ZmqSocketType socketType;
    private final ThreadLocal<SocketWriter> writers = new ThreadLocal<>();
    // the thread that sent last and its socket: a route fed by one consumer thread (the usual case) skips the
    // ThreadLocal lookup, which showed in profiles (Camel's threads carry many thread-locals)
    private volatile Owner last;
    private final Queue<SocketWriter> all = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private volatile long stopDeadline = Long.MAX_VALUE;

    ThreadConfinedOutbound(ArroyoZmqEndpoint endpoint, ZmqSocketType socketType) {
        this.endpoint = endpoint;
        this.socketType = socketType;
    }

    /** Opens the first socket now, on the starting thread, so a bad address fails the start. */
    void start() {
        writer();
    }

    @Override
    public boolean send(ZmqSender.Outgoing outgoing, AsyncCallback callback) throws Exception {
        if (!running) {
            throw new ZmqSendException("producer of " + endpoint.getAddress() + " is stopped", outgoing.exchange());
        }
        Exception failure = writer().write(outgoing.messages(), outgoing.exchange(), () -> stopDeadline);
        if (failure != null) {
            outgoing.exchange().setException(failure);
        }
        callback.done(true);
        return true;
    }

    private SocketWriter writer() {
        Thread me = Thread.currentThread();
        Owner owner = last;
        if (owner != null && owner.thread() == me) {
            return owner.writer();
        }
        SocketWriter writer = writers.get();
        if (writer == null) {
            writer = new SocketWriter(endpoint, socketType);
            writers.set(writer);
            all.add(writer);
        }
        last = new Owner(me, writer);
        return writer;
    }

    /** A thread and its socket. */
    private record Owner(Thread thread, SocketWriter writer) {
    }

    @Override
    public void stop() {
        int linger = endpoint.getConfiguration().getLinger();
        stopDeadline = linger < 0 ? Long.MAX_VALUE : System.currentTimeMillis() + linger;
        running = false;
        last = null;
        // the route's in-flight exchanges are done by now: each socket's own thread has let go of it
        SocketWriter writer;
        while ((writer = all.poll()) != null) {
            writer.close();
        }
    }
}
