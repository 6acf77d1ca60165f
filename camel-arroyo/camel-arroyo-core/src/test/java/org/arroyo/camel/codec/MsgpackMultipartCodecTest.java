package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

import static org.arroyo.camel.codec.Golden.bytes;
import static org.arroyo.camel.codec.Golden.toBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MsgpackMultipartCodecTest {

    private final MsgpackMultipartCodec codec = new MsgpackMultipartCodec();
    private final MessageDecoder decoder = codec.newDecoder();

    private static List<ByteBuffer> frames(byte[]... parts) {
        return java.util.Arrays.stream(parts).map(ByteBuffer::wrap).toList();
    }

    private static Map<String, Object> expectedEventMetadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("timestamp", 1718000000.25);
        m.put("flush_number", 3L);
        m.put("cycles_in_flush", 10L);
        m.put("total_cycles", 30L);
        return m;
    }

    private static void assertGoldenEvent(ArroyoMessage decoded) {
        Event event = assertInstanceOf(Event.class, decoded);
        assertEquals(expectedEventMetadata(), event.getMetadata());
        NDArray data = event.getArray(MsgpackMultipartCodec.ARRAY_NAME);
        assertEquals(DType.UINT32, data.dtype());
        assertArrayEquals(new int[] { 2, 2, 3 }, data.shape());
        assertEquals(12.0, data.getDouble(11));
        assertEquals(1.0, data.getDouble(0));
    }

    @Test
    void decodesPythonStartAndStop() {
        Start start = assertInstanceOf(Start.class, decoder.decode(frames(bytes("multipart-start"))));
        assertEquals(1000.5, start.get("tdc_frequency_hz"));
        assertEquals(256L, start.get("detector_size_x"));
        assertEquals("scan_12", start.get("scan_name"));
        Stop stop = assertInstanceOf(Stop.class, decoder.decode(frames(bytes("multipart-stop"))));
        assertEquals(Map.of("total_cycles", 30L), stop.getData());
    }

    @Test
    void decodesEventAsOneTwoFrameMessage() {
        assertGoldenEvent(decoder.decode(frames(bytes("multipart-event-header"), bytes("multipart-event-data"))));
    }

    @Test
    void decodesEventSentAsTwoConsecutiveMessages() {
        assertNull(decoder.decode(frames(bytes("multipart-event-header"))));
        assertGoldenEvent(decoder.decode(frames(bytes("multipart-event-data"))));
        // and the decoder is back to reading headers
        assertInstanceOf(Stop.class, decoder.decode(frames(bytes("multipart-stop"))));
    }

    @Test
    void decodedDataIsAViewOfTheDataFrame() {
        byte[] data = bytes("multipart-event-data");
        Event event = (Event) decoder.decode(frames(bytes("multipart-event-header"), data));
        data[0] = 42;
        assertEquals(42.0, event.getArray("data").getDouble(0));
    }

    @Test
    void reencodesPythonFramesByteForByte() {
        assertArrayEquals(bytes("multipart-start"),
                toBytes(codec.encode(decoder.decode(frames(bytes("multipart-start")))).get(0)));
        List<ByteBuffer> out = codec.encode(
                decoder.decode(frames(bytes("multipart-event-header"), bytes("multipart-event-data"))));
        assertEquals(2, out.size());
        assertArrayEquals(bytes("multipart-event-header"), toBytes(out.get(0)));
        assertArrayEquals(bytes("multipart-event-data"), toBytes(out.get(1)));
    }

    @Test
    void roundTripsEachMessageType() {
        Event event = Event.ofArray(Map.of("flush_number", 1L), "data",
                NDArray.ofInts(DType.INT32, new int[] { -1, 2, 3, 4 }, 2, 2));
        for (ArroyoMessage m : List.of(Start.of(Map.of("n_bins", 100L)), event, Stop.of(Map.of()))) {
            assertEquals(m, decoder.decode(codec.encode(m)));
        }
    }

    @Test
    void encodesLittleEndianArraysWithoutCopy() {
        byte[] pixels = { 1, 0, 0, 0, 2, 0, 0, 0 };
        NDArray array = NDArray.wrap(DType.UINT32, new int[] { 2 }, ByteOrder.LITTLE_ENDIAN, pixels);
        ByteBuffer dataFrame = codec.encode(Event.ofArray(Map.of(), "x", array)).get(1);
        // a write into the array's memory shows in the frame: the frame is a view, not a copy
        pixels[0] = 9;
        assertEquals(9, dataFrame.get(0));
        assertEquals(8, dataFrame.remaining());
    }

    @Test
    void convertsBigEndianArraysOnEncode() {
        ByteBuffer be = ByteBuffer.allocate(4).putInt(0x01020304).flip();
        NDArray array = NDArray.wrap(DType.UINT32, new int[] { 1 }, ByteOrder.BIG_ENDIAN, be);
        ByteBuffer dataFrame = codec.encode(Event.ofArray(Map.of(), "x", array)).get(1);
        assertArrayEquals(new byte[] { 4, 3, 2, 1 }, toBytes(dataFrame));
    }

    @Test
    void headerWithoutDataThenNewHeaderIsReportedAndTheNewHeaderKept() {
        assertNull(decoder.decode(frames(bytes("multipart-event-header"))));
        Event other = Event.ofArray(Map.of("flush_number", 9L), "data", NDArray.ofDoubles(new double[] { 1.5 }));
        List<ByteBuffer> otherFrames = codec.encode(other);
        CodecException e = assertThrows(CodecException.class, () -> decoder.decode(List.of(otherFrames.get(0))));
        assertTrue(e.getMessage().contains("got no data part") && e.getMessage().contains("uint32 x [2, 2, 3]")
                   && e.getMessage().contains("kept the new"), e.getMessage());
        assertEquals(other, decoder.decode(List.of(otherFrames.get(1))));
    }

    @Test
    void dataOfTheWrongSizeIsReported() {
        assertNull(decoder.decode(frames(bytes("multipart-event-header"))));
        CodecException e = assertThrows(CodecException.class, () -> decoder.decode(frames(new byte[] { 1, 2, 3 })));
        assertTrue(e.getMessage().contains("data part has 3 bytes") && e.getMessage().contains("needs 48"),
                e.getMessage());
        // the broken event is gone; the next message decodes normally
        assertInstanceOf(Stop.class, decoder.decode(frames(bytes("multipart-stop"))));
    }

    @Test
    void twoFrameEventWithWrongDataLength() {
        CodecException e = assertThrows(CodecException.class,
                () -> decoder.decode(frames(bytes("multipart-event-header"), new byte[47])));
        assertEquals("msgpack-multipart codec: array 'data' has 47 bytes but uint32 x [2, 2, 3] needs 48",
                e.getMessage());
    }

    @Test
    void stopAfterDanglingHeaderIsStillDelivered() {
        assertNull(decoder.decode(frames(bytes("multipart-event-header"))));
        assertInstanceOf(Stop.class, decoder.decode(frames(bytes("multipart-stop"))));
    }

    @Test
    void eventHeaderWithoutShapeOrDtype() {
        byte[] header = toBytes(new MsgpackCodec().encode(Event.ofMetadata(Map.of("x", 1L))).get(0));
        CodecException e = assertThrows(CodecException.class, () -> decoder.decode(frames(header, new byte[0])));
        assertTrue(e.getMessage().contains("has no dtype"), e.getMessage());
    }

    @Test
    void startWithASecondFrameIsAnError() {
        CodecException e = assertThrows(CodecException.class,
                () -> decoder.decode(frames(bytes("multipart-start"), new byte[4])));
        assertTrue(e.getMessage().contains("second frame of 4 bytes"), e.getMessage());
    }

    @Test
    void encodingNeedsExactlyOneArray() {
        CodecException e = assertThrows(CodecException.class,
                () -> codec.encode(Event.ofArrays(Map.of(), Map.of("a", NDArray.ofDoubles(new double[] { 1 }),
                        "b", NDArray.ofDoubles(new double[] { 2 })))));
        assertTrue(e.getMessage().contains("exactly one array") && e.getMessage().contains("2 arrays"));
    }

    @Test
    void unknownMsgTypeIsSkipped() {
        byte[] header = toBytes(new MsgpackCodec().encode(
                Event.ofMetadata(Map.of("msg_type", "calibration"))).get(0));
        assertNull(decoder.decode(frames(header)));
        assertSame(null, decoder.decode(frames(header, new byte[2])));
    }
}
