package org.arroyo.camel.bluesky;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.codec.MsgpackValues;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Documents in the forms bluesky writes them, built here byte for byte, and the wrong bytes a listener may meet. */
class BlueskyDecodeTest {

    private static ByteBuffer frame(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code prefix SP name SP msgpack(doc)}, as Publisher writes it with serializer=msgpack.packb. */
    private static ByteBuffer msgpackFrame(String prefix, String name, Object doc) {
        return MsgpackValues.write("test", (prefix + " " + name + " ").getBytes(StandardCharsets.UTF_8), doc);
    }

    /** msgpack-numpy's map for an array: bin keys, as msgpack_numpy.encode writes it. */
    private static Map<Object, Object> numpy(String type, List<Long> shape, byte[] data) {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("nd".getBytes(StandardCharsets.US_ASCII), true);
        map.put("type".getBytes(StandardCharsets.US_ASCII), type);
        map.put("kind".getBytes(StandardCharsets.US_ASCII), new byte[0]);
        map.put("shape".getBytes(StandardCharsets.US_ASCII), shape);
        map.put("data".getBytes(StandardCharsets.US_ASCII), data);
        return map;
    }

    private static int indexOf(ByteBuffer frame, byte[] part) {
        for (int i = frame.position(); i + part.length <= frame.limit(); i++) {
            boolean match = true;
            for (int j = 0; j < part.length && match; j++) {
                match = frame.get(i + j) == part[j];
            }
            if (match) {
                return i;
            }
        }
        throw new AssertionError("not in the frame");
    }

    private static List<ArroyoMessage> decode(MessageDecoder decoder, ByteBuffer frame) {
        return decoder.decodeAll(List.of(frame));
    }

    @Test
    void aJsonRunWithAnEventPageDecodesRowByRow() {
        MessageDecoder decoder = new BlueskyZmqJsonCodec().newDecoder();
        Start start = (Start) decode(decoder, frame(" start {\"uid\": \"r\", \"time\": 1.0, \"scan_id\": 1}")).get(0);
        assertEquals("r", start.get("uid"));
        assertEquals(List.of(), decode(decoder, frame(" descriptor {\"uid\": \"d\", \"run_start\": \"r\", \"time\": 1.0,"
                + " \"name\": \"primary\", \"data_keys\": {\"x\": {\"dtype\": \"number\", \"shape\": [], \"source\": \"s\"},"
                + " \"v\": {\"dtype\": \"array\", \"shape\": [2, 2], \"dtype_numpy\": \"<i4\", \"source\": \"s\"}}}")));
        List<ArroyoMessage> rows = decode(decoder, frame(" event_page {\"descriptor\": \"d\", \"uid\": [\"a\", \"b\"],"
                + " \"seq_num\": [1, 2], \"time\": [2.0, 3.0], \"data\": {\"x\": [0.5, 1.5], \"v\": [[[1, 2], [3, 4]],"
                + " [5, 6, 7, 8]]}, \"timestamps\": {\"x\": [2.0, 3.0], \"v\": [2.0, 3.0]}}"));
        assertEquals(2, rows.size());
        Event a = (Event) rows.get(0);
        Event b = (Event) rows.get(1);
        assertEquals(List.of("a", 1L, 0.5, "primary"), List.of(a.get("uid"), a.get("seq_num"), a.get("x"), a.get("stream")));
        assertEquals(List.of("b", 2L, 1.5), List.of(b.get("uid"), b.get("seq_num"), b.get("x")));
        assertEquals(NDArray.ofInts(DType.INT32, new int[] { 1, 2, 3, 4 }, 2, 2), a.getArray("v"));
        assertEquals(NDArray.ofInts(DType.INT32, new int[] { 5, 6, 7, 8 }, 2, 2), b.getArray("v"),
                "a flat list takes the descriptor's shape");
        assertEquals(Map.of("x", 3.0, "v", 3.0), b.get("timestamps"));
        Stop stop = (Stop) decode(decoder, frame(" stop {\"uid\": \"s\", \"run_start\": \"r\", \"time\": 9.0,"
                + " \"exit_status\": \"fail\"}")).get(0);
        assertEquals("fail", stop.get("exit_status"));
    }

