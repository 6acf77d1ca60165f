package org.arroyo.camel.zmq;

import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;

/** A message the producer accepted but could not hand to its socket: timed out at the high-water mark, or stopped. */
public class ZmqSendException extends CamelExchangeException {

    public ZmqSendException(String message, Exchange exchange) {
        super(message, exchange);
    }
}
