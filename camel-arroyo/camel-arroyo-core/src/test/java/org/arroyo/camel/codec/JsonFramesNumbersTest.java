package org.arroyo.camel.codec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * json-frames numbers keep their JSON type and value through decode and encode exactly as Python's
 * {@code json.dumps(json.loads(text))} does: floats stay floats, written as {@code repr(float)} writes them, and
 * integers of any size stay integers. The expected texts were printed by Debian's /usr/bin/python3 (3.11):
 * hard-coded below, and src/test/resources/golden/python-float-repr.txt from src/test/python/make_float_repr_golden.py.
 */
class JsonFramesNumbersTest {

    private final JsonFramesCodec codec = new JsonFramesCodec();

    // JSON literal as LabVIEW or Python may write it -> what json.dumps(json.loads(literal)) prints
    private static final String[][] ROUND_TRIPS = {
            { "4.611686018427388e+18", "4.611686018427388e+18" },
            { "4.611686018427388E18", "4.611686018427388e+18" },
            { "1e17", "1e+17" },
            { "1E17", "1e+17" },
            { "1.0e17", "1e+17" },
            { "100000000000000000.0", "1e+17" },
            { "1e16", "1e+16" },
            { "1e15", "1000000000000000.0" },
            { "1e0", "1.0" },
            { "10e-1", "1.0" },
            { "0.0", "0.0" },
            { "-0.0", "-0.0" },
            { "-0", "0" },
            { "0", "0" },
            { "1.5", "1.5" },
            { "0.1", "0.1" },
            { "0.0001", "0.0001" },
            { "0.00001", "1e-05" },
            { "-1.5e-7", "-1.5e-07" },
            { "2e-3", "0.002" },
            { "1.7976931348623157e308", "1.7976931348623157e+308" },
            { "5e-324", "5e-324" },
            { "4.9e-324", "5e-324" },
            { "1e-400", "0.0" },
            { "2.2250738585072014e-308", "2.2250738585072014e-308" },
            { "2.82879384806159e17", "2.82879384806159e+17" },
            { "1.18575755E-316", "1.18575755e-316" },
            { "9007199254740993.0", "9007199254740992.0" },
            { "1e22", "1e+22" },
            { "1e23", "1e+23" },
            { "8.41e21", "8.41e+21" },
            { "9007199254740993", "9007199254740993" },
            { "9223372036854775807", "9223372036854775807" },
            { "-9223372036854775808", "-9223372036854775808" },
            { "-9223372036854775809", "-9223372036854775809" },
            { "18446744073709551615", "18446744073709551615" },
            { "123456789012345678901234567890", "123456789012345678901234567890" },
    };

    private static ByteBuffer utf8(String json) {
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer frame) {
        return new String(Golden.toBytes(frame), StandardCharsets.UTF_8);
    }

    private static String stopWith(String number) {
        return "{\"msg_type\":\"stop\",\"n\":" + number + "}";
    }

    private Object decodedNumber(String literal) {
        Stop stop = assertInstanceOf(Stop.class, codec.newDecoder().decode(List.of(utf8(stopWith(literal)))));
        return stop.get("n");
    }

    private String passedThrough(String json) {
        ArroyoMessage decoded = codec.newDecoder().decode(List.of(utf8(json)));
        return text(codec.encode(decoded).get(0));
    }

    @Test
    void decodeThenEncodeWritesEachNumberAsPythonDoes() {
        List<String> wrong = new ArrayList<>();
        for (String[] pair : ROUND_TRIPS) {
            String got = passedThrough(stopWith(pair[0]));
            if (!got.equals(stopWith(pair[1]))) {
                wrong.add(pair[0] + " -> " + got);
            }
        }
        assertEquals(List.of(), wrong, "literal -> frame written, where Python writes otherwise");
    }

    @Test
    void floatsWrittenWithAnExponentStayFloats() {
        assertEquals(Double.valueOf(1e17), decodedNumber("1e17"));
        assertEquals(Double.valueOf(4.611686018427388e18), decodedNumber("4.611686018427388e+18"));
        assertEquals(Double.valueOf(1.0), decodedNumber("1e0"));
    }

