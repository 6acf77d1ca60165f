package org.arroyo.camel.codec;

/**
 * The size limits of the built-in decoders. A header (a msgpack shape, a JSON Rectangle, a forward length) may
 * claim any size; a decoder refuses a claim above its limit with a {@link CodecException} before it waits for,
 * allocates or slices anything of that size.
 * <p>
 * The codecs {@link Codecs#resolve} names use the defaults. For another limit, bind a codec constructed with it and
 * name the bean, e.g. {@code new MsgpackMultipartCodec(4L << 30)} bound as {@code bigFrames}, then
 * {@code arroyo-zmq:tcp://host:5657?codec=#bigFrames}. One buffer holds at most 2^31 - 1 bytes, so a larger limit
 * still refuses larger arrays.
 */
public final class CodecLimits {

    /** The default largest array a header may declare: 1 GiB (a Timepix event is about 26 MB). */
    public static final long DEFAULT_MAX_ARRAY_BYTES = 1L << 30;

    /** The default largest opaque message (raw, forward): 256 MiB, as {@link ForwardFrameReader}'s default. */
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 256L << 20;

    private CodecLimits() {
    }

    /** @throws IllegalArgumentException naming the option when the limit is negative */
    static long requireLimit(String option, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException(option + " must be 0 or more bytes, was " + bytes);
        }
        return bytes;
    }

    /** @throws CodecException when a message of {@code bytes} is above {@code max} */
    static void checkMessage(String codec, long bytes, long max) {
        if (bytes > max) {
            throw new CodecException(codec + " codec: a message of " + bytes + " bytes is above the limit of " + max
                                     + " bytes (maxMessageBytes)");
        }
    }
}
