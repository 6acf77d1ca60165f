package org.arroyo.camel.bench.zmq;

/** The middle of a relay under test: started for one trial, then stopped. */
interface Hop extends AutoCloseable {

    void start() throws Exception;

    @Override
    void close() throws Exception;
}
