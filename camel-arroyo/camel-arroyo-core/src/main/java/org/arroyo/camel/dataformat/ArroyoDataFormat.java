package org.arroyo.camel.dataformat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.spi.Configurer;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Dataformat;
import org.apache.camel.support.service.ServiceSupport;
import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.Codecs;
import org.arroyo.camel.codec.MessageCodec;
import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.codec.PackedFrames;
import org.arroyo.camel.message.ArroyoConstants;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.support.ProducerBodies;

/**
 * The {@code arroyo} data format: any codec as {@code marshal} / {@code unmarshal}, so any Camel endpoint (Kafka,
 * RabbitMQ, NATS, MQTT, files, HTTP...) carries Arroyo messages.
 * <p>
 * One payload is one message. {@code marshal} writes the message (or a list holding one) as the codec's frames,
 * several packed into one payload as {@link PackedFrames} does (as arroyo-redis stores them); a list of several
 * messages is refused: split it first, and so is a message the codec writes as several payloads (bluesky-kafka's
 * Start, a start and a descriptor document). {@code unmarshal} reads {@code byte[]}, {@code ByteBuffer},
 * {@code InputStream}, {@code String} or anything Camel converts to {@code byte[]}, and sets
 * {@code CamelArroyoMessageType}; a payload that holds several messages (a Bluesky {@code event_page}, one Event per
 * row) becomes a {@code List} of them, to split. A payload the codec rejects, or that holds only the first part of a message (a
 * msgpack-multipart event header without its data), fails the exchange with a {@link CodecException} naming the
 * codec; the decoder is ready for the next payload. A kind the codec skips (msgpack's unknown {@code msg_type})
 * ends the exchange as Camel's {@code stop} does.
 * <p>
 * Unmarshal keeps the decoder's run state between payloads (json-frames reads an event's shape from its run's
 * Start), so give each stream its own data format (each {@code dataformat:} endpoint URI makes one); the decoder is
 * guarded by a lock, so concurrent consumers are safe but share that state.
 */
@Dataformat("arroyo")
@Configurer
@Metadata(firstVersion = "0.1.0", title = "Arroyo", label = "dataformat,transformation",
          description = "Arroyo messages (Start, Event, Stop) as the bytes of an Arroyo codec")
public class ArroyoDataFormat extends ServiceSupport implements DataFormat, DataFormatName, CamelContextAware {

    /** The header prefix {@code metadataHeaders} uses unless told otherwise. */
    public static final String DEFAULT_HEADER_PREFIX = "arroyo-";

    private CamelContext camelContext;

    @Metadata(defaultValue = MsgpackCodec.NAME, enums = Codecs.BUILT_IN_NAMES,
              description = "The codec: a built-in name or #beanName of a MessageCodec.")
    private String codec = MsgpackCodec.NAME;
    @Metadata(defaultValue = "false", javaType = "boolean",
              description = "Carry the message type and scalar metadata as headers too.")
    private boolean metadataHeaders;
    @Metadata(defaultValue = DEFAULT_HEADER_PREFIX, description = "The name prefix of the metadata headers.")
    private String headerPrefix = DEFAULT_HEADER_PREFIX;

    private MessageCodec resolved;
    private MetadataHeaders headers;
    private final ReentrantLock decoding = new ReentrantLock();
    private MessageDecoder decoder;

    public ArroyoDataFormat() {
    }

    /** A data format for that codec (a built-in name or {@code #beanName}). */
    public ArroyoDataFormat(String codec) {
        this.codec = codec;
    }

    @Override
    public String getDataFormatName() {
        return "arroyo";
    }

