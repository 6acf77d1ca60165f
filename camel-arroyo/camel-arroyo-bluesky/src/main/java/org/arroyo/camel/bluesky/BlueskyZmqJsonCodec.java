package org.arroyo.camel.bluesky;

/** {@code codec=bluesky-zmq-json}: Bluesky's 0MQ form with JSON documents, any prefix. */
public final class BlueskyZmqJsonCodec extends BlueskyZmqCodec {

    public static final String NAME = "bluesky-zmq-json";

    public BlueskyZmqJsonCodec() {
        super(DocumentSerializer.JSON);
    }
}
