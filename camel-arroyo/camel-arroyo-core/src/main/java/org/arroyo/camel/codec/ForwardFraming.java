package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * stream-py's forward framing, {@code L HH TTT}: TTT the message bytes (text UTF-8 encoded first), HH their byte
 * count in lowercase hexadecimal without padding, L the length of HH as one hexadecimal digit. "Hello World" is
 * {@code 1bHello World}, the empty message {@code 10}. The largest message is 16^15 - 1 bytes.
 */
public final class ForwardFraming {

    /** The largest byte count the framing can express: L is one hex digit, so HH has at most 15 digits. */
    public static final long MAX_LENGTH = 0x0FFF_FFFF_FFFF_FFFFL;

    private ForwardFraming() {
    }

    /** Frames a message (copies it after its header). */
    public static byte[] encode(byte[] message) {
        return encode(ByteBuffer.wrap(message)).array();
    }

    /** Frames text, UTF-8 encoded, so the length counts bytes. */
    public static byte[] encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Frames the remaining bytes of a buffer into a new heap buffer; the source is not moved. */
    public static ByteBuffer encode(ByteBuffer message) {
        byte[] header = header(message.remaining());
        ByteBuffer out = ByteBuffer.allocate(header.length + message.remaining());
        out.put(header).put(message.duplicate());
        return out.flip();
    }

    /** The {@code L HH} header for a message of {@code length} bytes. */
    public static byte[] header(long length) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new CodecException("forward codec: a message of " + length + " bytes cannot be framed (0 to "
                                     + MAX_LENGTH + ")");
        }
        String hh = Long.toHexString(length);
        return (Character.forDigit(hh.length(), 16) + hh).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads one framed message that fills the buffer exactly.
     *
     * @return a read-only view of the message bytes (no copy)
     * @throws CodecException when L or HH is not hexadecimal, or the bytes after the header are more or fewer than
     *                        HH says
     */
    public static ByteBuffer decode(ByteBuffer framed) {
        ByteBuffer f = framed.slice();
        if (!f.hasRemaining()) {
            throw new CodecException("forward codec: empty frame, expected at least the two header bytes");
        }
        int digits = digitsOf(f.get(0));
        if (f.remaining() < 1 + digits) {
            throw new CodecException("forward codec: the header says " + digits + " length digits but the frame has "
                                     + f.remaining() + " bytes");
        }
        long length = 0;
        for (int i = 1; i <= digits; i++) {
            length = length * 16 + hexValue(f.get(i), "length digit " + i);
        }
        long actual = f.remaining() - 1L - digits;
        if (actual != length) {
            throw new CodecException("forward codec: the header announces " + length + " bytes but " + actual
                                     + " follow");
        }
        return f.slice(1 + digits, (int) length).asReadOnlyBuffer();
    }

    /** Decodes a framed message as UTF-8 text. */
    public static String decodeText(ByteBuffer framed) {
        return StandardCharsets.UTF_8.decode(decode(framed)).toString();
    }

    /** The number of length digits the first header byte announces (1 to 15). */
    static int digitsOf(byte l) {
        int digits = hexValue(l, "the header's first byte (L)");
        if (digits == 0) {
            throw new CodecException("forward codec: L is 0, but the length needs at least one digit");
        }
        return digits;
    }

    /** The value of one hexadecimal digit, either case. */
    static int hexValue(byte b, String what) {
        int v = Character.digit((char) (b & 0xFF), 16);
        if (v < 0) {
            throw new CodecException("forward codec: " + what + " is " + printable(b) + ", not a hexadecimal digit");
        }
        return v;
    }

    private static String printable(byte b) {
        int c = b & 0xFF;
        return c >= 0x20 && c < 0x7F ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
    }
}
