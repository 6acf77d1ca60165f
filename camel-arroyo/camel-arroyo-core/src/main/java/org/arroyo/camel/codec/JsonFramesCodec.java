package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.MessageType;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LabVIEW-driven XPS format: UTF-8 JSON frames whose keys may contain spaces. A start carries the run's
 * settings, among them {@code "Rectangle": {"Left", "Top", "Right", "Bottom", "Rotation"}} and {@code "data_type"}
 * ({@code U8 .. U64}, {@code I8 .. I64}, {@code Single Float}, {@code Double Float}). An event is the JSON frame
 * {@code {"msg_type":"event","Frame Number":n}} followed by a frame of big-endian pixels of shape
 * (Bottom - Top, Right - Left); a stop is {@code {"msg_type":"stop","Num Frames":n}}.
 * <p>
 * The decoder remembers the last Start's rectangle and data_type; the pixel frame may be the second frame of the
 * event's message or the next message. A decoded event carries one array named {@value #ARRAY_NAME}, big-endian as
 * on the wire (a view of the pixel frame, not converted), and the JSON fields but {@code msg_type} as metadata. An
 * event before any Start, or after a Start without a usable geometry, is a {@link CodecException}. Rotation is kept
 * in the Start's data but not applied. Unknown {@code msg_type}s are logged at WARN and skipped.
 * <p>
 * JSON values keep the type and value Python's {@code json} module gives them, so metadata passing through a route
 * is written back as Python's {@code json.dumps} would write it: integers of any size stay integers ({@code Long},
 * {@code BigInteger} beyond 64 bits), numbers with a fraction or exponent stay floats ({@code 1e17} and
 * {@code -0.0} included) and are written as Python's {@code repr(float)} ({@code 1e+17}). Frames are written
 * compact, as the LabVIEW program writes them.
 * <p>
 * Encoding an event needs one array of a dtype the format names; the pixel frame is big-endian (converted if needed).
 */
public final class JsonFramesCodec implements MessageCodec {

    public static final String NAME = "json-frames";

    /** The name of the single array of a decoded event. */
    public static final String ARRAY_NAME = "image";

    private static final Logger LOG = LoggerFactory.getLogger(JsonFramesCodec.class);

    private static final Map<String, DType> DATA_TYPES = new LinkedHashMap<>();

    static {
        DATA_TYPES.put("U8", DType.UINT8);
        DATA_TYPES.put("U16", DType.UINT16);
        DATA_TYPES.put("U32", DType.UINT32);
        DATA_TYPES.put("U64", DType.UINT64);
        DATA_TYPES.put("I8", DType.INT8);
        DATA_TYPES.put("I16", DType.INT16);
        DATA_TYPES.put("I32", DType.INT32);
        DATA_TYPES.put("I64", DType.INT64);
        DATA_TYPES.put("Single Float", DType.FLOAT32);
        DATA_TYPES.put("Double Float", DType.FLOAT64);
    }

    private final long maxArrayBytes;

    /** A codec accepting images up to {@link CodecLimits#DEFAULT_MAX_ARRAY_BYTES}. */
    public JsonFramesCodec() {
        this(CodecLimits.DEFAULT_MAX_ARRAY_BYTES);
    }

