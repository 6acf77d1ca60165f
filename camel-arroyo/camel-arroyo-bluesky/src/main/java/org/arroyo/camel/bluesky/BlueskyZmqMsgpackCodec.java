package org.arroyo.camel.bluesky;

/** {@code codec=bluesky-zmq-msgpack}: Bluesky's 0MQ form with msgpack (msgpack-numpy) documents, any prefix. */
public final class BlueskyZmqMsgpackCodec extends BlueskyZmqCodec {

    public static final String NAME = "bluesky-zmq-msgpack";

    public BlueskyZmqMsgpackCodec() {
        super(DocumentSerializer.MSGPACK);
    }
}