    @Override
    protected void doInit() throws Exception {
        if (camelContext == null) {
            throw new IllegalStateException("arroyo data format: no CamelContext (add it to a route, or set one)");
        }
        if (headerPrefix == null || headerPrefix.isEmpty() || headerPrefix.regionMatches(true, 0, "Camel", 0, 5)) {
            throw new IllegalArgumentException("arroyo data format: headerPrefix '" + headerPrefix + "' must be"
                                               + " non-empty and not start with Camel (transports keep Camel"
                                               + " headers off the wire)");
        }
        resolved = Codecs.resolve(camelContext, codec);
        headers = new MetadataHeaders(headerPrefix);
        decoder = resolved.newDecoder();
    }

    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        ArroyoMessage message = single(exchange, graph);
        List<List<ByteBuffer>> payloads;
        try {
            payloads = resolved.encodeAll(message);
        } catch (CodecException e) {
            throw new CodecException(describe() + " cannot write a " + message.type() + " message: " + e.getMessage(),
                    e);
        }
        if (payloads.size() > 1) {
            throw new CodecException(describe() + " writes a " + message.type() + " message as " + payloads.size()
                                     + " payloads (documents) and marshal writes one: turn it into its payloads with"
                                     + " org.arroyo.camel.dataformat.ArroyoPayloads and split them, or send it with an"
                                     + " arroyo producer, which sends each");
        }
        List<ByteBuffer> frames = payloads.isEmpty() ? List.of() : payloads.get(0);
        if (frames.isEmpty() && !metadataHeaders) {
            // a format without types (raw, forward) has no bytes for a Start or Stop
            throw new CodecException(describe() + " has no bytes for a " + message.type()
                                     + " message (the format has no type): set metadataHeaders=true to carry"
                                     + " it in headers, or filter Start and Stop out before marshal");
        }
        if (metadataHeaders) {
            headers.write(exchange.getMessage(), message);
        }
        if (!frames.isEmpty()) {
            // no frames: the empty payload of a Start or Stop that the headers carry
            PackedFrames.writeTo(frames, stream);
        }
    }

    private ArroyoMessage single(Exchange exchange, Object graph) throws InvalidPayloadException {
        if (graph instanceof Collection<?> many) {
            if (many.size() != 1) {
                throw new InvalidPayloadException(exchange, ArroyoMessage.class, exchange.getMessage(),
                        new IllegalArgumentException(describe() + " writes one message per payload, the body is a"
                                                     + " list of " + many.size() + ": split it first"));
            }
            return ProducerBodies.message(exchange, many.iterator().next());
        }
        return ProducerBodies.message(exchange, graph);
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        return unmarshal(exchange, (Object) stream);
    }

    @Override
    public Object unmarshal(Exchange exchange, Object body) throws Exception {
        byte[] payload = PayloadBytes.of(exchange, body);
        Message in = exchange.getMessage();
        MetadataHeaders.Fields fields = metadataHeaders ? headers.take(in) : MetadataHeaders.Fields.NONE;
        ArroyoMessage marker = payload.length == 0 ? fields.marker() : null;
        List<ArroyoMessage> messages = marker != null ? List.of(marker) : decode(payload);
        if (messages.isEmpty()) {
            // a kind the codec skips (it logged it), or a document that only informs the decoder (a Bluesky
            // descriptor): nothing to route, as Camel's stop
            exchange.setRouteStop(true);
            return null;
        }
        if (marker == null) {
            messages = messages.stream().map(fields::restoreInto).toList();
        }
        ArroyoMessage first = messages.get(0);
        if (messages.stream().allMatch(m -> m.type() == first.type())) {
            in.setHeader(ArroyoConstants.MESSAGE_TYPE, first.type().wireName());
        } else {
            in.removeHeader(ArroyoConstants.MESSAGE_TYPE);
        }
        // several: a payload that holds several messages (a Bluesky event_page, one Event per row), as a list
        return messages.size() == 1 ? first : messages;
    }

    private List<ArroyoMessage> decode(byte[] payload) {
        decoding.lock();
        try {
            List<ArroyoMessage> messages = decoder.decodeAll(PackedFrames.unpack(payload,
                    PackedFrames.unpacksFor(resolved)));
            if (decoder.isAwaitingPart()) {
                decoder.discardPart();
                throw new CodecException("the payload holds only the first part of a message (one payload must be"
                                         + " one whole message)");
            }
            return messages;
        } catch (RuntimeException e) {
            throw new CodecException(describe() + " rejected a payload of " + payload.length + " bytes: "
                                     + e.getMessage(), e);
        } finally {
            decoding.unlock();
        }
    }

    private String describe() {
        return "arroyo data format (codec '" + (resolved != null ? resolved.name() : codec) + "')";
    }

    @Override
    protected void doStop() throws Exception {
        // a restarted route begins a new stream: drop what the decoder learnt (a run's geometry)
        decoding.lock();
        try {
            if (resolved != null) {
                decoder = resolved.newDecoder();
            }
        } finally {
            decoding.unlock();
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public String getCodec() {
        return codec;
    }

    /**
     * The codec: a built-in name ({@value Codecs#BUILT_IN_NAMES}) or {@code #beanName} of a
     * {@link MessageCodec} bean. Default {@code msgpack}.
     */
    public void setCodec(String codec) {
        this.codec = codec;
    }

    public boolean isMetadataHeaders() {
        return metadataHeaders;
    }

    /**
     * Also carry the message in headers: marshal sets {@code <headerPrefix>msg_type} ({@code start}, {@code event},
     * {@code stop}) and {@code <headerPrefix><key>} for each metadata (Event) or data (Start, Stop) entry whose
     * value is a string, number or boolean and whose key is a header token (letters, digits, {@code -_.} ...), as
     * its text; it first removes the prefixed headers already on the exchange, so they are this message's. Unmarshal
     * takes the prefixed headers off the exchange and adds each key the payload lacks to the message, as text (a
     * transport's typed value as it comes); an empty payload with a {@code start} or {@code stop} type header is
     * that Start or Stop, its data from the headers, which is how the formats without types (raw, forward) carry
     * runs. Brokers can then route and filter on metadata without decoding payloads. Default false.
     */
    public void setMetadataHeaders(boolean metadataHeaders) {
        this.metadataHeaders = metadataHeaders;
    }

    public String getHeaderPrefix() {
        return headerPrefix;
    }

    /**
     * The name prefix of the headers {@code metadataHeaders} writes and reads. Never {@code Camel...}: transports
     * keep those off the wire. Default {@code arroyo-} (e.g. {@code arroyo-frame_number}).
     */
    public void setHeaderPrefix(String headerPrefix) {
        this.headerPrefix = headerPrefix;
    }
}
