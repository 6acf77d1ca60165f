package org.arroyo.camel.streampy;

import java.io.IOException;

/** A request to a message-queue node got no reply in any of its attempts. */
public class ForwardTimeoutException extends IOException {

    public ForwardTimeoutException(String message) {
        super(message);
    }
}
