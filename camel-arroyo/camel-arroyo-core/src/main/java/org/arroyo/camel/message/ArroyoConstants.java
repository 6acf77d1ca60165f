package org.arroyo.camel.message;

/** Exchange headers every Arroyo endpoint sets, whatever its transport. */
public final class ArroyoConstants {

    /** The kind of the message in the body: {@code start}, {@code event} or {@code stop}. */
    public static final String MESSAGE_TYPE = "CamelArroyoMessageType";

    /** The name of the codec that decoded the body. */
    public static final String CODEC = "CamelArroyoCodec";

    /**
     * On an exchange that failed to decode: the raw frames ({@code List<byte[]>}) the consumer received, kept here
     * because Camel's bridged error handler replaces the body with the error text.
     */
    public static final String RAW_FRAMES = "CamelArroyoRawFrames";

    private ArroyoConstants() {
    }
}
