package org.arroyo.camel.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The file a recording is kept in ({@code arroyo record}, {@code arroyo replay}): a sequence of msgpack values, so
 * Python reads it with {@code msgpack.Unpacker} alone.
 * <ol>
 * <li>a header map, first key {@code format} = {@value #FORMAT}, then {@code version} = {@value #VERSION},
 * {@code started_ns} (ns since the Unix epoch) and what the recorder adds ({@code source}, ...);</li>
 * <li>one map per received transport message: {@code t_ns} (its arrival, ns since the Unix epoch: the start's wall
 * clock plus a monotonic clock, so never decreasing) and {@code frames} (an array of bin values, every frame of the
 * message exactly as received);</li>
 * <li>on a clean stop, a last map {@code end} = {@code {records, dropped, dropped_bytes, stopped_ns}}.</li>
 * </ol>
 * A process killed while writing leaves a last value cut short: msgpack values carry their lengths, so a reader sees
 * that it is incomplete and ignores it ({@link RecordingReader#isTruncated()}).
 */
public final class RunRecording {

    /** The value of the header's {@code format} key. */
    public static final String FORMAT = "arroyo-recording";
    /** The version this code writes and the highest it reads. */
    public static final int VERSION = 1;
    /** The file name ending the runner's documentation uses. */
    public static final String EXTENSION = ".arec";

    static final String KEY_FORMAT = "format";
    static final String KEY_VERSION = "version";
    static final String KEY_STARTED = "started_ns";
    static final String KEY_TIME = "t_ns";
    static final String KEY_FRAMES = "frames";
    static final String KEY_END = "end";

    private RunRecording() {
    }

    /** Creates (or replaces) a recording file and writes its header with these further fields. */
    public static RecordingWriter create(Path file, long startedEpochNanos, Map<String, Object> headerFields)
            throws IOException {
        return new RecordingWriter(file, startedEpochNanos, headerFields);
    }

    /**
     * Opens a recording and reads its header.
     *
     * @throws RecordingFormatException when the file does not start with a recording's header
     */
    public static RecordingReader open(Path file) throws IOException {
        return new RecordingReader(file);
    }

    /** One received transport message: when it arrived and its frames (views; do not write into them). */
    public record Message(long epochNanos, List<ByteBuffer> frames) {

        /** All frames' bytes together. */
        public long size() {
            long size = 0;
            for (ByteBuffer f : frames) {
                size += f.remaining();
            }
            return size;
        }
    }

    /** What a clean stop writes last: messages written, and those dropped because the disk was slower. */
    public record Summary(long records, long dropped, long droppedBytes, long stoppedEpochNanos) {
    }
}