    @Test
    void aStackedEventPageColumnIsViewedRowByRow() {
        MessageDecoder decoder = new BlueskyKafkaCodec().newDecoder();
        byte[] pixels = new byte[3 * 2 * 2];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        ByteBuffer descriptor = MsgpackValues.write("t", List.of("descriptor", Map.of("uid", "d", "run_start", "r",
                "time", 1.0, "name", "fast", "data_keys", Map.of("img", Map.of("dtype", "array", "shape",
                        List.of(2L, 2L), "source", "s")))));
        assertEquals(List.of(), decode(decoder, descriptor));
        ByteBuffer page = MsgpackValues.write("t", List.of("event_page", Map.of("descriptor", "d", "uid",
                List.of("a", "b", "c"), "seq_num", List.of(1L, 2L, 3L), "time", List.of(1.0, 2.0, 3.0), "data",
                Map.of("img", numpy("|u1", List.of(3L, 2L, 2L), pixels)), "timestamps",
                Map.of("img", List.of(1.0, 2.0, 3.0)))));
        List<ArroyoMessage> rows = decode(decoder, page);
        assertEquals(3, rows.size());
        NDArray third = ((Event) rows.get(2)).getArray("img");
        assertArrayEquals(new int[] { 2, 2 }, third.shape());
        assertArrayEquals(new double[] { 8, 9, 10, 11 }, third.toDoubleArray());
        // a view of the record: a write into it shows through
        int at = indexOf(page, new byte[] { 8, 9, 10, 11 }) + 3;
        page.put(at, (byte) 99);
        assertEquals(99.0, third.getDouble(3));
        assertEquals("fast", ((Event) rows.get(0)).get("stream"));
    }

    @Test
    void numpyScalarsBinBytesAndBigEndianArraysAreRead() {
        MessageDecoder decoder = new BlueskyZmqMsgpackCodec().newDecoder();
        decode(decoder, msgpackFrame("", "descriptor", Map.of("uid", "d", "run_start", "r", "time", 1.0,
                "data_keys", Map.of("raw", Map.of("dtype", "array", "shape", List.of(2L), "dtype_numpy", ">u2",
                        "source", "s")))));
        Map<Object, Object> scalar = new LinkedHashMap<>();
        scalar.put("nd".getBytes(StandardCharsets.US_ASCII), false);
        scalar.put("type".getBytes(StandardCharsets.US_ASCII), "<f8");
        scalar.put("data".getBytes(StandardCharsets.US_ASCII),
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(2.5).array());
        Event event = (Event) decode(decoder, msgpackFrame("", "event", Map.of("uid", "e", "descriptor", "d",
                "seq_num", 1L, "time", 2.0, "data", Map.of("raw", new byte[] { 1, 2, 0, 3 }, "reading", scalar,
                        "be", numpy(">i4", List.of(1L), new byte[] { 0, 0, 1, 0 })),
                "timestamps", Map.of()))).get(0);
        assertEquals(2.5, event.get("reading"), "a numpy float64 scalar is a double");
        NDArray raw = event.getArray("raw");
        assertEquals(ByteOrder.BIG_ENDIAN, raw.order(), "bytes shaped by the descriptor's dtype_numpy");
        assertArrayEquals(new double[] { 258, 3 }, raw.toDoubleArray());
        assertEquals(256.0, event.getArray("be").getDouble(0));
    }

