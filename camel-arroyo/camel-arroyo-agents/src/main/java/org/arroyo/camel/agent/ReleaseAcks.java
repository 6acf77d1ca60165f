package org.arroyo.camel.agent;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The last step of a chain (after the sinks) and of its dead letter route: the exchange has been handled, so it
 * releases its {@link RecordAck}s. Declare it as a bean and use {@code process: ref: ...}.
 */
public class ReleaseAcks implements Processor {

    @Override
    public void process(Exchange exchange) {
        ExchangeAcks.release(exchange);
    }
}
