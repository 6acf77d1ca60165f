package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a byte stream (TCP) in forward framing into messages, fed with chunks of any size: a header may span
 * chunks and a chunk may hold several messages. One reader per stream, used from one thread.
 * <p>
 * A message longer than the configured maximum is refused before any memory is taken for it. After an error the
 * stream has lost its framing: the reader refuses further input until {@link #reset()}.
 */
public final class ForwardFrameReader {

    /** The default largest message, 256 MiB. */
    public static final int DEFAULT_MAX_MESSAGE = 256 * 1024 * 1024;

    private final int maxMessage;
    private final byte[] lengthDigits = new byte[15];
    private int digits;     // 0 while L is awaited
    private int digitsRead;
    private byte[] body;    // null until the whole header is read
    private int bodyRead;
    private String failure;

    /** A reader refusing messages above {@value #DEFAULT_MAX_MESSAGE} bytes. */
    public ForwardFrameReader() {
        this(DEFAULT_MAX_MESSAGE);
    }

    /** @param maxMessage the largest message in bytes this reader accepts (the framing allows up to 16^15 - 1) */
    public ForwardFrameReader(int maxMessage) {
        if (maxMessage < 0) {
            throw new IllegalArgumentException("maxMessage must be 0 or more, was " + maxMessage);
        }
        this.maxMessage = maxMessage;
    }

    /**
     * Consumes all remaining bytes of the chunk.
     *
     * @return the messages completed by this chunk, in order (possibly none)
     * @throws CodecException when the stream breaks the framing or announces a message above the maximum
     */
    public List<byte[]> feed(ByteBuffer chunk) {
        if (failure != null) {
            throw new CodecException("forward codec: the stream lost its framing earlier (" + failure
                                     + "); reset the reader");
        }
        List<byte[]> done = new ArrayList<>();
        try {
            while (chunk.hasRemaining()) {
                byte[] message = step(chunk);
                if (message != null) {
                    done.add(message);
                }
            }
        } catch (CodecException e) {
            failure = e.getMessage();
            throw e;
        }
        return done;
    }

    /** Consumes a byte array chunk. */
    public List<byte[]> feed(byte[] chunk, int offset, int length) {
        return feed(ByteBuffer.wrap(chunk, offset, length));
    }

    // one state step: reads L, a length digit, or as much of the body as the chunk holds
    private byte[] step(ByteBuffer chunk) {
        if (body == null) {
            if (digits == 0) {
                digits = ForwardFraming.digitsOf(chunk.get());
                digitsRead = 0;
            } else {
                lengthDigits[digitsRead++] = chunk.get();
            }
            if (digits > 0 && digitsRead == digits) {
                startBody();
            }
        } else {
            int n = Math.min(chunk.remaining(), body.length - bodyRead);
            chunk.get(body, bodyRead, n);
            bodyRead += n;
        }
        if (body != null && bodyRead == body.length) {
            byte[] message = body;
            body = null;
            digits = 0;
            return message;
        }
        return null;
    }

    private void startBody() {
        long length = 0;
        for (int i = 0; i < digits; i++) {
            length = length * 16 + ForwardFraming.hexValue(lengthDigits[i], "length digit " + (i + 1));
        }
        if (length > maxMessage) {
            throw new CodecException("forward codec: a message of " + length + " bytes exceeds the reader's maximum"
                                     + " of " + maxMessage + " bytes");
        }
        body = new byte[(int) length];
        bodyRead = 0;
    }

    /** Whether part of a message has been read and more bytes are needed (e.g. to report a cut stream). */
    public boolean hasPartialMessage() {
        return digits > 0 || body != null;
    }

    /** Forgets any partial message and an earlier failure, for a new stream. */
    public void reset() {
        digits = 0;
        digitsRead = 0;
        body = null;
        bodyRead = 0;
        failure = null;
    }
}
