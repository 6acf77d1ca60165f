package org.arroyo.camel.streampy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.ForwardFraming;

/**
 * One datagram sent to a message-queue node, decoded: the verb (the text before the first {@code :}, or all of it)
 * and the argument (the bytes after the first {@code :}, possibly empty; {@code null} when there is no colon).
 */
public record QueueRequest(String verb, byte[] argument) {

    /**
     * Decodes a forward-framed datagram.
     *
     * @throws CodecException when the datagram is not exactly one forward-framed message
     */
    public static QueueRequest parse(byte[] datagram) {
        ByteBuffer message = ForwardFraming.decode(ByteBuffer.wrap(datagram));
        byte[] bytes = new byte[message.remaining()];
        message.get(bytes);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == ':') {
                byte[] argument = new byte[bytes.length - i - 1];
                System.arraycopy(bytes, i + 1, argument, 0, argument.length);
                return new QueueRequest(new String(bytes, 0, i, StandardCharsets.UTF_8), argument);
            }
        }
        return new QueueRequest(new String(bytes, StandardCharsets.UTF_8), null);
    }
}