    @Test
    void aPrefixedCodecSkipsOtherPublishersAndTheEmptyPrefixIsKept() {
        MessageDecoder xpd = new BlueskyZmqCodec(DocumentSerializer.JSON, "xpd".getBytes(StandardCharsets.UTF_8))
                .newDecoder();
        assertEquals(List.of(), decode(xpd, frame("other start {\"uid\": \"x\", \"time\": 1}")));
        assertEquals(List.of(), decode(xpd, frame(" start {\"uid\": \"x\", \"time\": 1}")), "the empty prefix too");
        assertEquals(1, decode(xpd, frame("xpd start {\"uid\": \"x\", \"time\": 1}")).size());
        MessageDecoder any = new BlueskyZmqJsonCodec().newDecoder();
        assertEquals(1, decode(any, frame("other start {\"uid\": \"x\", \"time\": 1}")).size());
        assertThrows(IllegalArgumentException.class,
                () -> new BlueskyZmqCodec(DocumentSerializer.JSON, "a b".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPickledDocumentIsRefusedSayingItCannotBeReadOutsidePython() {
        // what pickle.dumps({"uid": "x"}) (protocol 4) writes after "prefix start "
        byte[] pickle = { (byte) 0x80, 0x04, (byte) 0x95, 0x0f, 0, 0, 0, 0, 0, 0, 0, 0x7d, (byte) 0x94, (byte) 0x8c,
                0x03, 'u', 'i', 'd', (byte) 0x94, (byte) 0x8c, 0x01, 'x', (byte) 0x94, 's', '.' };
        for (BlueskyCodec codec : List.of(new BlueskyZmqJsonCodec(), new BlueskyZmqMsgpackCodec())) {
            ByteBuffer frame = ByteBuffer.allocate(7 + pickle.length).put(" start ".getBytes(StandardCharsets.UTF_8))
                    .put(pickle).flip();
            CodecException e = assertThrows(CodecException.class, () -> decode(codec.newDecoder(), frame));
            assertTrue(e.getMessage().contains("Python pickle (protocol 4)"), e.getMessage());
            assertTrue(e.getMessage().contains("cannot be read outside Python"), e.getMessage());
        }
        CodecException kafka = assertThrows(CodecException.class,
                () -> decode(new BlueskyKafkaCodec().newDecoder(), ByteBuffer.wrap(pickle)));
        assertTrue(kafka.getMessage().contains("Python pickle"), kafka.getMessage());
    }

    @Test
    void malformedFramesAreCodecExceptionsAndTheDecoderGoesOn() {
        MessageDecoder decoder = new BlueskyZmqJsonCodec().newDecoder();
        Map<String, String> bad = Map.of(
                "nospaces", "no space",
                " start", "one space only",
                " starter {\"uid\": 1}", "'starter' is no Bluesky document name",
                " bulk_events {}", "deprecated",
                " start [1, 2]", "not a JSON object",
                " event {\"descriptor\": \"d\", \"uid\": \"e\"}", "has no data map",
                " descriptor {\"uid\": \"d\"}", "has no data_keys map",
                " event_page {\"descriptor\": \"d\", \"uid\": [\"a\"], \"seq_num\": [1, 2], \"time\": [1],"
                + " \"data\": {}, \"timestamps\": {}}", "column 'seq_num' has 2 rows, the page has 1");
        bad.forEach((text, expected) -> {
            CodecException e = assertThrows(CodecException.class, () -> decode(decoder, frame(text)), text);
            assertTrue(e.getMessage().contains(expected), text + " -> " + e.getMessage());
        });
        assertEquals(1, decode(decoder, frame(" start {\"uid\": \"ok\", \"time\": 1}")).size());
        CodecException kafka = assertThrows(CodecException.class, () -> decode(new BlueskyKafkaCodec().newDecoder(),
                MsgpackValues.write("t", List.of("start"))));
        assertTrue(kafka.getMessage().contains("the msgpack pair [name, document]"), kafka.getMessage());
    }

    @Test
    void aListKeepsItsOwnShapeWhenTheDescriptorsCannotHoldIt() {
        MessageDecoder decoder = new BlueskyZmqJsonCodec().newDecoder();
        decode(decoder, frame(" descriptor {\"uid\": \"d\", \"data_keys\": {\"v\": {\"dtype\": \"array\","
                              + " \"shape\": [2147483647, 2147483647, 2147483647], \"source\": \"s\"}}}"));
        Event event = (Event) decode(decoder, frame(" event {\"descriptor\": \"d\", \"uid\": \"e\","
                                                    + " \"data\": {\"v\": [1, 2]}, \"timestamps\": {}}")).get(0);
        assertArrayEquals(new int[] { 2 }, event.getArray("v").shape());
    }

    @Test
    void anEventOfAnUnseenDescriptorIsDecodedWithoutItsStream() {
        MessageDecoder decoder = new BlueskyZmqMsgpackCodec().newDecoder();
        Event event = (Event) decode(decoder, msgpackFrame("", "event", Map.of("uid", "e", "descriptor", "late",
                "seq_num", 5L, "time", 2.0, "data", Map.of("x", 1L, "img", numpy("<u2", List.of(1L), new byte[] { 7, 0 })),
                "timestamps", Map.of("x", 2.0)))).get(0);
        assertNull(event.get("stream"));
        assertEquals(1L, event.get("x"));
        assertEquals(7.0, event.getArray("img").getDouble(0), "msgpack-numpy arrays describe themselves");
    }

    @Test
    void aStopForgetsItsRunsDescriptors() {
        MessageDecoder decoder = new BlueskyZmqJsonCodec().newDecoder();
        decode(decoder, frame(" descriptor {\"uid\": \"d\", \"run_start\": \"r\", \"name\": \"primary\","
                              + " \"data_keys\": {}}"));
        String event = " event {\"descriptor\": \"d\", \"uid\": \"e\", \"data\": {}, \"timestamps\": {}}";
        assertEquals("primary", ((Event) decode(decoder, frame(event)).get(0)).get("stream"));
        decode(decoder, frame(" stop {\"uid\": \"s\", \"run_start\": \"r\", \"exit_status\": \"success\"}"));
        assertNull(((Event) decode(decoder, frame(event)).get(0)).get("stream"));
    }

    @Test
    void severalDocumentsInOneMultipartMessageDecodeInOrder() {
        MessageDecoder decoder = new BlueskyZmqJsonCodec().newDecoder();
        List<ArroyoMessage> out = decoder.decodeAll(List.of(frame(" start {\"uid\": \"r\"}"),
                frame(" stop {\"uid\": \"s\", \"run_start\": \"r\"}")));
        assertInstanceOf(Start.class, out.get(0));
        assertInstanceOf(Stop.class, out.get(1));
    }
}
