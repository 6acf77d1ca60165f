package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON and msgpack value readers and writers that codec modules share. */
class SharedValuesTest {

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nonFiniteNumbersReadAndWriteAsPythonsJsonDoes() {
        // what json.dumps({"a": float("nan"), "b": float("inf"), "c": [float("-inf")]}) prints
        String python = "{\"a\": NaN, \"b\": Infinity, \"c\": [-Infinity, -1]}";
        Map<String, Object> read = JsonValues.readObject("t", utf8(python), true);
        assertTrue(Double.isNaN((Double) read.get("a")));
        assertEquals(Double.POSITIVE_INFINITY, read.get("b"));
        assertEquals(List.of(Double.NEGATIVE_INFINITY, -1L), read.get("c"));
        ByteBuffer written = JsonValues.writeObject("t", read, true);
        assertEquals("{\"a\":NaN,\"b\":Infinity,\"c\":[-Infinity,-1]}", StandardCharsets.UTF_8.decode(written).toString());
    }

    @Test
    void withoutTheOptionNonFiniteNumbersAreRefused() {
        CodecException read = assertThrows(CodecException.class,
                () -> JsonValues.readObject("t", utf8("{\"a\": NaN}")));
        assertTrue(read.getMessage().contains("'N' where a value belongs"), read.getMessage());
        assertThrows(CodecException.class, () -> JsonValues.readObject("t", utf8("{\"a\": Nope}"), true));
        Map<String, Object> nan = new LinkedHashMap<>();
        nan.put("a", Double.NaN);
        assertThrows(CodecException.class, () -> JsonValues.writeObject("t", nan));
    }

    @Test
    void aTopLevelArrayReadsWithBinsAsViews() {
        byte[] pixels = { 1, 2, 3, 4 };
        ByteBuffer frame = MsgpackValues.write("t", List.of("event", Map.of("data", pixels)));
        Object value = MsgpackValues.readValue("t", frame);
        List<?> pair = assertInstanceOf(List.class, value);
        assertEquals("event", pair.get(0));
        ByteBuffer bin = assertInstanceOf(ByteBuffer.class, ((Map<?, ?>) pair.get(1)).get("data"));
        assertEquals(4, bin.remaining());
        // a view: a write into the frame shows through
        frame.put(frame.limit() - 4, (byte) 9);
        assertEquals(9, bin.get(bin.position()));
        assertArrayEquals(new byte[] { 9, 2, 3, 4 }, (byte[]) ((Map<?, ?>) MsgpackValues.plain(pair.get(1))).get("data"));
        CodecException trailing = assertThrows(CodecException.class, () -> MsgpackValues.readValue("t",
                ByteBuffer.wrap(new byte[] { (byte) 0x90, 0x01 })));
        assertTrue(trailing.getMessage().contains("trailing bytes after the msgpack value"), trailing.getMessage());
    }
}
