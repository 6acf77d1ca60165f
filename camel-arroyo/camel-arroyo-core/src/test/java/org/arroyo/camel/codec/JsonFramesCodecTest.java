package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.Test;

import static org.arroyo.camel.codec.Golden.toBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonFramesCodecTest {

    // as the LabVIEW program sends them (section 4): a 3 x 4 U16 region
    private static final String START = "{\"msg_type\":\"start\",\"Binding Energy\":85.5,\"Pass Energy\":20,"
                                        + "\"Rectangle\":{\"Left\":10,\"Top\":20,\"Right\":14,\"Bottom\":23,"
                                        + "\"Rotation\":0},\"data_type\":\"U16\"}";
    private static final String EVENT = "{\"msg_type\":\"event\",\"Frame Number\":1}";
    private static final String STOP = "{\"msg_type\":\"stop\",\"Num Frames\":1}";
    // pixels 1..11 and 0x1234, big-endian
    private static final byte[] PIXELS = Golden.hex("0001 0002 0003 0004 0005 0006 0007 0008 0009 000a 000b 1234");

    private final JsonFramesCodec codec = new JsonFramesCodec();
    private final MessageDecoder decoder = codec.newDecoder();

    private static ByteBuffer utf8(String json) {
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer frame) {
        return new String(toBytes(frame), StandardCharsets.UTF_8);
    }

    private void assertEventImage(ArroyoMessage decoded) {
        Event event = assertInstanceOf(Event.class, decoded);
        assertEquals(Map.of("Frame Number", 1L), event.getMetadata());
        NDArray image = event.getArray(JsonFramesCodec.ARRAY_NAME);
        assertEquals(DType.UINT16, image.dtype());
        assertArrayEquals(new int[] { 3, 4 }, image.shape());
        assertEquals(ByteOrder.BIG_ENDIAN, image.order());
        assertEquals(0x1234, image.getDouble(2, 3));
        assertEquals(5.0, image.getDouble(1, 0));
    }

    @Test
    void decodesStartWithKeysWithSpacesInOrder() {
        Start start = assertInstanceOf(Start.class, decoder.decode(List.of(utf8(START))));
        assertEquals(List.of("Binding Energy", "Pass Energy", "Rectangle", "data_type"),
                List.copyOf(start.getData().keySet()));
        assertEquals(85.5, start.get("Binding Energy"));
        assertEquals(20L, start.get("Pass Energy"));
        assertEquals(Map.of("Left", 10L, "Top", 20L, "Right", 14L, "Bottom", 23L, "Rotation", 0L),
                start.get("Rectangle"));
    }

    @Test
    void decodesEventWithPixelsInTheSameMessage() {
        decoder.decode(List.of(utf8(START)));
        assertEventImage(decoder.decode(List.of(utf8(EVENT), ByteBuffer.wrap(PIXELS))));
    }

    @Test
    void decodesEventWithPixelsInTheNextMessage() {
        decoder.decode(List.of(utf8(START)));
        assertNull(decoder.decode(List.of(utf8(EVENT))));
        assertEventImage(decoder.decode(List.of(ByteBuffer.wrap(PIXELS))));
        Stop stop = assertInstanceOf(Stop.class, decoder.decode(List.of(utf8(STOP))));
        assertEquals(Map.of("Num Frames", 1L), stop.getData());
    }

    @Test
    void pixelsAreAViewOfTheFrame() {
        decoder.decode(List.of(utf8(START)));
        byte[] pixels = PIXELS.clone();
        NDArray image = ((Event) decoder.decode(List.of(utf8(EVENT), ByteBuffer.wrap(pixels)))).firstArray();
        pixels[1] = 7;
        assertEquals(7.0, image.getDouble(0));
    }

    @Test
    void eachDataTypeName() {
        Map<String, DType> names = new LinkedHashMap<>();
        names.put("U8", DType.UINT8);
        names.put("U32", DType.UINT32);
        names.put("U64", DType.UINT64);
        names.put("I8", DType.INT8);
        names.put("I16", DType.INT16);
        names.put("I32", DType.INT32);
        names.put("I64", DType.INT64);
        names.put("Single Float", DType.FLOAT32);
        names.put("Double Float", DType.FLOAT64);
        names.forEach((name, dtype) -> {
            MessageDecoder d = codec.newDecoder();
            d.decode(List.of(utf8(START.replace("\"U16\"", "\"" + name + "\""))));
            Event e = (Event) d.decode(List.of(utf8(EVENT), ByteBuffer.allocate(12 * dtype.itemSize())));
            assertEquals(dtype, e.firstArray().dtype(), name);
        });
    }

    @Test
    void encodesGoldenFrames() {
        Start start = (Start) decoder.decode(List.of(utf8(START)));
        assertEquals(START, text(codec.encode(start).get(0)));
        assertEquals(STOP, text(codec.encode(Stop.of(Map.of("Num Frames", 1L))).get(0)));
        Event event = (Event) decoder.decode(List.of(utf8(EVENT), ByteBuffer.wrap(PIXELS)));
        List<ByteBuffer> frames = codec.encode(event);
        assertEquals(EVENT, text(frames.get(0)));
        assertArrayEquals(PIXELS, toBytes(frames.get(1)));
    }

    @Test
    void encodesLittleEndianImagesAsBigEndianPixels() {
        ByteBuffer le = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x0102)
                .putShort((short) 0x0304).flip();
        NDArray image = NDArray.wrap(DType.UINT16, new int[] { 1, 2 }, ByteOrder.LITTLE_ENDIAN, le);
        List<ByteBuffer> frames = codec.encode(Event.ofArray(Map.of("Frame Number", 3L), "image", image));
        assertArrayEquals(new byte[] { 1, 2, 3, 4 }, toBytes(frames.get(1)));
    }

    @Test
    void roundTripsEachMessageType() {
        Start start = (Start) decoder.decode(List.of(utf8(START)));
        Event event = (Event) decoder.decode(List.of(utf8(EVENT), ByteBuffer.wrap(PIXELS)));
        Stop stop = Stop.of(Map.of("Num Frames", 1L));
        MessageDecoder fresh = codec.newDecoder();
        for (ArroyoMessage m : List.of(start, event, stop)) {
            assertEquals(m, fresh.decode(codec.encode(m)));
        }
    }

    @Test
    void eventBeforeAnyStartIsAnError() {
        CodecException e = assertThrows(CodecException.class,
                () -> decoder.decode(List.of(utf8(EVENT), ByteBuffer.wrap(PIXELS))));
        assertEquals("json-frames codec: cannot size the pixels: an event came before any start", e.getMessage());
    }

    @Test
    void startWithUnknownDataTypeFailsItsEvents() {
        Start start = (Start) decoder.decode(List.of(utf8(START.replace("\"U16\"", "\"U12\""))));
        assertEquals("U12", start.get("data_type"));
        CodecException e = assertThrows(CodecException.class,
                () -> decoder.decode(List.of(utf8(EVENT), ByteBuffer.wrap(PIXELS))));
        assertTrue(e.getMessage().contains("data_type 'U12' is none of U8"), e.getMessage());
    }

    @Test
    void startWithoutRectangleFailsItsEvents() {
        decoder.decode(List.of(utf8("{\"msg_type\":\"start\",\"data_type\":\"U8\"}")));
        CodecException e = assertThrows(CodecException.class, () -> decoder.decode(List.of(utf8(EVENT))));
        assertTrue(e.getMessage().contains("no Rectangle"), e.getMessage());
    }

    @Test
    void invertedRectangleIsReported() {
        decoder.decode(List.of(utf8(START.replace("\"Bottom\":23", "\"Bottom\":2"))));
        CodecException e = assertThrows(CodecException.class, () -> decoder.decode(List.of(utf8(EVENT))));
        assertTrue(e.getMessage().contains("shape of -18 x 4"), e.getMessage());
    }

    @Test
    void pixelFrameOfTheWrongSize() {
        decoder.decode(List.of(utf8(START)));
        CodecException e = assertThrows(CodecException.class,
                () -> decoder.decode(List.of(utf8(EVENT), ByteBuffer.allocate(10))));
        assertEquals("json-frames codec: array 'image' has 10 bytes but uint16 x [3, 4] needs 24", e.getMessage());
    }

    @Test
    void notJson() {
        CodecException e = assertThrows(CodecException.class, () -> decoder.decode(List.of(utf8("{\"msg_type\":"))));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        e = assertThrows(CodecException.class, () -> decoder.decode(List.of(ByteBuffer.wrap(PIXELS))));
        assertTrue(e.getMessage().contains("24 bytes is not a JSON object"), e.getMessage());
    }

    @Test
    void stringsSurviveEncodeAndDecode() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("quote \" and \\", "tab\tnew\nline\u0001 /path/ é ✓ \uD83D\uDE00");
        data.put("lone", "\uD800 and \uDC00");
        data.put("nested", List.of(Map.of("k", "v"), List.of(), true, false));
        Stop stop = Stop.of(data);
        ByteBuffer frame = codec.encode(stop).get(0);
        // python3: json.dumps(obj, separators=(",", ":"), ensure_ascii=False) for the first pair
        assertTrue(text(frame).startsWith("{\"msg_type\":\"stop\",\"quote \\\" and \\\\\":"
                                          + "\"tab\\tnew\\nline\\u0001 /path/ é ✓ \uD83D\uDE00\","), text(frame));
        assertTrue(text(frame).contains("\"lone\":\"\\ud800 and \\udc00\""), "lone surrogates are escaped");
        assertEquals(stop, codec.newDecoder().decode(List.of(frame)));
    }

    @Test
    void malformedJsonIsACodecExceptionNamingWhere() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"msg_type\":\"stop\",}", "'}' where '\"' belongs at character 19");
        cases.put("{\"msg_type\":\"stop\",\"n\":01}", "'1' where '}' belongs at character 24");
        cases.put("{\"msg_type\":\"stop\",\"n\":NaN}", "'N' where a value belongs at character 23");
        cases.put("{\"msg_type\":\"stop\",\"n\":1.}", "a number without digits after its point at character 25");
        cases.put("{\"msg_type\":\"stop\",\"n\":\"\\x\"}", "the unknown escape \\x at character 24");
        cases.put("{\"msg_type\":\"stop\",\"n\":\"\\u12\"}",
                "a \\u escape of fewer than four hex digits at character 26");
        cases.put("{\"msg_type\":\"stop\"} {}", "text after the object at character 20");
        cases.put("{\"msg_type\":\"stop\",\"n\":tru}", "an unknown word where a value belongs at character 23");
        cases.put("{\"msg_type\":\"stop", "a string without its closing quote at character 17");
        cases.forEach((json, where) -> {
            CodecException e = assertThrows(CodecException.class, () -> codec.newDecoder().decode(List.of(utf8(json))),
                    json);
            assertEquals("json-frames codec: the frame is not valid JSON: " + where, e.getMessage(), json);
        });
    }

    @Test
    void missingMsgType() {
        CodecException e = assertThrows(CodecException.class, () -> decoder.decode(List.of(utf8("{\"a\":1}"))));
        assertTrue(e.getMessage().contains("no msg_type"), e.getMessage());
    }

    @Test
    void newEventHeaderWhilePixelsAreAwaited() {
        decoder.decode(List.of(utf8(START)));
        assertNull(decoder.decode(List.of(utf8(EVENT))));
        String second = "{\"msg_type\":\"event\",\"Frame Number\":2}";
        CodecException e = assertThrows(CodecException.class, () -> decoder.decode(List.of(utf8(second))));
        assertTrue(e.getMessage().contains("got no data part"), e.getMessage());
        Event event = (Event) decoder.decode(List.of(ByteBuffer.wrap(PIXELS)));
        assertEquals(2L, event.get("Frame Number"));
    }

    @Test
    void encodingAnUnnamedDtypeFails() {
        NDArray half = NDArray.wrap(DType.FLOAT16, new int[] { 1 }, ByteOrder.BIG_ENDIAN, new byte[2]);
        CodecException e = assertThrows(CodecException.class,
                () -> codec.encode(Event.ofArray(Map.of(), "image", half)));
        assertTrue(e.getMessage().contains("no data_type for float16"), e.getMessage());
    }
}
