package org.arroyo.camel.zmq;

/** Whether an endpoint's socket binds the address (the stable end) or connects to it. */
public enum ZmqMode {
    BIND,
    CONNECT
}
