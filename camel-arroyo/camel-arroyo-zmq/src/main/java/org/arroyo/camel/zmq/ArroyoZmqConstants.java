package org.arroyo.camel.zmq;

import org.apache.camel.spi.Metadata;
import org.arroyo.camel.message.ArroyoConstants;

/** Headers of the {@code arroyo-zmq} component. */
public final class ArroyoZmqConstants {

    @Metadata(label = "consumer", description = "The kind of Arroyo message in the body: start, event or stop (the "
                                                + "header YAML routes filter and choose on).",
              javaType = "String", important = true)
    public static final String MESSAGE_TYPE = ArroyoConstants.MESSAGE_TYPE;

    @Metadata(label = "consumer", description = "On an exchange whose message the codec rejected: the codec's name.",
              javaType = "String")
    public static final String CODEC = ArroyoConstants.CODEC;

    @Metadata(label = "consumer", description = "On an exchange whose message the codec rejected: the frames "
                                                + "received (after any envelope), for a dead letter channel to keep "
                                                + "(the bridged error handler replaces the body with the error text).",
              javaType = "java.util.List<byte[]>", important = true)
    public static final String RAW_FRAMES = ArroyoConstants.RAW_FRAMES;

    @Metadata(label = "consumer,producer",
              description = "The topic envelope: on a consumer, the first frame of a message received while topics "
                            + "are set; on a PUB producer, the topic frame to send before this message (overrides "
                            + "the endpoint's topics).",
              javaType = "String", important = true)
    public static final String TOPIC = "CamelArroyoZmqTopic";

    @Metadata(label = "consumer,producer",
              description = "The routing identity of the peer: set by a ROUTER consumer on each message; a ROUTER "
                            + "producer sends the message to the peer this header names.",
              javaType = "byte[]")
    public static final String IDENTITY = "CamelArroyoZmqIdentity";

    private ArroyoZmqConstants() {
    }
}
