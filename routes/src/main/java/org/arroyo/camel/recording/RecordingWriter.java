package org.arroyo.camel.recording;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.MsgpackValues;

/**
 * Writes a recording ({@link RunRecording}) sequentially, from one thread. Small frames are gathered in a buffer;
 * a large frame goes from its own buffer to the file with no copy in between. {@link #flush()} hands what is
 * buffered to the operating system, so a reader (or a crash) sees every message written before it.
 */
public final class RecordingWriter implements Closeable {

    private static final int BUFFER_BYTES = 1 << 20;
    // frames up to this size are copied into the buffer; larger ones are written from where they are
    private static final int SMALL_FRAME = 64 << 10;
    private static final byte[] KEY_TIME = RunRecording.KEY_TIME.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_FRAMES = RunRecording.KEY_FRAMES.getBytes(StandardCharsets.US_ASCII);

    private final FileChannel channel;
    private final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private long records;
    private long bytes;

    RecordingWriter(Path file, long startedEpochNanos, Map<String, Object> headerFields) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        Map<String, Object> header = new LinkedHashMap<>();
        // format first: the file's first bytes are then always the same, a magic number for tools such as file(1)
        header.put(RunRecording.KEY_FORMAT, RunRecording.FORMAT);
        header.put(RunRecording.KEY_VERSION, (long) RunRecording.VERSION);
        header.put(RunRecording.KEY_STARTED, startedEpochNanos);
        headerFields.forEach(header::putIfAbsent);
        writeValue(header);
        flush();
    }

    /** Appends one message: {@code {t_ns: epochNanos, frames: [bin, ...]}}. */
    public void write(long epochNanos, List<ByteBuffer> frames) throws IOException {
        room(32);
        out.put((byte) 0x82);
        putKey(KEY_TIME);
        out.put((byte) 0xd3).putLong(epochNanos);
        putKey(KEY_FRAMES);
        putArrayHeader(frames.size());
        for (ByteBuffer frame : frames) {
            int size = frame.remaining();
            room(5);
            putBinHeader(size);
            if (size <= SMALL_FRAME) {
                room(size);
                out.put(frame.duplicate());
            } else {
                flush();
                ByteBuffer view = frame.duplicate();
                while (view.hasRemaining()) {
                    bytes += channel.write(view);
                }
            }
        }
        records++;
    }

    /** Hands the buffered bytes to the operating system. */
    public void flush() throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            bytes += channel.write(out);
        }
        out.clear();
    }

    /** Messages written so far. */
    public long records() {
        return records;
    }

    /** Bytes handed to the file so far (without what is still buffered). */
    public long bytesWritten() {
        return bytes;
    }

    /** Writes the summary, forces the file to disk and closes it. */
    public void close(RunRecording.Summary summary) throws IOException {
        try {
            Map<String, Object> end = new LinkedHashMap<>();
            end.put("records", summary.records());
            end.put("dropped", summary.dropped());
            end.put("dropped_bytes", summary.droppedBytes());
            end.put("stopped_ns", summary.stoppedEpochNanos());
            writeValue(Map.of(RunRecording.KEY_END, end));
            flush();
            channel.force(true);
        } finally {
            channel.close();
        }
    }

    /** Closes without a summary (after a write failed): what was flushed stays readable. */
    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            channel.close();
        }
    }

    private void writeValue(Map<String, Object> value) throws IOException {
        ByteBuffer packed = MsgpackValues.write(RunRecording.FORMAT, value);
        if (packed.remaining() > out.remaining()) {
            flush();
            while (packed.hasRemaining()) {
                bytes += channel.write(packed);
            }
        } else {
            out.put(packed);
        }
    }

    private void room(int size) throws IOException {
        if (out.remaining() < size) {
            flush();
        }
    }

    private void putKey(byte[] key) {
        out.put((byte) (0xa0 | key.length)).put(key);
    }

    private void putArrayHeader(int n) {
        if (n < 16) {
            out.put((byte) (0x90 | n));
        } else if (n < 65536) {
            out.put((byte) 0xdc).putShort((short) n);
        } else {
            out.put((byte) 0xdd).putInt(n);
        }
    }

    private void putBinHeader(int n) {
        if (n < 256) {
            out.put((byte) 0xc4).put((byte) n);
        } else if (n < 65536) {
            out.put((byte) 0xc5).putShort((short) n);
        } else {
            out.put((byte) 0xc6).putInt(n);
        }
    }
}
