package org.arroyo.camel.message;

/** Exchange headers every Arroyo endpoint sets, whatever its transport. */
public final class ArroyoConstants {

    /** The kind of the message in the body: {@code start}, {@code event} or {@code stop}. */
    public static final String MESSAGE_TYPE = "CamelArroyoMessageType";

    /** The name of the codec that decoded the body. */
    public static final String CODEC = "CamelArroyoCodec";

    private ArroyoConstants() {
    }
}
