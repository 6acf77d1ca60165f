package org.arroyo.camel.message;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageModelTest {

    @Test
    void ndarrayReadsEveryDtypeInEitherByteOrder() {
        ByteBuffer le = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0xFFFFFFFE).putInt(7).flip();
        NDArray u32 = NDArray.wrap(DType.UINT32, new int[] { 2 }, ByteOrder.LITTLE_ENDIAN, le);
        assertEquals(4294967294.0, u32.getDouble(0));
        assertEquals(7.0, u32.getDouble(1));
        NDArray i32 = NDArray.wrap(DType.INT32, new int[] { 2 }, ByteOrder.LITTLE_ENDIAN, le);
        assertEquals(-2.0, i32.getDouble(0));

        byte[] be = { 0x01, 0x02 };
        assertEquals(258.0, NDArray.wrap(DType.UINT16, new int[] { 1 }, ByteOrder.BIG_ENDIAN, be).getDouble(0));
        assertEquals(513.0, NDArray.wrap(DType.UINT16, new int[] { 1 }, ByteOrder.LITTLE_ENDIAN, be).getDouble(0));

        // float16: 0x3C00 = 1.0, 0xC000 = -2.0, 0x7BFF = 65504 (largest half)
        ByteBuffer half = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x7BFF).flip();
        NDArray f16 = NDArray.wrap(DType.FLOAT16, new int[] { 3 }, ByteOrder.LITTLE_ENDIAN, half);
        assertArrayEquals(new double[] { 1.0, -2.0, 65504.0 }, f16.toDoubleArray());
    }

    @Test
    void ndarrayIsAViewNotACopy() {
        byte[] frame = new byte[12];
        NDArray a = NDArray.wrap(DType.UINT8, new int[] { 3, 4 }, ByteOrder.LITTLE_ENDIAN, frame);
        frame[5] = 42;
        assertEquals(42.0, a.getDouble(1, 1));
        assertTrue(a.data().isReadOnly(), "users cannot write into a received frame");
    }

    @Test
    void ndarrayRejectsDataThatDoesNotMatchDtypeAndShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NDArray.wrap(DType.UINT32, new int[] { 10, 30 }, ByteOrder.LITTLE_ENDIAN, new byte[1000]));
        assertEquals("array data is 1000 bytes but dtype uint32 x shape [10, 30] needs 1200", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> NDArray.wrap(DType.UINT8, new int[] { -1 }, ByteOrder.LITTLE_ENDIAN, new byte[0]));
    }

    @Test
    void byteOrderConversionKeepsValues() {
        NDArray floats = NDArray.ofFloats(new float[] { 1.5f, -3f, 1e6f }, 3);
        NDArray big = floats.withOrder(ByteOrder.BIG_ENDIAN);
        assertEquals(ByteOrder.BIG_ENDIAN, big.order());
        assertArrayEquals(floats.toFloatArray(), big.toFloatArray());
        assertEquals(floats, big, "equality compares values, whatever the byte order");
    }

    @Test
    void dtypeNamesFollowNumpy() {
        assertEquals(DType.UINT32, DType.fromName("uint32"));
        assertEquals(DType.FLOAT32, DType.fromName("<f4"));
        assertEquals(DType.FLOAT64, DType.fromName("float"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DType.fromName("complex256"));
        assertTrue(e.getMessage().startsWith("unknown dtype 'complex256'; accepted: bool, int8"), e.getMessage());
    }

    @Test
    void messagesAreImmutableAndOrdered() {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("run_name", "r1");
        data.put("width", 10L);
        Start start = Start.of(data);
        data.put("width", 99L);
        assertEquals(10L, start.get("width"), "a message keeps its own copy of the data");
        assertEquals(List.of("run_name", "width"), List.copyOf(start.getData().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> start.getData().put("x", 1));
        assertEquals(MessageType.START, start.type());
        assertEquals("stop", Stop.of(Map.of()).type().wireName());
    }

    @Test
    void convertersGiveTheNaturalViews() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            var tc = context.getTypeConverter();
            Event fromText = tc.mandatoryConvertTo(Event.class, "hello");
            assertEquals("hello", new String(fromText.getPayloadBytes(), StandardCharsets.UTF_8));
            byte[] bytes = { 1, 2, 3 };
            ArroyoMessage fromBytes = tc.mandatoryConvertTo(ArroyoMessage.class, bytes);
            assertArrayEquals(bytes, tc.mandatoryConvertTo(byte[].class, fromBytes));

            NDArray curve = NDArray.ofFloats(new float[] { 1f, 2f });
            Event withArray = Event.ofArray(Map.of("frame_number", 3L), "curve", curve);
            assertSame(curve, tc.mandatoryConvertTo(NDArray.class, withArray));
            Map<?, ?> map = tc.mandatoryConvertTo(Map.class, withArray);
            assertEquals("event", map.get("msg_type"));
            assertEquals(3L, map.get("frame_number"));
            assertEquals(Map.of("dtype", "float32", "shape", List.of(2), "byteSize", 8L), map.get("curve"));
            assertEquals(8, tc.mandatoryConvertTo(byte[].class, withArray).length);
        }
    }
}
