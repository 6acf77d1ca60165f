package org.arroyo.camel.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.service.ServiceSupport;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.zmq.ArroyoZmqConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor that records each exchange's frames with its arrival time into a recording file. The route's thread
 * only queues the frames (views, no copy) into a buffer bounded in bytes; one writer thread of its own writes them
 * sequentially. When the disk is slower than the stream and the buffer is full, a message is dropped and counted
 * (never blocking the consumer, which for a SUB socket would only move the loss to the publisher, uncounted).
 * Stopping (the route stopped first, as Camel stops services after routes) writes what is queued, then the summary.
 * <p>
 * Bodies: an Event of the {@code frames} codec (every frame as received), another Event (its payload or arrays),
 * {@code byte[]} / {@code ByteBuffer} or anything Camel converts to {@code byte[]}, and a List of those. A ZeroMQ
 * topic taken off as a header ({@code topics=...}) is recorded as the message's first frame again.
 */
public final class Recorder extends ServiceSupport implements Processor, CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    private static final long STOP_WAIT_SECONDS = 120;

    private final Path file;
    private final Map<String, Object> headerFields;
    private final long bufferBytes;
    private final long maxMessages;
    private final Runnable onLimit;

    private final LinkedBlockingQueue<RunRecording.Message> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong writtenBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedBytes = new AtomicLong();
    private final CountDownLatch closed = new CountDownLatch(1);

    private CamelContext camelContext;
    private ExecutorService executor;
    private RecordingWriter writer;
    private CountDownLatch finished;
    private volatile boolean stopping;
    private volatile String writeError;
    private long startEpochNanos;
    private long startNanos;

    /**
     * @param bufferBytes  the most bytes of frames waiting for the writer; a message that does not fit is dropped
     *                     (one larger than the whole buffer is taken when nothing waits)
     * @param maxMessages  stop recording after this many messages (0: no limit); {@code onLimit} runs once then
     */
    public Recorder(Path file, Map<String, Object> headerFields, long bufferBytes, long maxMessages,
                    Runnable onLimit) {
        this.file = file;
        this.headerFields = headerFields;
        this.bufferBytes = bufferBytes;
        this.maxMessages = maxMessages;
        this.onLimit = onLimit;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    protected void doStart() throws Exception {
        startEpochNanos = System.currentTimeMillis() * 1_000_000L;
        startNanos = System.nanoTime();
        writer = RunRecording.create(file, startEpochNanos, headerFields);
        finished = new CountDownLatch(1);
        executor = camelContext.getExecutorServiceManager()
                .newSingleThreadExecutor(this, "ArroyoRecorder[" + file.getFileName() + "]");
        executor.execute(this::writeLoop);
        LOG.debug("Recording into {}", file);
    }

    /** Now as ns since the epoch: the start's wall clock plus the monotonic clock, so it never goes back. */
    private long now() {
        return startEpochNanos + (System.nanoTime() - startNanos);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        long arrival = now();
        Object body = exchange.getMessage().getBody();
        if (body instanceof Collection<?> many) {
            for (Object one : many) {
                offer(arrival, frames(exchange, one));
            }
        } else {
            offer(arrival, frames(exchange, body));
        }
    }

    private void offer(long arrival, List<ByteBuffer> frames) {
        if (maxMessages > 0 && accepted.get() >= maxMessages) {
            return; // the recording is complete; what comes after is not part of it
        }
        RunRecording.Message message = new RunRecording.Message(arrival, frames);
        long size = message.size();
        if (stopping || writeError != null || !reserve(size)) {
            dropped.incrementAndGet();
            droppedBytes.addAndGet(size);
            return;
        }
        queue.add(message);
        if (accepted.incrementAndGet() == maxMessages && maxMessages > 0) {
            onLimit.run();
        }
    }

    /** Room for this many bytes in the buffer; a message above the whole buffer fits only into an empty one. */
    private boolean reserve(long size) {
        while (true) {
            long queued = queuedBytes.get();
            if (queued > 0 && queued + size > bufferBytes) {
                return false;
            }
            if (queuedBytes.compareAndSet(queued, queued + size)) {
                return true;
            }
        }
    }

    private List<ByteBuffer> frames(Exchange exchange, Object body) throws Exception {
        List<ByteBuffer> frames;
        if (body instanceof Event event) {
            frames = FramesCodec.frames(event);
        } else if (body instanceof byte[] bytes) {
            frames = List.of(ByteBuffer.wrap(bytes));
        } else if (body instanceof ByteBuffer buffer) {
            frames = List.of(buffer.duplicate());
        } else {
            frames = List.of(ByteBuffer.wrap(exchange.getContext().getTypeConverter()
                    .mandatoryConvertTo(byte[].class, exchange, body)));
        }
        String topic = exchange.getMessage().getHeader(ArroyoZmqConstants.TOPIC, String.class);
        if (topic != null) {
            List<ByteBuffer> withTopic = new ArrayList<>(frames.size() + 1);
            withTopic.add(ByteBuffer.wrap(topic.getBytes(StandardCharsets.UTF_8)));
            withTopic.addAll(frames);
            frames = withTopic;
        }
        return frames;
    }

    private void writeLoop() {
        try {
            while (true) {
                RunRecording.Message message = queue.poll(100, TimeUnit.MILLISECONDS);
                if (message == null) {
                    if (stopping) {
                        return;
                    }
                    continue;
                }
                write(message);
                queuedBytes.addAndGet(-message.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished.countDown();
        }
    }

    private void write(RunRecording.Message message) {
        if (writeError != null) {
            dropped.incrementAndGet();
            droppedBytes.addAndGet(message.size());
            return;
        }
        try {
            writer.write(message.epochNanos(), message.frames());
            if (queue.isEmpty()) {
                // nothing waits: let readers (and a crash) see everything so far
                writer.flush();
            }
            written.incrementAndGet();
            writtenBytes.addAndGet(message.size());
        } catch (IOException e) {
            writeError = e.toString();
            dropped.incrementAndGet();
            droppedBytes.addAndGet(message.size());
            LOG.error("Recording into {} failed; further messages are dropped and counted: {}", file, e.toString());
        }
    }

    @Override
    protected void doStop() throws Exception {
        stopping = true;
        if (finished != null && !finished.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("The recorder's writer did not finish within {} s; closing {} with what it wrote",
                    STOP_WAIT_SECONDS, file);
        }
        if (executor != null) {
            camelContext.getExecutorServiceManager().shutdown(executor);
            executor = null;
        }
        if (writer != null) {
            try {
                if (writeError == null) {
                    writer.close(new RunRecording.Summary(written.get(), dropped.get(), droppedBytes.get(), now()));
                } else {
                    writer.close();
                }
            } finally {
                writer = null;
                closed.countDown();
            }
        }
        LOG.debug("Recording into {} closed: {} messages, {} dropped", file, written.get(), dropped.get());
    }

    /** Waits until the file is closed (the summary written); false when it was not within the time. */
    public boolean awaitClosed(long timeout, TimeUnit unit) throws InterruptedException {
        return closed.await(timeout, unit);
    }

    /** Messages written to the file. */
    public long written() {
        return written.get();
    }

    /** Bytes of frames written to the file. */
    public long writtenBytes() {
        return writtenBytes.get();
    }

    /** Messages dropped: the buffer was full (the disk slower than the stream) or writing had failed. */
    public long dropped() {
        return dropped.get();
    }

    /** Bytes of the dropped messages' frames. */
    public long droppedBytes() {
        return droppedBytes.get();
    }

    /** Bytes waiting for the writer now. */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** Why writing stopped, or null while it works. */
    public String writeError() {
        return writeError;
    }

    public Path file() {
        return file;
    }
}
