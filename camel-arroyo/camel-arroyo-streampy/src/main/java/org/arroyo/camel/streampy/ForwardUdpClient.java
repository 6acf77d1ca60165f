package org.arroyo.camel.streampy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.ForwardFraming;

/**
 * Talks to one stream-py message-queue node over UDP: each request is one forward-framed datagram, each reply one
 * datagram. A request waits {@code timeout} for its reply and is sent again up to {@code retries} more times, so a
 * lost datagram or a node that is down costs time, never a hung caller: after the last attempt
 * {@link ForwardTimeoutException} is thrown.
 * <p>
 * Guarantees follow from UDP: a retried PUT whose reply (not the PUT) was lost queues the message twice
 * (at least once); a GET whose reply is lost loses that message (at most once). A reply that arrives after its
 * request gave up is taken as the answer to the next request on this client, so for a GET-only client a late
 * message is still delivered rather than dropped. The socket is connected to the node, so datagrams from anyone
 * else are ignored. One client per thread: not thread-safe.
 */
public class ForwardUdpClient implements AutoCloseable {

    /** The largest UDP payload over IPv4. */
    public static final int MAX_DATAGRAM = 65_507;

    private final InetSocketAddress node;
    private final int retries;
    private final DatagramSocket socket;
    private final byte[] receiveBuffer = new byte[MAX_DATAGRAM + 1];

    /**
     * @param node    the node's address
     * @param timeout how long one attempt waits for the reply
     * @param retries how many times a request is sent again after a timeout (0: once only)
     */
    public ForwardUdpClient(InetSocketAddress node, Duration timeout, int retries) throws IOException {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, was " + retries);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.node = node;
        this.retries = retries;
        this.socket = new DatagramSocket();
        socket.connect(node);
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    }

    /** Parses {@code host:port}. */
    public static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + hostPort + "'");
        }
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** {@code PUT:<message>}; returns the node's reply ({@code PUT n bytes}, or {@code ERR ...}). */
    public String put(byte[] message) throws IOException {
        byte[] request = new byte[4 + message.length];
        System.arraycopy("PUT:".getBytes(StandardCharsets.US_ASCII), 0, request, 0, 4);
        System.arraycopy(message, 0, request, 4, message.length);
        return text(request(request));
    }

    public String put(String message) throws IOException {
        return put(message.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code GET}: the oldest message, empty when the queue is empty. */
    public byte[] get() throws IOException {
        return get(() -> true);
    }

    /** {@code GET}, retried only while {@code retryWhile} says so (a stopping worker gives up after one attempt). */
    public byte[] get(BooleanSupplier retryWhile) throws IOException {
        return request("GET".getBytes(StandardCharsets.US_ASCII), retryWhile);
    }

    /** {@code SIZE}: the number of queued messages. */
    public int size() throws IOException {
        String reply = text(request("SIZE".getBytes(StandardCharsets.US_ASCII)));
        try {
            return Integer.parseInt(reply);
        } catch (NumberFormatException e) {
            throw new IOException(node + " answered SIZE with '" + reply + "'", e);
        }
    }

    /**
     * Sends one message (framed here) and returns the reply's message (unframed).
     *
     * @throws ForwardTimeoutException when no attempt got a reply
     * @throws IOException             when the reply is not one forward-framed message
     */
    public byte[] request(byte[] message) throws IOException {
        return request(message, () -> true);
    }

    private byte[] request(byte[] message, BooleanSupplier retryWhile) throws IOException {
        byte[] framed = ForwardFraming.encode(message);
        if (framed.length > MAX_DATAGRAM) {
            throw new IllegalArgumentException("a framed request of " + framed.length + " bytes exceeds the largest"
                                               + " UDP datagram (" + MAX_DATAGRAM + " bytes)");
        }
        int attempt = 0;
        for (; attempt <= retries && (attempt == 0 || retryWhile.getAsBoolean()); attempt++) {
            socket.send(new DatagramPacket(framed, framed.length));
            DatagramPacket reply = new DatagramPacket(receiveBuffer, receiveBuffer.length);
            try {
                socket.receive(reply);
            } catch (SocketTimeoutException | PortUnreachableException e) {
                continue; // lost either way, or nobody listens yet: ask again
            }
            return unframe(reply);
        }
        throw new ForwardTimeoutException("no reply from " + node + " after " + attempt + " attempts of "
                                          + socket.getSoTimeout() + " ms");
    }

    private byte[] unframe(DatagramPacket reply) throws IOException {
        try {
            ByteBuffer body = ForwardFraming.decode(ByteBuffer.wrap(reply.getData(), 0, reply.getLength()));
            byte[] out = new byte[body.remaining()];
            body.get(out);
            return out;
        } catch (CodecException e) {
            throw new IOException(node + " sent a malformed reply: " + e.getMessage(), e);
        }
    }

    public InetSocketAddress node() {
        return node;
    }

    @Override
    public void close() {
        socket.close();
    }

    static String text(byte[] message) {
        return new String(message, StandardCharsets.UTF_8);
    }
}
