package org.arroyo.camel.zmq;

import java.nio.ByteBuffer;
import java.util.List;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/**
 * How an endpoint's producers reach their socket(s): on the route's own thread ({@link RouteThreadSockets}), or
 * through the one thread that owns the socket ({@link SendingThread}).
 */
interface SendPath {

    /** The encoded messages of one exchange (several when an operator returned several), sent in order. */
    record Outgoing(List<List<ByteBuffer>> messages, Exchange exchange, AsyncCallback callback) {
    }

    /**
     * Sends the exchange's encoded messages. Returns true when it is done (the exception, if any, is on the exchange
     * and the callback was called), false when the callback will be called later from another thread.
     */
    boolean send(Outgoing outgoing, AsyncCallback callback) throws Exception;

    /** Sends what was accepted (within linger), fails the rest, closes the socket(s). */
    void stop();
}
