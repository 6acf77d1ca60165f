package org.arroyo.camel.zmq;

import org.apache.camel.AsyncCallback;

/**
 * Connecting PUSH and PUB producers send on the route's own thread, on a socket of that thread's own (several sockets
 * connecting to one address is ordinary ZeroMQ; the peer fair-queues them): no hand-off to another thread, so a relay
 * costs what the raw library costs. The sockets are bounded by {@code maxProducerSockets}: the first threads get a
 * {@link SocketSlot} each, a thread that ended gives its slot up to the next newcomer, and threads beyond the bound
 * send through the endpoint's {@link SendingThread}, on the last socket. A thread keeps the path it was given for its
 * whole life, so its messages stay in the order it sent them.
 */
final class RouteThreadSockets implements SendPath {

    private final ArroyoZmqEndpoint endpoint;
    private final ZmqSocketType socketType;
    private final ThreadLocal<SendPath> paths = new ThreadLocal<>();
    private volatile boolean running = true;
    private volatile long stopDeadline = Long.MAX_VALUE;
    // guarded by this
    private final SocketSlot[] slots;
    private SendingThread overflow;

    RouteThreadSockets(ArroyoZmqEndpoint endpoint, ZmqSocketType socketType) {
        this.endpoint = endpoint;
        this.socketType = socketType;
        // the sending thread's socket counts towards the bound
        this.slots = new SocketSlot[Math.max(0, endpoint.getConfiguration().getMaxProducerSockets() - 1)];
    }

    /**
     * Opens and closes a socket on the starting thread, so a bad address fails the start; keeping it would hold a slot
     * for a thread that may never send and never end.
     */
    void start() {
        new SocketWriter(endpoint, socketType).close();
    }

    @Override
    public boolean send(Outgoing outgoing, AsyncCallback callback) throws Exception {
        if (!running) {
            throw new ZmqSendException("producer of " + endpoint.getAddress() + " is stopped", outgoing.exchange());
        }
        return pathOf(outgoing).send(outgoing, callback);
    }

    private SendPath pathOf(Outgoing outgoing) throws Exception {
        SendPath path = paths.get();
        if (path == null) {
            path = assign(outgoing);
            paths.set(path);
        }
        return path;
    }

    /** A slot of its own for the calling thread, opened on it, when one is free; else the sending thread. */
    private synchronized SendPath assign(Outgoing outgoing) throws Exception {
        if (!running) {
            throw new ZmqSendException("producer of " + endpoint.getAddress() + " is stopped", outgoing.exchange());
        }
        int free = -1;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null && slots[i].ownerEnded()) {
                slots[i].stop();
                slots[i] = null;
            }
            if (slots[i] == null && free < 0) {
                free = i;
            }
        }
        if (free >= 0) {
            slots[free] = new SocketSlot(endpoint, socketType, () -> stopDeadline);
            return slots[free];
        }
        if (overflow == null) {
            SendingThread started = new SendingThread(endpoint, socketType);
            started.start();
            overflow = started;
        }
        return overflow;
    }

    @Override
    public synchronized void stop() {
        int linger = endpoint.getConfiguration().getLinger();
        stopDeadline = linger < 0 ? Long.MAX_VALUE : System.currentTimeMillis() + linger;
        running = false;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                slots[i].stop();
                slots[i] = null;
            }
        }
        if (overflow != null) {
            overflow.stop();
            overflow = null;
        }
    }
}
