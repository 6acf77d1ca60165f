package org.arroyo.camel.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The frames a codec writes for one message, packed into one payload for transports that carry one value per
 * message (a Redis value, a Kafka record, an AMQP or MQTT message, a file).
 * <p>
 * A single frame is the payload as it is, so the {@code raw} codec stays byte-identical to arroyopy (the payload
 * bytes alone). Several frames are {@code 00 41 52 46} ("\0ARF"), the frame count as a 4-byte big-endian unsigned
 * int, then per frame its length (4-byte big-endian) and its bytes. A reader unpacks payloads that start with that
 * marker, except for the {@code raw} codec, whose payloads are always one opaque frame.
 */
public final class PackedFrames {

    static final byte[] MAGIC = { 0, 'A', 'R', 'F' };

    private PackedFrames() {
    }

    /** One payload holding the frames: a single frame as it is, several length-prefixed after the marker. */
    public static byte[] pack(List<ByteBuffer> frames) {
        if (frames.size() == 1) {
            return bytes(frames.get(0));
        }
        long size = MAGIC.length + 4L;
        for (ByteBuffer f : frames) {
            size += 4L + f.remaining();
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new CodecException("a message of " + size + " bytes is too large to pack into one payload");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.put(MAGIC).putInt(frames.size());
        for (ByteBuffer f : frames) {
            out.putInt(f.remaining()).put(f.duplicate());
        }
        return out.array();
    }

    /**
     * Writes what {@link #pack} returns to a stream, without building it first: each frame is written from its own
     * buffer (no copy when the buffer has an accessible array).
     */
    public static void writeTo(List<ByteBuffer> frames, OutputStream out) throws IOException {
        if (frames.size() == 1) {
            write(frames.get(0), out);
            return;
        }
        out.write(MAGIC);
        writeInt(out, frames.size());
        for (ByteBuffer f : frames) {
            writeInt(out, f.remaining());
            write(f, out);
        }
    }

    private static void writeInt(OutputStream out, int value) throws IOException {
        out.write(new byte[] { (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value });
    }

    private static void write(ByteBuffer frame, OutputStream out) throws IOException {
        if (frame.hasArray()) {
            out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
        } else {
            // a read-only or direct view: the channel copies through a small buffer, not the whole frame at once
            Channels.newChannel(out).write(frame.duplicate());
        }
    }

    /** Whether a reader unpacks the payloads of this codec's messages: every codec but raw (see the class doc). */
    public static boolean unpacksFor(MessageCodec codec) {
        return !(codec instanceof RawCodec);
    }

    /** As {@link #pack}, but the frame itself when there is only one (no copy). */
    public static ByteBuffer packView(List<ByteBuffer> frames) {
        return frames.size() == 1 ? frames.get(0) : ByteBuffer.wrap(pack(frames));
    }

    /**
     * The frames of a payload written by {@link #pack}, as views of it.
     *
     * @param  framed         whether a payload starting with the marker holds several frames (false for the raw
     *                        codec)
     * @throws CodecException when a marked payload is truncated or has trailing bytes
     */
    public static List<ByteBuffer> unpack(byte[] payload, boolean framed) {
        if (!framed || !isPacked(payload)) {
            return List.of(ByteBuffer.wrap(payload));
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        in.position(MAGIC.length);
        long count = in.getInt() & 0xFFFFFFFFL;
        if (count > in.remaining() / 4) {
            throw new CodecException("multi-frame payload of " + payload.length + " bytes claims " + count
                                     + " frames");
        }
        List<ByteBuffer> frames = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            if (in.remaining() < 4) {
                throw new CodecException("multi-frame payload truncated before the length of frame " + i);
            }
            int len = in.getInt();
            if (len < 0 || len > in.remaining()) {
                throw new CodecException("multi-frame payload truncated: frame " + i + " claims "
                                         + (len & 0xFFFFFFFFL) + " bytes, " + in.remaining() + " left");
            }
            frames.add(in.slice().limit(len));
            in.position(in.position() + len);
        }
        if (in.hasRemaining()) {
            throw new CodecException("multi-frame payload has " + in.remaining() + " bytes after its last frame");
        }
        return frames;
    }

    /** Whether a payload starts with the multi-frame marker. */
    public static boolean isPacked(byte[] payload) {
        return payload.length >= MAGIC.length + 4 && Arrays.equals(payload, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** The bytes of the frames together. */
    public static long size(List<ByteBuffer> frames) {
        long size = 0;
        for (ByteBuffer f : frames) {
            size += f.remaining();
        }
        return size;
    }

    /** The frame's bytes: its backing array when the frame is exactly that array, else a copy. */
    public static byte[] bytes(ByteBuffer frame) {
        ByteBuffer view = frame.duplicate();
        if (view.hasArray() && view.arrayOffset() == 0 && view.position() == 0
            && view.remaining() == view.array().length && !view.isReadOnly()) {
            return view.array();
        }
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }
}
