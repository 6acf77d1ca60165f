package org.arroyo.camel.zmq;

import org.apache.camel.AsyncCallback;

/** How an endpoint's producers reach their socket(s): through one sending thread, or on the route's own thread. */
interface ZmqOutbound {

    /**
     * Sends the exchange's encoded messages. Returns true when it is done (the exception, if any, is on the exchange
     * and the callback was called), false when the callback will be called later from another thread.
     */
    boolean send(ZmqSender.Outgoing outgoing, AsyncCallback callback) throws Exception;

    /** Sends what was accepted (within linger), fails the rest, closes the socket(s). */
    void stop();
}
