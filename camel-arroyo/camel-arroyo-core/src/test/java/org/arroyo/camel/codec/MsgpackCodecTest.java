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
import static org.arroyo.camel.codec.Golden.frame;
import static org.arroyo.camel.codec.Golden.toBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MsgpackCodecTest {

    private final MsgpackCodec codec = new MsgpackCodec();

    private ArroyoMessage decode(byte[] frame) {
        return codec.newDecoder().decode(frame(frame));
    }

    private static byte[] encodeOne(MessageCodec codec, ArroyoMessage m) {
        List<ByteBuffer> frames = codec.encode(m);
        assertEquals(1, frames.size());
        return toBytes(frames.get(0));
    }

    @Test
    void decodesPythonStart() {
        Start start = assertInstanceOf(Start.class, decode(bytes("msgpack-start")));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("run_name", "sample_A");
        expected.put("run_id", "3f2a-77");
        expected.put("width", 3L);
        expected.put("height", 2L);
        expected.put("data_type", "uint16");
        expected.put("tiled_url", "http://tiled:8000/api/v1/metadata/raw/sample_A");
        assertEquals(expected, start.getData());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(start.getData().keySet()));
    }

    @Test
    void decodesPythonEventWithUint16Image() {
        Event event = assertInstanceOf(Event.class, decode(bytes("msgpack-event")));
        assertEquals(Map.of("frame_number", 7L, "tiled_url", "http://tiled:8000/api/v1/array/full/raw/sample_A/7"),
                event.getMetadata());
        NDArray image = event.getArray("image");
        assertEquals(DType.UINT16, image.dtype());
        assertArrayEquals(new int[] { 2, 3 }, image.shape());
        assertEquals(ByteOrder.LITTLE_ENDIAN, image.order());
        assertArrayEquals(new double[] { 1, 2, 3, 4, 5, 300 }, image.toDoubleArray());
    }

    @Test
    void decodesPythonStop() {
        Stop stop = assertInstanceOf(Stop.class, decode(bytes("msgpack-stop")));
        assertEquals(Map.of("num_frames", 42L), stop.getData());
    }

    @Test
    void decodesPythonResultEventWithoutMsgType() {
        Event event = assertInstanceOf(Event.class, decode(bytes("msgpack-result-event")));
        assertEquals(List.of("curve", "raw_frame"), List.copyOf(event.getArrays().keySet()));
        assertEquals(List.of("curve_tiled_url", "raw_frame_tiled_url"), List.copyOf(event.getMetadata().keySet()));
        assertArrayEquals(new double[] { 0.5, 1.5, 2.25, -4.0 }, event.getArray("curve").toDoubleArray());
        NDArray raw = event.getArray("raw_frame");
        assertEquals(DType.UINT32, raw.dtype());
        assertArrayEquals(new double[] { 10, 20, 70000, 4000000000.0 }, raw.toDoubleArray());
    }

    @Test
    void skipsUnknownMsgTypeByDefault() {
        assertNull(decode(bytes("msgpack-result-stop")));
    }

    @Test
    void passesUnknownMsgTypeOnAsEventWhenAsked() {
        MsgpackCodec passing = new MsgpackCodec(true);
        Event event = assertInstanceOf(Event.class,
                passing.newDecoder().decode(frame(bytes("msgpack-result-stop"))));
        assertEquals(Map.of("msg_type", "result_stop", "function", "reduce_1d"), event.getMetadata());
        // and it goes out again with its own msg_type, byte for byte
        assertArrayEquals(bytes("msgpack-result-stop"), encodeOne(passing, event));
    }

    @Test
    void reencodesStartStopAndEventByteForByte() {
        for (String name : List.of("msgpack-start", "msgpack-stop", "msgpack-event-image-last")) {
            byte[] golden = bytes(name);
            assertArrayEquals(golden, encodeOne(codec, decode(golden)), name);
        }
    }

    @Test
    void reencodedPythonEventsDecodeToEqualMessages() {
        for (String name : List.of("msgpack-event", "msgpack-result-event")) {
            ArroyoMessage original = decode(bytes(name));
            assertEquals(original, decode(encodeOne(codec, original)), name);
        }
    }

    @Test
    void roundTripsEachMessageType() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "run 1");
        data.put("count", 12L);
        data.put("negative", -300L);
        data.put("ratio", 0.25);
        data.put("flag", true);
        data.put("none", null);
        data.put("nested", Map.of("k", List.of(1L, "two", 3.5)));
        Start start = Start.of(data);
        Stop stop = Stop.of(Map.of("num_frames", 1000L));
        Event event = Event.ofArrays(Map.of("frame_number", 5L), Map.of(
                "image", NDArray.ofInts(DType.UINT32, new int[] { 1, -1, 3, 4, 5, 6 }, 2, 3),
                "curve", NDArray.ofDoubles(new double[] { 1.5, 2.5 })));
        for (ArroyoMessage m : List.of(start, stop, event)) {
            assertEquals(m, decode(encodeOne(codec, m)));
        }
    }

    @Test
    void binMetadataDecodesAsByteArray() {
        Start start = Start.of(Map.of("blob", new byte[] { 1, 2, 3 }));
        Start back = assertInstanceOf(Start.class, decode(encodeOne(codec, start)));
        assertArrayEquals(new byte[] { 1, 2, 3 }, (byte[]) back.get("blob"));
    }

    @Test
    void integerValuesComeBackAsLong() {
        Start back = assertInstanceOf(Start.class, decode(encodeOne(codec, Start.of(Map.of("n", 7)))));
        assertEquals(7L, back.get("n"));
    }

    @Test
    void convertsBigEndianArraysToLittleEndian() {
        ByteBuffer be = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putShort((short) 1).putShort((short) 258)
                .flip();
        NDArray array = NDArray.wrap(DType.UINT16, new int[] { 2 }, ByteOrder.BIG_ENDIAN, be);
        byte[] frame = encodeOne(codec, Event.ofArray(Map.of(), "a", array));
        // the bin payload is the last 4 bytes before "dtype": find it by its little-endian content
        assertTrue(indexOf(frame, new byte[] { 1, 0, 2, 1 }) >= 0, "little-endian bytes on the wire");
        NDArray back = ((Event) decode(frame)).getArray("a");
        assertEquals(ByteOrder.LITTLE_ENDIAN, back.order());
        assertArrayEquals(new double[] { 1, 258 }, back.toDoubleArray());
    }

    @Test
    void decodingIsZeroCopy() {
        byte[] frame = bytes("msgpack-event");
        NDArray image = ((Event) decode(frame)).getArray("image");
        int at = indexOf(frame, new byte[] { 1, 0, 2, 0, 3, 0 });
        assertTrue(at > 0);
        assertEquals(1.0, image.getDouble(0));
        // the array reads the frame itself: a write into the frame shows through
        frame[at] = 99;
        assertEquals(99.0, image.getDouble(0));
    }

    @Test
    void decodesReadOnlyAndDirectFramesAndStaysZeroCopy() {
        byte[] golden = bytes("msgpack-event");
        ByteBuffer direct = ByteBuffer.allocateDirect(golden.length).put(golden).flip();
        for (ByteBuffer f : List.of(ByteBuffer.wrap(golden).asReadOnlyBuffer(), direct.asReadOnlyBuffer())) {
            Event event = (Event) codec.newDecoder().decode(List.of(f));
            assertArrayEquals(new double[] { 1, 2, 3, 4, 5, 300 }, event.getArray("image").toDoubleArray());
        }
        NDArray image = ((Event) codec.newDecoder().decode(List.of(direct))).getArray("image");
        direct.put(indexOf(golden, new byte[] { 1, 0, 2, 0, 3, 0 }), (byte) 77);
        assertEquals(77.0, image.getDouble(0));
    }

    @Test
    void encodesLargeFramesWithOneExactBuffer() {
        int n = 1679 * 1475;
        NDArray image = NDArray.wrap(DType.UINT32, new int[] { 1679, 1475 }, ByteOrder.LITTLE_ENDIAN,
                new byte[n * 4]);
        ByteBuffer frame = codec.encode(Event.ofArray(Map.of("frame_number", 1L), "image", image)).get(0);
        assertEquals(frame.capacity(), frame.remaining(), "no slack in the frame buffer");
        Event back = (Event) codec.newDecoder().decode(List.of(frame));
        assertEquals(image, back.getArray("image"));
    }

    @Test
    void opaqueBytesEventsCannotBeEncoded() {
        CodecException e = assertThrows(CodecException.class,
                () -> codec.encode(Event.ofBytes(new byte[] { 1 })));
        assertTrue(e.getMessage().contains("raw codec"), e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
