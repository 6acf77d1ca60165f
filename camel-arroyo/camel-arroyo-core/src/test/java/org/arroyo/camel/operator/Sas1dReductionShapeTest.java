package org.arroyo.camel.operator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A result of RoiCutOperator with its default options, as it goes on the wire (msgpack), read back with plain
 * msgpack-core and checked against arroyosas's model of a 1-D reduction result. The fields are those of
 * {@code SAS1DReduction} in als-computing/arroyosas {@code src/arroyosas/schemas.py} (commit 2bc7004e), all required:
 * <pre>
 * class SAS1DReduction(Event, SASMessage):
 *     curve: SerializableNumpyArrayModel
 *     curve_tiled_url: str
 *     raw_frame: SerializableNumpyArrayModel
 *     raw_frame_tiled_url: str
 * </pre>
 * A {@code SerializableNumpyArrayModel} validates {@code {"array": {"data": bytes, "dtype": str, "shape": [...]}}}
 * with {@code np.frombuffer(data, dtype).reshape(shape)}, so data must hold exactly shape x itemsize bytes.
 * arroyopy's {@code Event} adds no fields and pydantic ignores the others (msg_type, frame_number, roi_rows).
 */
class Sas1dReductionShapeTest extends CamelTestSupport {

    private static final int HEIGHT = 6;
    private static final int WIDTH = 5;

    private final RoiCutOperator defaults = new RoiCutOperator();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:frames").process(defaults);
            }
        };
    }

    @Test
    void aDefaultResultCarriesEveryFieldSas1dReductionRequires() throws IOException {
        NDArray frame = frame();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("frame_number", 3L);
        metadata.put("tiled_url", "http://tiled:8000/api/v1/array/full/raw/run/3");
        Event result = reduce(Event.ofArray(metadata, "image", frame));

        Map<String, Value> wire = onTheWire(result);
        List<String> missing = new ArrayList<>();
        for (String field : List.of("curve", "curve_tiled_url", "raw_frame", "raw_frame_tiled_url")) {
            if (!wire.containsKey(field)) {
                missing.add(field);
            }
        }
        assertEquals(List.of(), missing, "SAS1DReduction's required fields; the frame has " + wire.keySet());

        assertNumpyArray(wire.get("curve"), "float32", List.of((long) WIDTH));
        assertEquals("curve", string(wire, "curve_tiled_url"), "what arroyosas's OneDReductionOperator sets");
        byte[] rawData = assertNumpyArray(wire.get("raw_frame"), "uint32", List.of((long) HEIGHT, (long) WIDTH));
        byte[] sent = new byte[(int) frame.byteSize()];
        frame.data().get(sent);
        assertArrayEquals(sent, rawData, "raw_frame is the input frame");
        assertEquals("http://tiled:8000/api/v1/array/full/raw/run/3", string(wire, "raw_frame_tiled_url"),
                "the frame's tiled_url");

        assertSame(frame, result.getArray("raw_frame"), "the frame is passed on, not copied");
    }

    @Test
    void aFrameWithoutTiledUrlStillGivesStringUrls() throws IOException {
        Map<String, Value> wire = onTheWire(reduce(Event.ofArray(Map.of("frame_number", 4L), "image", frame())));

        assertEquals("curve", string(wire, "curve_tiled_url"));
        assertEquals("", string(wire, "raw_frame_tiled_url"), "no tiled_url to name the frame by");
    }

    private Event reduce(Event in) {
        Exchange out = template.request("direct:frames", e -> e.getIn().setBody(in));
        return out.getMessage().getBody(Event.class);
    }

    /** The result as arroyosas's listener sees it: the msgpack map our codec writes, read by plain msgpack. */
    private static Map<String, Value> onTheWire(Event result) throws IOException {
        List<ByteBuffer> frames = new MsgpackCodec().encode(result);
        assertEquals(1, frames.size(), "one frame per message");
        ByteBuffer frame = frames.get(0);
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        Map<String, Value> fields = new LinkedHashMap<>();
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
            unpacker.unpackValue().asMapValue().map()
                    .forEach((k, v) -> fields.put(k.asStringValue().asString(), v));
        }
        return fields;
    }

    /** Checks {@code {"array": {"data": bin, "dtype": str, "shape": [int...]}}} and returns data. */
    private static byte[] assertNumpyArray(Value field, String dtype, List<Long> shape) {
        assertTrue(field.isMapValue(), "a SerializableNumpyArrayModel is a map: " + field);
        Map<String, Value> model = strings(field);
        assertTrue(model.containsKey("array") && model.get("array").isMapValue(), "its 'array' field: " + field);
        Map<String, Value> array = strings(model.get("array"));
        assertTrue(array.get("data").isBinaryValue(), "data: bytes, " + field);
        assertEquals(dtype, array.get("dtype").asStringValue().asString());
        List<Long> dims = new ArrayList<>();
        array.get("shape").asArrayValue().forEach(d -> dims.add(d.asIntegerValue().asLong()));
        assertEquals(shape, dims);
        byte[] data = array.get("data").asBinaryValue().asByteArray();
        long elements = dims.stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
        assertEquals(elements * DType.fromName(dtype).itemSize(), data.length, "np.frombuffer(...).reshape(shape)");
        return data;
    }

    /** A {@code str} field: present, a msgpack string; its text. */
    private static String string(Map<String, Value> wire, String field) {
        Value value = wire.get(field);
        assertTrue(value != null && value.isStringValue(), field + ": str, in " + wire.keySet());
        return value.asStringValue().asString();
    }

    private static Map<String, Value> strings(Value map) {
        Map<String, Value> out = new LinkedHashMap<>();
        map.asMapValue().map().forEach((k, v) -> out.put(k.asStringValue().asString(), v));
        return out;
    }

    private static NDArray frame() {
        int[] pixels = new int[HEIGHT * WIDTH];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i * 7;
        }
        return NDArray.ofInts(DType.UINT32, pixels, HEIGHT, WIDTH);
    }
}
