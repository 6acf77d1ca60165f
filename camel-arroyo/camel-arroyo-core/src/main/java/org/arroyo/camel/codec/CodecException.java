package org.arroyo.camel.codec;

/**
 * Bytes that a codec cannot turn into a message, or a message it cannot write. The message says which codec and
 * what was wrong, so the dead letter or log entry is enough to find the fault.
 */
public class CodecException extends RuntimeException {

    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
