package org.arroyo.camel.dataformat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.Codecs;
import org.arroyo.camel.codec.MessageCodec;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.codec.PackedFrames;
import org.arroyo.camel.support.ProducerBodies;

/**
 * The marshal for codecs that write one message as several payloads (bluesky-kafka: a stream's first Event is a
 * descriptor document and an event document): the body, a message or a list of them, becomes the {@code List<byte[]>}
 * of every payload the codec writes, in order, each packed as the arroyo data format packs one; split it to send each
 * as its own record. The arroyo data format's {@code unmarshal} reads them back.
 *
 * <pre>
 * - beans:
 *     - name: blueskyRecords
 *       type: org.arroyo.camel.dataformat.ArroyoPayloads
 *       properties: { codec: bluesky-kafka }
 * ...
 *       - process: { ref: blueskyRecords }
 *       - split: { simple: "${body}", steps: [ { to: "kafka:bluesky?..." } ] }
 * </pre>
 */
public class ArroyoPayloads implements Processor {

    private String codec = MsgpackCodec.NAME;
    private MessageCodec resolved;

    public String getCodec() {
        return codec;
    }

    /** The codec: a built-in name, a discovered one (bluesky-kafka) or #beanName of a MessageCodec. */
    public synchronized void setCodec(String codec) {
        this.codec = codec;
        this.resolved = null;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        Collection<?> messages = body instanceof Collection<?> many ? many : List.of(body);
        MessageCodec c = codec(exchange);
        List<byte[]> payloads = new ArrayList<>();
        for (Object m : messages) {
            try {
                for (List<ByteBuffer> frames : c.encodeAll(ProducerBodies.message(exchange, m))) {
                    payloads.add(PackedFrames.pack(frames));
                }
            } catch (CodecException e) {
                throw new CodecException("arroyo payloads (codec '" + c.name() + "'): " + e.getMessage(), e);
            }
        }
        exchange.getMessage().setBody(payloads);
    }

    /** Resolved once: the codec's writer keeps a run's state (which descriptors it has written). */
    private synchronized MessageCodec codec(Exchange exchange) {
        if (resolved == null) {
            resolved = Codecs.resolve(exchange.getContext(), codec);
        }
        return resolved;
    }
}