    @Test
    void negativeZeroKeepsItsSign() {
        // Double.equals compares bits: 0.0 is not -0.0
        assertEquals(Double.valueOf(-0.0), decodedNumber("-0.0"));
        assertEquals(Long.valueOf(0), decodedNumber("-0"), "-0 is the integer 0, as in Python");
    }

    @Test
    void integersBeyondInt64StayExactIntegers() {
        assertEquals(new BigInteger("18446744073709551615"), decodedNumber("18446744073709551615"));
        assertEquals(Long.valueOf(Long.MIN_VALUE), decodedNumber("-9223372036854775808"));
        assertEquals(new BigInteger("-9223372036854775809"), decodedNumber("-9223372036854775809"));
    }

    @Test
    void integersAreLimitedToPythonsDigitCount() {
        // Python 3.11 refuses int literals of more than 4300 digits (sys.int_info.default_max_str_digits)
        String longest = "7".repeat(4300);
        assertEquals(new BigInteger("-" + longest), decodedNumber("-" + longest), "the sign is not a digit");
        CodecException e = assertThrows(CodecException.class, () -> decodedNumber("7".repeat(4301)));
        assertEquals("json-frames codec: the frame holds a number out of range: an integer of 4301 digits "
                     + "(at most 4300)", e.getMessage());
    }

    @Test
    void aFloatBeyondTheDoubleRangeIsRefused() {
        // Python reads inf and writes Infinity, which is not JSON
        CodecException e = assertThrows(CodecException.class, () -> decodedNumber("-1e400"));
        assertEquals("json-frames codec: the frame holds a number out of range: -1e400", e.getMessage());
    }

    @Test
    void aStartFromLabviewPassesThroughAsPythonWritesIt() {
        String start = "{\"msg_type\":\"start\",\"Binding Energy\":85.5,\"Counts\":1E17,\"Offset\":-0.0,"
                       + "\"Serial\":18446744073709551615,\"Steps\":[1,2.0,3e2,{\"w\":1.5e-7}],"
                       + "\"Rectangle\":{\"Left\":0,\"Top\":0,\"Right\":4,\"Bottom\":3,\"Rotation\":0.0},"
                       + "\"data_type\":\"U8\"}";
        // python3 -c 'import json,sys; print(json.dumps(json.loads(sys.argv[1]), separators=(",", ":")))' "$start"
        String python = "{\"msg_type\":\"start\",\"Binding Energy\":85.5,\"Counts\":1e+17,\"Offset\":-0.0,"
                        + "\"Serial\":18446744073709551615,\"Steps\":[1,2.0,300.0,{\"w\":1.5e-07}],"
                        + "\"Rectangle\":{\"Left\":0,\"Top\":0,\"Right\":4,\"Bottom\":3,\"Rotation\":0.0},"
                        + "\"data_type\":\"U8\"}";
        assertEquals(python, passedThrough(start));
    }

    @Test
    void everyFloatIsWrittenAsPythonsRepr() throws IOException {
        List<String> wrong = new ArrayList<>();
        int count = 0;
        for (String[] line : pythonReprs()) {
            double value = Double.longBitsToDouble(HexFormat.fromHexDigitsToLong(line[0]));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("v", value);
            String written = text(codec.encode(Stop.of(data)).get(0));
            if (!written.equals(stopWith(line[1]).replace("\"n\"", "\"v\""))) {
                wrong.add(line[0] + " " + line[1] + " written as " + written);
            }
            count++;
        }
        assertTrue(count > 4000, "golden floats read: " + count);
        assertEquals(List.of(), wrong.subList(0, Math.min(wrong.size(), 20)), wrong.size() + " of " + count
                                                                              + " differ from Python");
    }

    @Test
    void everyFloatWrittenReadsBackToTheSameBits() throws IOException {
        for (String[] line : pythonReprs()) {
            Object back = decodedNumber(line[1]);
            assertEquals(line[0], String.format("%016x", Double.doubleToRawLongBits((Double) back)), line[1]);
        }
    }

    private static List<String[]> pythonReprs() throws IOException {
        List<String[]> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                JsonFramesNumbersTest.class.getResourceAsStream("/golden/python-float-repr.txt"),
                StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line.split(" ", 2));
            }
        }
        return lines;
    }
}
