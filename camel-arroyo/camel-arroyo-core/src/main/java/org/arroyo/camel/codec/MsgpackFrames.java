package org.arroyo.camel.codec;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageSizeException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.MessageBuffer;
import org.msgpack.core.buffer.MessageBufferInput;

/**
 * Reads one frame holding a msgpack map into an ordered Java map. Strings become {@link String}, integers
 * {@link Long} ({@link BigInteger} above {@code Long.MAX_VALUE}), floats {@link Double}, arrays {@link List}, maps
 * {@link LinkedHashMap}, the timestamp extension {@link java.time.Instant}; bin values become read-only
 * {@link ByteBuffer} slices of the frame, so array data is never copied ({@link #plain} turns leftovers into
 * {@code byte[]}).
 */
final class MsgpackFrames {

    // deeper nesting than any Arroyo message uses; guards the stack against hostile frames
    private static final int MAX_DEPTH = 64;
    // for frames msgpack-core cannot wrap (read-only or direct buffers): feed it copies of this size
    private static final int CHUNK = 64 * 1024;

    private MsgpackFrames() {
    }

    /**
     * Reads the frame's single top-level map.
     *
     * @throws CodecException when the frame is empty, truncated, not msgpack, not a map, has non-string keys at the
     *                        top level or trailing bytes
     */
    static Map<String, Object> readMap(String codec, ByteBuffer frame) {
        return readTop(codec, frame, "map", (u, f) -> {
            MessageFormat format = nextFormat(codec, u);
            if (format.getValueType() != org.msgpack.value.ValueType.MAP) {
                throw new CodecException(codec + " codec: the frame holds a msgpack "
                                         + typeName(format) + ", expected a map at the top level");
            }
            int n = u.unpackMapHeader();
            checkCount(codec, n * 2L, f, u);
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                Object key = read(codec, u, f, 1);
                if (!(key instanceof String name)) {
                    throw new CodecException(codec + " codec: top-level key " + key + " is not a string");
                }
                map.put(name, read(codec, u, f, 1));
            }
            return map;
        });
    }

    /**
     * Reads the frame's single top-level value, whatever its type (e.g. the {@code [name, doc]} pair of a Kafka
     * record), with the value types {@link #readMap} gives.
     *
     * @throws CodecException when the frame is empty, truncated, not msgpack or has trailing bytes
     */
    static Object readValue(String codec, ByteBuffer frame) {
        return readTop(codec, frame, "value", (u, f) -> read(codec, u, f, 0));
    }

    /** Reads what a top-level value holds. */
    private interface TopLevel<T> {
        T read(MessageUnpacker u, ByteBuffer f) throws IOException;
    }

    private static <T> T readTop(String codec, ByteBuffer frame, String what, TopLevel<T> body) {
        ByteBuffer f = frame.slice();
        // msgpack-core wraps only writable heap arrays on Java 17; other frames go through small copied chunks,
        // while bin values are still sliced from the original frame
        MessageUnpacker u = f.hasArray()
                ? MessagePack.newDefaultUnpacker(f.array(), f.arrayOffset(), f.remaining())
                : MessagePack.newDefaultUnpacker(new ChunkedInput(f.duplicate()));
        try (u) {
            if (!u.hasNext()) {
                throw new CodecException(codec + " codec: empty frame, expected a msgpack " + what);
            }
            T value = body.read(u, f);
            if (u.hasNext()) {
                throw new CodecException(codec + " codec: " + (f.remaining() - u.getTotalReadBytes())
                                         + " trailing bytes after the msgpack " + what);
            }
            return value;
        } catch (MessageInsufficientBufferException e) {
            throw new CodecException(codec + " codec: truncated msgpack frame (" + frame.remaining()
                                     + " bytes end inside a value)", e);
        } catch (MessageSizeException e) {
            throw new CodecException(codec + " codec: truncated or corrupt msgpack frame (a value declares a size of "
                                     + e.getSize() + " in a frame of " + frame.remaining() + " bytes)", e);
        } catch (MessagePackException | IOException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new CodecException(codec + " codec: not valid msgpack: " + why, e);
        }
    }

    private static Object read(String codec, MessageUnpacker u, ByteBuffer f, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new CodecException(codec + " codec: msgpack values nested deeper than " + MAX_DEPTH);
        }
        MessageFormat format = nextFormat(codec, u);
        switch (format.getValueType()) {
            case NIL:
                u.unpackNil();
                return null;
            case BOOLEAN:
                return u.unpackBoolean();
            case INTEGER:
                if (format == MessageFormat.UINT64) {
                    BigInteger big = u.unpackBigInteger();
                    return big.bitLength() < 64 ? (Object) big.longValue() : big;
                }
                return u.unpackLong();
            case FLOAT:
                return u.unpackDouble();
            case STRING:
                return readString(u, f);
            case BINARY:
                return readBin(u, f, format);
            case ARRAY: {
                int n = u.unpackArrayHeader();
                checkCount(codec, n, f, u);
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(read(codec, u, f, depth + 1));
                }
                return list;
            }
            case MAP: {
                int n = u.unpackMapHeader();
                checkCount(codec, n * 2L, f, u);
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object key = read(codec, u, f, depth + 1);
                    map.put(key, read(codec, u, f, depth + 1));
                }
                return map;
            }
            case EXTENSION: {
                ExtensionTypeHeader ext = u.unpackExtensionTypeHeader();
                if (ext.isTimestampType()) {
                    return timestamp(codec, u, ext);
                }
                throw new CodecException(codec + " codec: msgpack extension type " + ext.getType()
                                         + " is not supported");
            }
            default:
                throw new CodecException(codec + " codec: unexpected msgpack format " + format);
        }
    }

    // unpackString() allocates a 16 KiB CharBuffer decoder per unpacker on its first string, i.e. per frame; a
    // String built from the payload bytes allocates only the string (malformed UTF-8 is replaced either way)
    private static String readString(MessageUnpacker u, ByteBuffer f) throws IOException {
        int length = u.unpackRawStringHeader();
        // a forged length must not allocate: the string cannot be longer than what is left of the frame
        if (length < 0 || length > f.remaining() - u.getTotalReadBytes()) {
            throw new MessageInsufficientBufferException();
        }
        return new String(u.readPayload(length), java.nio.charset.StandardCharsets.UTF_8);
    }

    // a 96-bit timestamp holds any 64-bit seconds, more than java.time.Instant's range of about 10^9 years
    private static Instant timestamp(String codec, MessageUnpacker u, ExtensionTypeHeader ext) throws IOException {
        try {
            return u.unpackTimestamp(ext);
        } catch (DateTimeException | ArithmeticException e) {
            throw new CodecException(codec + " codec: msgpack timestamp out of range (" + e.getMessage() + ")", e);
        }
    }

    private static MessageFormat nextFormat(String codec, MessageUnpacker u) throws IOException {
        MessageFormat format = u.getNextFormat();
        if (format == MessageFormat.NEVER_USED) {
            throw new CodecException(codec + " codec: not valid msgpack: byte 0xc1 (never used by msgpack) at offset "
                                     + u.getTotalReadBytes());
        }
        return format;
    }

    // the payload offset is known from the read position before the value and the bin header's size; skipValue
    // moves past the payload without copying it
    private static ByteBuffer readBin(MessageUnpacker u, ByteBuffer f, MessageFormat format) throws IOException {
        long before = u.getTotalReadBytes();
        int headerSize = switch (format) {
            case BIN8 -> 2;
            case BIN16 -> 3;
            default -> 5;
        };
        long declared = peekBinLength(f, (int) before, headerSize);
        if (before + headerSize + declared > f.remaining()) {
            throw new MessageInsufficientBufferException();
        }
        u.skipValue();
        return f.slice((int) before + headerSize, (int) declared).asReadOnlyBuffer();
    }

    private static long peekBinLength(ByteBuffer f, int at, int headerSize) {
        if (at + headerSize > f.remaining()) {
            throw new MessageInsufficientBufferException();
        }
        return switch (headerSize) {
            case 2 -> f.get(at + 1) & 0xFFL;
            case 3 -> f.getShort(at + 1) & 0xFFFFL;
            default -> f.getInt(at + 1) & 0xFFFFFFFFL;
        };
    }

    // each element takes at least one byte: a larger declared count is a truncated or garbage frame, caught before
    // allocating for it
    private static void checkCount(String codec, long elements, ByteBuffer f, MessageUnpacker u) {
        if (elements > f.remaining() - u.getTotalReadBytes()) {
            throw new CodecException(codec + " codec: truncated msgpack frame (a container declares " + elements
                                     + " values but only " + (f.remaining() - u.getTotalReadBytes())
                                     + " bytes remain)");
        }
    }

    private static String typeName(MessageFormat format) {
        return format.getValueType().name().toLowerCase(Locale.ROOT);
    }

    /** A copy of a decoded value with every bin slice turned into a {@code byte[]}, for metadata and run data. */
    @SuppressWarnings("unchecked")
    static Object plain(Object value) {
        if (value instanceof ByteBuffer bin) {
            byte[] bytes = new byte[bin.remaining()];
            bin.duplicate().get(bytes);
            return bytes;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(plain(k), plain(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(plain(v)));
            return out;
        }
        return value;
    }

    /** {@link #plain} over a top-level map, leaving out the given keys. */
    static Map<String, Object> plainWithout(Map<String, Object> map, String... skip) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!List.of(skip).contains(k)) {
                out.put(k, plain(v));
            }
        });
        return out;
    }

    /** Serves a buffer msgpack-core cannot wrap as freshly copied chunks. */
    private static final class ChunkedInput implements MessageBufferInput {
        private final ByteBuffer source;

        ChunkedInput(ByteBuffer source) {
            this.source = source;
        }

        @Override
        public MessageBuffer next() {
            if (!source.hasRemaining()) {
                return null;
            }
            byte[] chunk = new byte[Math.min(CHUNK, source.remaining())];
            source.get(chunk);
            return MessageBuffer.wrap(chunk);
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
