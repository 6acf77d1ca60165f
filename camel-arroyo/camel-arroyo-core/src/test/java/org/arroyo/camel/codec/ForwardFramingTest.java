package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForwardFramingTest {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String decodeError(String framed) {
        return assertThrows(CodecException.class, () -> ForwardFraming.decode(ByteBuffer.wrap(ascii(framed))))
                .getMessage();
    }

    @Test
    void goldenEncodings() {
        assertArrayEquals(ascii("1bHello World"), ForwardFraming.encode("Hello World"));
        assertArrayEquals(ascii("21a" + ALPHABET), ForwardFraming.encode(ALPHABET));
        assertArrayEquals(ascii("10"), ForwardFraming.encode(""));
        byte[] framed256 = ForwardFraming.encode(new byte[256]);
        assertEquals(260, framed256.length);
        assertEquals("3100", new String(framed256, 0, 4, StandardCharsets.US_ASCII));
    }

    @Test
    void utf8TextCountsBytes() {
        // "é" is two bytes, "€" three: 5 characters, 8 bytes
        byte[] framed = ForwardFraming.encode("aé€bc");
        assertEquals("18", new String(framed, 0, 2, StandardCharsets.US_ASCII));
        assertEquals("aé€bc", ForwardFraming.decodeText(ByteBuffer.wrap(framed)));
    }

    @Test
    void goldenDecodings() {
        assertEquals("Hello World", ForwardFraming.decodeText(ByteBuffer.wrap(ascii("1bHello World"))));
        assertEquals(ALPHABET, ForwardFraming.decodeText(ByteBuffer.wrap(ascii("21a" + ALPHABET))));
        assertEquals(0, ForwardFraming.decode(ByteBuffer.wrap(ascii("10"))).remaining());
        // upper-case hex is accepted too
        assertEquals("Hello World", ForwardFraming.decodeText(ByteBuffer.wrap(ascii("1BHello World"))));
    }

    @Test
    void decodeIsAViewOfTheFrame() {
        byte[] framed = ascii("13abc");
        ByteBuffer message = ForwardFraming.decode(ByteBuffer.wrap(framed));
        framed[2] = 'X';
        assertEquals('X', message.get(0));
    }

    @Test
    void extraBytesAreAnError() {
        assertEquals("forward codec: the header announces 11 bytes but 12 follow", decodeError("1bHello World!"));
    }

    @Test
    void missingBytesAreAnError() {
        assertEquals("forward codec: the header announces 11 bytes but 10 follow", decodeError("1bHello Worl"));
    }

    @Test
    void nonHexLengthOfLength() {
        assertTrue(decodeError("xbHello World").contains("first byte (L) is 'x', not a hexadecimal digit"));
        assertTrue(decodeError("0").contains("L is 0"));
    }

    @Test
    void nonHexLength() {
        assertTrue(decodeError("1gHello World").contains("length digit 1 is 'g', not a hexadecimal digit"));
    }

    @Test
    void headerLongerThanTheFrame() {
        assertTrue(decodeError("5ab").contains("says 5 length digits but the frame has 3 bytes"));
        assertTrue(decodeError("").contains("empty frame"));
    }

    @Test
    void largestLengthHeader() {
        assertArrayEquals(ascii("ffffffffffffffff"), ForwardFraming.header(ForwardFraming.MAX_LENGTH));
        assertThrows(CodecException.class, () -> ForwardFraming.header(ForwardFraming.MAX_LENGTH + 1));
    }

    @Test
    void readerSplitsAStreamFedByteByByte() {
        byte[] stream = concat(ForwardFraming.encode("Hello World"), ForwardFraming.encode(""),
                ForwardFraming.encode(ALPHABET), ForwardFraming.encode(new byte[300]));
        ForwardFrameReader reader = new ForwardFrameReader();
        List<byte[]> messages = new ArrayList<>();
        for (byte b : stream) {
            messages.addAll(reader.feed(new byte[] { b }, 0, 1));
        }
        assertEquals(4, messages.size());
        assertEquals("Hello World", new String(messages.get(0), StandardCharsets.UTF_8));
        assertEquals(0, messages.get(1).length);
        assertEquals(ALPHABET, new String(messages.get(2), StandardCharsets.UTF_8));
        assertEquals(300, messages.get(3).length);
        assertFalse(reader.hasPartialMessage());
    }

    @Test
    void readerHandlesSeveralMessagesPerChunkAndSplitHeaders() {
        byte[] stream = concat(ForwardFraming.encode("one"), ForwardFraming.encode("two"),
                ForwardFraming.encode(ALPHABET));
        ForwardFrameReader reader = new ForwardFrameReader();
        // 12 bytes: both short messages and the "2" of the alphabet's header
        List<byte[]> first = reader.feed(ByteBuffer.wrap(stream, 0, 11));
        assertEquals(2, first.size());
        assertEquals("two", new String(first.get(1), StandardCharsets.UTF_8));
        assertTrue(reader.hasPartialMessage());
        List<byte[]> rest = reader.feed(ByteBuffer.wrap(stream, 11, stream.length - 11));
        assertEquals(ALPHABET, new String(rest.get(0), StandardCharsets.UTF_8));
    }

    @Test
    void readerRefusesMessagesAboveItsMaximum() {
        ForwardFrameReader reader = new ForwardFrameReader(16);
        CodecException e = assertThrows(CodecException.class, () -> reader.feed(ByteBuffer.wrap(ascii("211"))));
        assertEquals("forward codec: a message of 17 bytes exceeds the reader's maximum of 16 bytes", e.getMessage());
        // the stream is out of step now: further input is refused until reset
        CodecException again = assertThrows(CodecException.class, () -> reader.feed(ByteBuffer.wrap(ascii("10"))));
        assertTrue(again.getMessage().contains("reset"), again.getMessage());
        reader.reset();
        assertEquals(1, reader.feed(ByteBuffer.wrap(ascii("10"))).size());
    }

    @Test
    void readerDefaultMaximumIs256MiBAndRefusesHugeLengthsWithoutAllocating() {
        ForwardFrameReader reader = new ForwardFrameReader();
        CodecException e = assertThrows(CodecException.class,
                () -> reader.feed(ByteBuffer.wrap(ascii("ffffffffffffffff"))));
        assertTrue(e.getMessage().contains("maximum of 268435456 bytes"), e.getMessage());
    }

    @Test
    void readerRejectsNonHexHeaders() {
        CodecException e = assertThrows(CodecException.class,
                () -> new ForwardFrameReader().feed(ByteBuffer.wrap(ascii("1zabc"))));
        assertTrue(e.getMessage().contains("'z', not a hexadecimal digit"), e.getMessage());
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer out = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }
}
