package org.arroyo.camel.recording;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/**
 * Reads a recording ({@link RunRecording}) message by message. A last message cut short (the recorder was killed
 * while writing it) ends the reading like the end of the file does, and {@link #isTruncated()} says so; damage
 * before the end is a {@link RecordingFormatException} naming the byte offset.
 */
public final class RecordingReader implements Closeable {

    private final Path file;
    private final MessageUnpacker unpacker;
    private final Map<String, Object> header;
    private RunRecording.Summary summary;
    private boolean truncated;
    private boolean ended;

    RecordingReader(Path file) throws IOException {
        this.file = file;
        InputStream in = Files.newInputStream(file);
        this.unpacker = new MessagePack.UnpackerConfig().withBufferSize(1 << 20).newUnpacker(in);
        try {
            this.header = readHeader();
        } catch (IOException | RuntimeException e) {
            unpacker.close();
            throw e;
        }
    }

    private Map<String, Object> readHeader() throws IOException {
        String notRecording = file + " is not an arroyo recording: ";
        try {
            if (!unpacker.hasNext()) {
                throw new RecordingFormatException(notRecording + "the file is empty");
            }
            MessageFormat first = unpacker.getNextFormat();
            if (first.getValueType() != org.msgpack.value.ValueType.MAP) {
                throw new RecordingFormatException(notRecording + "it starts with a msgpack " + first.getValueType()
                                                   + ", not the header map {format: " + RunRecording.FORMAT + ", ...}");
            }
            Object value = plain(unpacker.unpackValue());
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) value;
            Object format = map.get(RunRecording.KEY_FORMAT);
            if (!RunRecording.FORMAT.equals(format)) {
                throw new RecordingFormatException(notRecording + "its header's format is " + format + ", expected "
                                                   + RunRecording.FORMAT);
            }
            Object version = map.get(RunRecording.KEY_VERSION);
            if (!(version instanceof Long v) || v < 1 || v > RunRecording.VERSION) {
                throw new RecordingFormatException(file + ": recording version " + version
                                                   + " is not one this reader knows (1 to " + RunRecording.VERSION
                                                   + ")");
            }
            return map;
        } catch (MessageInsufficientBufferException e) {
            throw new RecordingFormatException(notRecording + "its header is cut short", e);
        } catch (MessagePackException | ClassCastException e) {
            throw new RecordingFormatException(notRecording + e.getMessage(), e);
        }
    }

    /** The header: {@code format}, {@code version}, {@code started_ns} and what the recorder added. */
    public Map<String, Object> header() {
        return header;
    }

    /** When the recording started, ns since the Unix epoch. */
    public long startedEpochNanos() {
        return header.get(RunRecording.KEY_STARTED) instanceof Long t ? t : 0;
    }

    /**
     * The next message, or empty at the end: the file's end, the summary of a clean stop, or a last message cut
     * short.
     *
     * @throws RecordingFormatException when a value before the end is not a message
     */
    public Optional<RunRecording.Message> next() throws IOException {
        while (!ended) {
            long offset = unpacker.getTotalReadBytes();
            try {
                if (!unpacker.hasNext()) {
                    ended = true;
                    break;
                }
                RunRecording.Message message = readValueAt(offset);
                if (message != null) {
                    return Optional.of(message);
                }
            } catch (MessageInsufficientBufferException cutShort) {
                truncated = true;
                ended = true;
            } catch (MessagePackException e) {
                throw new RecordingFormatException(file + ": damaged at byte " + offset + ": " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    /** A message, or null for a value that is none (the summary, which ends the reading). */
    private RunRecording.Message readValueAt(long offset) throws IOException {
        MessageFormat format = unpacker.getNextFormat();
        if (format.getValueType() != org.msgpack.value.ValueType.MAP) {
            throw new RecordingFormatException(file + ": damaged at byte " + offset + ": expected a message map, found"
                                               + " a msgpack " + format.getValueType());
        }
        int entries = unpacker.unpackMapHeader();
        long time = 0;
        List<ByteBuffer> frames = null;
        for (int i = 0; i < entries; i++) {
            String key = unpacker.unpackString();
            switch (key) {
                case RunRecording.KEY_TIME -> time = unpacker.unpackLong();
                case RunRecording.KEY_FRAMES -> frames = readFrames();
                case RunRecording.KEY_END -> summary = summary(plain(unpacker.unpackValue()));
                default -> unpacker.skipValue(); // a later version's addition
            }
        }
        if (summary != null) {
            ended = true;
            return null;
        }
        if (frames == null) {
            throw new RecordingFormatException(file + ": damaged at byte " + offset + ": a message without frames");
        }
        return new RunRecording.Message(time, frames);
    }

    private List<ByteBuffer> readFrames() throws IOException {
        int n = unpacker.unpackArrayHeader();
        List<ByteBuffer> frames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int size = unpacker.unpackBinaryHeader();
            frames.add(ByteBuffer.wrap(unpacker.readPayload(size)));
        }
        return frames;
    }

    private static RunRecording.Summary summary(Object value) {
        Map<?, ?> end = value instanceof Map<?, ?> m ? m : Map.of();
        return new RunRecording.Summary(number(end.get("records")), number(end.get("dropped")),
                number(end.get("dropped_bytes")), number(end.get("stopped_ns")));
    }

    private static long number(Object value) {
        return value instanceof Long l ? l : 0;
    }

    /** The summary of a clean stop, once the reading reached it; empty for a recording that was cut short. */
    public Optional<RunRecording.Summary> summary() {
        return Optional.ofNullable(summary);
    }

    /** Whether the file ends in a message cut short, which the reading ignored. */
    public boolean isTruncated() {
        return truncated;
    }

    @Override
    public void close() throws IOException {
        unpacker.close();
    }

    /** A msgpack value as plain Java: Map, List, String, Long, Double, Boolean, byte[] or null. */
    private static Object plain(Value value) {
        switch (value.getValueType()) {
            case MAP: {
                Map<String, Object> map = new LinkedHashMap<>();
                value.asMapValue().map().forEach((k, v) -> map.put(k.toString(), plain(v)));
                return map;
            }
            case ARRAY: {
                List<Object> list = new ArrayList<>();
                value.asArrayValue().forEach(v -> list.add(plain(v)));
                return list;
            }
            case STRING:
                return value.asStringValue().asString();
            case INTEGER:
                return value.asIntegerValue().toLong();
            case FLOAT:
                return value.asFloatValue().toDouble();
            case BOOLEAN:
                return value.asBooleanValue().getBoolean();
            case BINARY:
                return value.asBinaryValue().asByteArray();
            default:
                return null;
        }
    }
}
