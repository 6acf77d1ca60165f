package org.arroyo.camel.zmq;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.metrics.ArroyoStats;
import org.arroyo.camel.metrics.ArroyoStatsSource;
import org.arroyo.camel.support.ProducerBodies;
import org.arroyo.camel.support.TraceContextInjector;

/**
 * Encodes the body on the route's thread and hands the frames to the endpoint's {@link SendPath}: a socket of the
 * route thread's own, or the endpoint's sending thread, which owns its socket. The exchange completes when a socket
 * took the message. Safe for any number of concurrent route threads.
 */
public class ArroyoZmqProducer extends DefaultAsyncProducer implements ArroyoStatsSource {

    private final ZmqSocketType socketType;
    private final byte[] defaultTopic;
    private SendPath sendPath;
    private TraceContextInjector traceContext = TraceContextInjector.OFF;

    public ArroyoZmqProducer(ArroyoZmqEndpoint endpoint) {
        super(endpoint);
        this.socketType = endpoint.getConfiguration().socketTypeFor(false);
        List<String> topics = endpoint.getConfiguration().topicList();
        this.defaultTopic = topics.isEmpty() ? null : topics.get(0).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public ArroyoZmqEndpoint getEndpoint() {
        return (ArroyoZmqEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        sendPath = getEndpoint().acquireSendPath();
        traceContext = TraceContextInjector.of(getEndpoint().getCamelContext(), getEndpoint().codec());
    }

    @Override
    protected void doStop() throws Exception {
        if (sendPath != null) {
            sendPath = null;
            getEndpoint().releaseSendPath();
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            // no frames: the codec has no representation for this message (e.g. Start in the raw format)
            ArroyoMessage one = ProducerBodies.single(exchange);
            List<List<ByteBuffer>> encoded = one != null ? encodeOne(exchange, one) : encodeAll(exchange);
            if (encoded.isEmpty()) {
                callback.done(true);
                return true;
            }
            return sendPath.send(new SendPath.Outgoing(encoded, exchange, callback), callback);
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }

    /**
     * The common case, one message: no lists built around it. A codec may write one message as several ZeroMQ
     * messages (a Bluesky descriptor before a stream's first event): each is sent as its own, in order.
     */
    private List<List<ByteBuffer>> encodeOne(Exchange exchange, ArroyoMessage message) throws Exception {
        List<List<ByteBuffer>> messages = getEndpoint().codec().encodeAll(traceContext.apply(exchange, message));
        if (messages.size() == 1) {
            return List.of(withEnvelope(exchange, messages.get(0)));
        }
        List<List<ByteBuffer>> encoded = new ArrayList<>(messages.size());
        for (List<ByteBuffer> frames : messages) {
            encoded.add(withEnvelope(exchange, frames));
        }
        return encoded;
    }

    private List<List<ByteBuffer>> encodeAll(Exchange exchange) throws Exception {
        List<ArroyoMessage> messages = ProducerBodies.messages(exchange);
        List<List<ByteBuffer>> encoded = new ArrayList<>(messages.size());
        for (ArroyoMessage message : messages) {
            for (List<ByteBuffer> frames : getEndpoint().codec().encodeAll(traceContext.apply(exchange, message))) {
                encoded.add(withEnvelope(exchange, frames));
            }
        }
        return encoded;
    }

    private List<ByteBuffer> withEnvelope(Exchange exchange, List<ByteBuffer> frames) throws Exception {
        byte[] first = null;
        if (socketType == ZmqSocketType.ROUTER) {
            first = exchange.getIn().getHeader(ArroyoZmqConstants.IDENTITY, byte[].class);
            if (first == null) {
                throw new IllegalArgumentException("a ROUTER producer needs the " + ArroyoZmqConstants.IDENTITY
                                                   + " header naming the peer to send to");
            }
        } else if (defaultTopic != null) {
            String topic = exchange.getIn().getHeader(ArroyoZmqConstants.TOPIC, String.class);
            first = topic != null ? topic.getBytes(StandardCharsets.UTF_8) : defaultTopic;
        }
        if (first == null) {
            return frames;
        }
        List<ByteBuffer> all = new ArrayList<>(frames.size() + 1);
        all.add(ByteBuffer.wrap(first));
        all.addAll(frames);
        return all;
    }

    @Override
    public ArroyoStats getArroyoStats() {
        return getEndpoint().getArroyoStats();
    }

    @Override
    public Direction getArroyoDirection() {
        return Direction.SENT;
    }
}