    /**
     * @param maxArrayBytes the largest image, in bytes, a Start's Rectangle and data_type may declare; the events
     *                      of a larger one fail with a CodecException saying so
     */
    public JsonFramesCodec(long maxArrayBytes) {
        this.maxArrayBytes = CodecLimits.requireLimit("maxArrayBytes", maxArrayBytes);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** True: every metadata field is a field of the message's JSON object. */
    @Override
    public boolean carriesMetadata() {
        return true;
    }

    /** The dtype a {@code data_type} name stands for, or {@code null}. */
    public static DType dtypeOf(String dataType) {
        return DATA_TYPES.get(dataType);
    }

    /** The {@code data_type} name of a dtype, or {@code null} when the format has none (bool, float16). */
    public static String dataTypeOf(DType dtype) {
        for (Map.Entry<String, DType> e : DATA_TYPES.entrySet()) {
            if (e.getValue() == dtype) {
                return e.getKey();
            }
        }
        return null;
    }

    @Override
    public List<ByteBuffer> encode(ArroyoMessage message) {
        if (message instanceof Start start) {
            return List.of(JsonValues.writeObject(NAME, typed("start", start.getData())));
        }
        if (message instanceof Stop stop) {
            return List.of(JsonValues.writeObject(NAME, typed("stop", stop.getData())));
        }
        Event event = (Event) message;
        if (event.hasBytes() || event.getArrays().size() != 1) {
            throw new CodecException(NAME + " codec: an event needs exactly one array, this one has "
                                     + (event.hasBytes() ? "an opaque bytes payload" : event.getArrays().size()
                                                                                      + " arrays"));
        }
        NDArray array = event.firstArray();
        if (dataTypeOf(array.dtype()) == null) {
            throw new CodecException(NAME + " codec: the format has no data_type for " + array.dtype()
                                     + "; accepted: " + String.join(", ", DATA_TYPES.keySet()));
        }
        ByteBuffer pixels = array.withOrder(ByteOrder.BIG_ENDIAN).data();
        return List.of(JsonValues.writeObject(NAME, typed("event", event.getMetadata())), pixels);
    }

    private static Map<String, Object> typed(String type, Map<String, Object> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("msg_type", type);
        fields.forEach((k, v) -> {
            if (!"msg_type".equals(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Override
    public MessageDecoder newDecoder() {
        return new Decoder(maxArrayBytes);
    }

    /** Keeps the geometry of the last Start, or why it is unusable. */
    private static final class Decoder extends TwoPartDecoder {

        private final long maxArrayBytes;
        private ArraySpec geometry;
        private String noGeometry = "an event came before any start";

        Decoder(long maxArrayBytes) {
            super(NAME);
            this.maxArrayBytes = maxArrayBytes;
        }

        @Override
        protected Header readHeader(ByteBuffer frame) {
            Map<String, Object> map = JsonValues.readObject(NAME, frame);
            Object type = map.get("msg_type");
            MessageType kind = type instanceof String s ? MessageType.fromWireName(s) : null;
            if (kind == null) {
                if (type == null) {
                    throw new CodecException(NAME + " codec: the JSON frame has no msg_type (keys " + map.keySet()
                                             + ")");
                }
                LOG.warn("json-frames codec: skipping a message with unknown msg_type '{}'", type);
                return Header.skipped();
            }
            Map<String, Object> fields = new LinkedHashMap<>(map);
            fields.remove("msg_type");
            return switch (kind) {
                case START -> {
                    remember(fields);
                    yield Header.of(new Start(fields));
                }
                case STOP -> Header.of(new Stop(fields));
                case EVENT -> Header.awaiting(eventHeader(fields));
            };
        }

        private PendingEvent eventHeader(Map<String, Object> metadata) {
            if (geometry == null) {
                throw new CodecException(NAME + " codec: cannot size the pixels: " + noGeometry);
            }
            ArraySpec spec = geometry;
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
                    return "event " + metadata + " (" + spec.describe() + ")";
                }
            };
        }

        // a bad geometry does not fail the Start itself: its events fail, naming the reason
        private void remember(Map<String, Object> start) {
            geometry = null;
            Object dataType = start.get("data_type");
            DType dtype = dataType instanceof String s ? dtypeOf(s) : null;
            if (dtype == null) {
                noGeometry = "the start's data_type " + (dataType == null ? "is missing" : "'" + dataType
                             + "' is none of " + String.join(", ", DATA_TYPES.keySet()));
                return;
            }
            if (!(start.get("Rectangle") instanceof Map<?, ?> rect)) {
                noGeometry = "the start has no Rectangle object";
                return;
            }
            Long left = edge(rect, "Left");
            Long top = edge(rect, "Top");
            Long right = edge(rect, "Right");
            Long bottom = edge(rect, "Bottom");
            if (left == null || top == null || right == null || bottom == null) {
                noGeometry = "the start's Rectangle " + rect + " lacks an integer Left, Top, Right or Bottom";
                return;
            }
            long height = span(top, bottom);
            long width = span(left, right);
            if (height < 0 || width < 0 || height > Integer.MAX_VALUE || width > Integer.MAX_VALUE) {
                noGeometry = "the start's Rectangle " + rect + " gives a shape of " + size(height) + " x "
                             + size(width);
                return;
            }
            ArraySpec spec = new ArraySpec(ARRAY_NAME, dtype, new int[] { (int) height, (int) width },
                    ByteOrder.BIG_ENDIAN);
            try {
                geometry = spec.checkSize(NAME, maxArrayBytes);
            } catch (CodecException tooLarge) {
                noGeometry = "the start's Rectangle " + rect + ": " + tooLarge.getMessage();
            }
        }

        /** The edge's integer value, or {@code null} when it is missing or not an integer. */
        private static Long edge(Map<?, ?> rect, String key) {
            Object v = rect.get(key);
            if (v instanceof Long l) {
                return l;
            }
            if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
                return d.longValue();
            }
            return null;
        }

        /** {@code to - from}, or Long.MIN_VALUE when edges at the ends of the long range make it overflow. */
        private static long span(long from, long to) {
            try {
                return Math.subtractExact(to, from);
            } catch (ArithmeticException overflow) {
                return Long.MIN_VALUE;
            }
        }

        private static String size(long span) {
            return span == Long.MIN_VALUE ? "(out of range)" : Long.toString(span);
        }
    }
}
