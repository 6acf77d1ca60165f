package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.MessageType;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Timepix / time-resolved XPS format. Start and Stop are one msgpack map frame with {@code msg_type}. An event
 * is two parts: a msgpack header map ({@code msg_type} "event" or missing, {@code shape}, {@code dtype} and metadata
 * such as {@code timestamp}, {@code flush_number}) and the raw array bytes, little-endian, C order.
 * <p>
 * The decoder accepts both parts as one two-frame message or as two consecutive one-frame messages (see
 * {@link TwoPartDecoder} for a header that never gets its data). The decoded event carries one array named
 * {@value #ARRAY_NAME}, a view of the data frame (no copy); its metadata is the header without {@code shape},
 * {@code dtype} and {@code msg_type}. Unknown {@code msg_type}s are logged at WARN and skipped.
 * <p>
 * Encoding an event needs exactly one array; it becomes the header frame plus a data frame that is a view of the
 * array (no copy) when the array is already little-endian.
 */
public final class MsgpackMultipartCodec implements MessageCodec {

    public static final String NAME = "msgpack-multipart";

    /** The name of the single array of a decoded event. */
    public static final String ARRAY_NAME = "data";

    private static final Logger LOG = LoggerFactory.getLogger(MsgpackMultipartCodec.class);

    private final long maxArrayBytes;

    /** A codec accepting arrays up to {@link CodecLimits#DEFAULT_MAX_ARRAY_BYTES}. */
    public MsgpackMultipartCodec() {
        this(CodecLimits.DEFAULT_MAX_ARRAY_BYTES);
    }

    /**
     * @param maxArrayBytes the largest array, in bytes, an event header may declare; a larger one is a
     *                      CodecException at the header, before its data is awaited
     */
    public MsgpackMultipartCodec(long maxArrayBytes) {
        this.maxArrayBytes = CodecLimits.requireLimit("maxArrayBytes", maxArrayBytes);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** True: every metadata field is a field of the message's map. */
    @Override
    public boolean carriesMetadata() {
        return true;
    }

    @Override
    public List<ByteBuffer> encode(ArroyoMessage message) {
        if (message instanceof Start start) {
            return List.of(MsgpackFrameWriter.typedMap(NAME, "start", start.getData()));
        }
        if (message instanceof Stop stop) {
            return List.of(MsgpackFrameWriter.typedMap(NAME, "stop", stop.getData()));
        }
        Event event = (Event) message;
        if (event.hasBytes() || event.getArrays().size() != 1) {
            throw new CodecException(NAME + " codec: an event needs exactly one array, this one has "
                                     + (event.hasBytes() ? "an opaque bytes payload" : event.getArrays().size()
                                                                                      + " arrays"));
        }
        NDArray array = event.firstArray().withOrder(ByteOrder.LITTLE_ENDIAN);
        Map<String, Object> metadata = event.getMetadata();
        MsgpackFrameWriter w = new MsgpackFrameWriter(NAME);
        int skipped = (int) metadata.keySet().stream()
                .filter(k -> k.equals("msg_type") || k.equals("shape") || k.equals("dtype")).count();
        w.mapHeader(3 + metadata.size() - skipped);
        w.value("msg_type");
        w.value(MessageType.EVENT.wireName());
        w.value("shape");
        w.shape(array.shape());
        w.value("dtype");
        w.value(array.dtype().numpyName());
        w.fields(metadata, "msg_type", "shape", "dtype");
        return List.of(w.finish(), array.data());
    }

    @Override
    public MessageDecoder newDecoder() {
        return new Decoder(maxArrayBytes);
    }

    private static final class Decoder extends TwoPartDecoder {

        private final long maxArrayBytes;

        Decoder(long maxArrayBytes) {
            super(NAME);
            this.maxArrayBytes = maxArrayBytes;
        }

        @Override
        protected Header readHeader(ByteBuffer frame) {
            Map<String, Object> map = MsgpackFrames.readMap(NAME, frame);
            String type = MsgpackCodec.msgType(NAME, map);
            MessageType kind = type == null ? MessageType.EVENT : MessageType.fromWireName(type);
            if (kind == null) {
                LOG.warn("msgpack-multipart codec: skipping a message with unknown msg_type '{}'", type);
                return Header.skipped();
            }
            return switch (kind) {
                case START -> Header.of(new Start(MsgpackFrames.plainWithout(map, "msg_type")));
                case STOP -> Header.of(new Stop(MsgpackFrames.plainWithout(map, "msg_type")));
                case EVENT -> Header.awaiting(eventHeader(map));
            };
        }

        private PendingEvent eventHeader(Map<String, Object> map) {
            ArraySpec spec = ArraySpec.parse(NAME, ARRAY_NAME, map.get("dtype"), map.get("shape"),
                    ByteOrder.LITTLE_ENDIAN).checkSize(NAME, maxArrayBytes);
            Map<String, Object> metadata = MsgpackFrames.plainWithout(map, "msg_type", "shape", "dtype");
            return new PendingEvent() {
                @Override
                public long expectedBytes() {
                    return spec.expectedBytes();
                }

                @Override
                public Event complete(ByteBuffer data) {
                    return Event.ofArray(metadata, ARRAY_NAME, spec.wrap(NAME, data));
                }

                @Override
                public String describe() {
                    return "event header (" + spec.describe() + ")";
                }
            };
        }
    }
}
