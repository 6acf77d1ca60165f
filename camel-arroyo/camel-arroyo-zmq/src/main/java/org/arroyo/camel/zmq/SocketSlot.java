package org.arroyo.camel.zmq;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.apache.camel.AsyncCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One route thread's producer socket, opened on that thread, which alone sends on it. Another thread closes it only
 * once the owner has ended (everything the owner did happens-before {@code isAlive()} turning false), or on stop
 * under the slot's lock, once no send is under way.
 */
final class SocketSlot implements SendPath {

    private static final Logger LOG = LoggerFactory.getLogger(SocketSlot.class);

    private final Thread owner = Thread.currentThread();
    private final String address;
    private final int linger;
    private final LongSupplier stopDeadline;
    private final SocketWriter writer;
    private final ReentrantLock lock = new ReentrantLock();
    // guarded by lock
    private boolean closed;

    SocketSlot(ArroyoZmqEndpoint endpoint, ZmqSocketType type, LongSupplier stopDeadline) {
        this.address = endpoint.getAddress();
        this.linger = endpoint.getConfiguration().getLinger();
        this.stopDeadline = stopDeadline;
        this.writer = new SocketWriter(endpoint, type);
    }

    /** True once the owner thread has ended: nobody will send on this socket again. */
    boolean ownerEnded() {
        return !owner.isAlive();
    }

    @Override
    public boolean send(Outgoing outgoing, AsyncCallback callback) throws Exception {
        lock.lock();
        try {
            if (closed) {
                throw new ZmqSendException("producer of " + address + " is stopped", outgoing.exchange());
            }
            Exception failure = writer.write(outgoing.messages(), outgoing.exchange(), stopDeadline);
            if (failure != null) {
                outgoing.exchange().setException(failure);
            }
        } finally {
            lock.unlock();
        }
        callback.done(true);
        return true;
    }

    /** Closes the socket (it delivers what it took within linger) once a send under way has returned. */
    @Override
    public void stop() {
        // a blocked send gives up at the stop deadline, which is linger from now
        long wait = (linger < 0 ? 30_000L : linger) + 5_000L;
        try {
            if (!lock.tryLock(wait, TimeUnit.MILLISECONDS)) {
                LOG.warn("A send on {} did not return within {} ms; its socket closes with the component", address,
                        wait);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            if (!closed) {
                closed = true;
                writer.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
