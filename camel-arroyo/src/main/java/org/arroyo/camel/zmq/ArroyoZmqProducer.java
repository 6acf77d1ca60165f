package org.arroyo.camel.zmq;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.support.DefaultAsyncProducer;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.metrics.ArroyoStats;
import org.arroyo.camel.metrics.ArroyoStatsSource;

/**
 * Encodes the body on the route's thread and hands the frames to the endpoint's sending thread, which owns the
 * socket; the exchange completes when the socket took the message. Safe for any number of concurrent route threads.
 */
public class ArroyoZmqProducer extends DefaultAsyncProducer implements ArroyoStatsSource {

    private final ZmqSocketType socketType;
    private final byte[] defaultTopic;
    private ZmqOutbound sender;

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
        sender = getEndpoint().acquireSender();
    }

    @Override
    protected void doStop() throws Exception {
        if (sender != null) {
            sender = null;
            getEndpoint().releaseSender();
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            // no frames: the codec has no representation for this message (e.g. Start in the raw format)
            List<List<ByteBuffer>> encoded = exchange.getIn().getBody() instanceof ArroyoMessage one
                    ? encodeOne(exchange, one) : encodeAll(exchange);
            if (encoded.isEmpty()) {
                callback.done(true);
                return true;
            }
            return sender.send(new ZmqSender.Outgoing(encoded, exchange, callback), callback);
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }

    /** The common case, one message: no lists built around it. */
    private List<List<ByteBuffer>> encodeOne(Exchange exchange, ArroyoMessage message) throws Exception {
        List<ByteBuffer> frames = getEndpoint().codec().encode(message);
        return frames.isEmpty() ? List.of() : List.of(withEnvelope(exchange, frames));
    }

    private List<List<ByteBuffer>> encodeAll(Exchange exchange) throws Exception {
        List<List<ByteBuffer>> encoded = new ArrayList<>(1);
        for (ArroyoMessage message : messages(exchange)) {
            List<ByteBuffer> frames = getEndpoint().codec().encode(message);
            if (!frames.isEmpty()) {
                encoded.add(withEnvelope(exchange, frames));
            }
        }
        return encoded;
    }

    /** The body as messages: one, or each element of a collection (an operator's several results), in order. */
    private static List<ArroyoMessage> messages(Exchange exchange) throws Exception {
        Object body = exchange.getIn().getBody();
        if (body instanceof Collection<?> many) {
            List<ArroyoMessage> out = new ArrayList<>(many.size());
            for (Object element : many) {
                out.add(exchange.getContext().getTypeConverter().mandatoryConvertTo(ArroyoMessage.class, exchange,
                        element));
            }
            return out;
        }
        return List.of(exchange.getIn().getMandatoryBody(ArroyoMessage.class));
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
