package org.arroyo.camel.support;

import org.apache.camel.RuntimeCamelException;

/**
 * A message that was delivered as often as the consumer allows ({@code maxDeliveries}) without the route completing
 * it: the consumer gives up on it, hands it to the exception handler (with {@code bridgeErrorHandler=true} the
 * route's dead letter channel) and acknowledges it, so it is never redelivered forever.
 */
public class PoisonMessageException extends RuntimeCamelException {

    private final long deliveries;

    public PoisonMessageException(String message, long deliveries) {
        super(message);
        this.deliveries = deliveries;
    }

    /** How many times the message was delivered. */
    public long getDeliveries() {
        return deliveries;
    }
}
