package org.arroyo.camel.streampy;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.ForwardFraming;

/**
 * stream-py's UDP message-queue node as a Camel processor: the body is one datagram (bytes), the reply body the
 * datagram to send back. Put it behind a request-reply UDP endpoint, e.g.
 * {@code from("netty:udp://127.0.0.1:10000?sync=true&udpByteArrayCodec=true&receiveBufferSizePredictor=65536")}
 * (see {@link #nettyUri(String)}).
 * <ul>
 * <li>{@code PUT:<message>} queues the bytes after the first {@code :} and replies {@code PUT <n> bytes}, n their
 * byte count (stream-py counted characters: the same for ASCII);</li>
 * <li>{@code GET} replies the oldest message, or the empty message ({@code 10}) when the queue is empty;</li>
 * <li>{@code SIZE} replies the number of queued messages in decimal.</li>
 * </ul>
 * Unlike stream-py, which dropped them silently, a malformed datagram or an unknown verb gets a forward-framed
 * {@code ERR ...} reply. The queue is bounded: when it holds {@code capacity} messages a PUT is refused with
 * {@code ERR queue full (capacity N)} and the message is not queued, so the sender knows to retry or slow down.
 * Every reply is framed, so a client never waits for an answer that will not come.
 * <p>
 * Each queued message carries the time it was queued; a GET records the time it waited as the edge latency.
 * Thread-safe.
 */
public class MessageQueueNode implements Processor {

    /** The default number of messages the queue holds. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private static final int SHOWN_VERB = 32;

    private final BlockingQueue<Queued> queue;
    private final int capacity;
    private final LatencyStats edgeLatency = new LatencyStats();
    private final LongAdder puts = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder errors = new LongAdder();

    private record Queued(byte[] message, long queuedAt) {
    }

    public MessageQueueNode() {
        this(DEFAULT_CAPACITY);
    }

    /** @param capacity the most messages queued at once; a PUT beyond it is refused */
    public MessageQueueNode(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be 1 or more, was " + capacity);
        }
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** A camel-netty UDP endpoint that hands each datagram to a processor as bytes and sends its reply back. */
    public static String nettyUri(String hostPort) {
        return "netty:udp://" + hostPort + "?sync=true&udpByteArrayCodec=true&receiveBufferSizePredictor=65536";
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setBody(handle(exchange.getMessage().getBody(byte[].class)));
    }

    /** Answers one datagram; never throws: bad input gets an {@code ERR} reply. */
    public byte[] handle(byte[] datagram) {
        QueueRequest request;
        try {
            request = QueueRequest.parse(datagram == null ? new byte[0] : datagram);
        } catch (CodecException e) {
            return error("malformed datagram: " + e.getMessage());
        }
        return switch (request.verb()) {
            case "PUT" -> put(request.argument());
            case "GET" -> get();
            case "SIZE" -> ForwardFraming.encode(Integer.toString(queue.size()));
            default -> error("unknown verb '" + shown(request.verb()) + "'");
        };
    }

    private byte[] put(byte[] message) {
        if (message == null) {
            return error("PUT needs a message: PUT:<message>");
        }
        if (!queue.offer(new Queued(message, System.nanoTime()))) {
            rejected.increment();
            return error("queue full (capacity " + capacity + ")");
        }
        puts.increment();
        return ForwardFraming.encode("PUT " + message.length + " bytes");
    }

    private byte[] get() {
        Queued q = queue.poll();
        if (q == null) {
            return ForwardFraming.encode(new byte[0]);
        }
        edgeLatency.record(System.nanoTime() - q.queuedAt());
        return ForwardFraming.encode(q.message());
    }

    private byte[] error(String reason) {
        errors.increment();
        return ForwardFraming.encode("ERR " + reason);
    }

    private static String shown(String verb) {
        String v = verb.length() > SHOWN_VERB ? verb.substring(0, SHOWN_VERB) + "..." : verb;
        StringBuilder sb = new StringBuilder(v.length());
        v.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return sb.toString();
    }

    /** The number of queued messages. */
    public int size() {
        return queue.size();
    }

    public int getCapacity() {
        return capacity;
    }

    /** Time messages waited in the queue, recorded when a GET takes them. */
    public LatencyStats edgeLatency() {
        return edgeLatency;
    }

    /** Messages accepted by PUT. */
    public long puts() {
        return puts.sum();
    }

    /** PUTs refused because the queue was full. */
    public long rejected() {
        return rejected.sum();
    }

    /** Requests answered with {@code ERR} (malformed, unknown verb, full queue). */
    public long errors() {
        return errors.sum();
    }
}
