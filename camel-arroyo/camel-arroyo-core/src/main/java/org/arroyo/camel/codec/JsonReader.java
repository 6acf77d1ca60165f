package org.arroyo.camel.codec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one JSON object into the values Python's {@code json.loads} gives, so that nothing is lost when a frame is
 * written again: a number with a fraction or an exponent is a {@link Double} ({@code 1e17}, {@code -0.0} keep type
 * and sign), any other number an integer: {@link Long}, or {@link BigInteger} beyond 64 bits. Objects are
 * order-keeping maps (a repeated key keeps its first place and its last value), arrays are lists.
 * <p>
 * Where Python differs, or would write something that is not JSON, this refuses: {@code NaN} and
 * {@code Infinity}, a float literal beyond the double range (Python reads {@code inf}), an integer of more than
 * {@value #MAX_INT_DIGITS} digits (Python's own limit), nesting deeper than {@value #MAX_DEPTH}. Control characters
 * inside strings are accepted as they are (Python's {@code strict=False}). One instance parses one text.
 * <p>
 * With {@code nonFinite}, {@code NaN}, {@code Infinity} and {@code -Infinity} read as the doubles they name, as
 * Python's {@code json.loads} reads them (its {@code json.dumps} writes them for float nan and inf).
 */
final class JsonReader {

    /** Deeper nesting than any Arroyo message uses; the parser recurses, so this guards the stack. */
    static final int MAX_DEPTH = 64;

    /** Python 3.11's {@code sys.int_info.default_max_str_digits}. */
    static final int MAX_INT_DIGITS = 4300;

    // a long holds any 18-digit integer; longer ones go through BigInteger
    private static final int LONG_SAFE_DIGITS = 18;
    private static final int QUOTED_LITERAL_MAX = 40;

    private final String codec;
    private final String text;
    private final boolean nonFinite;
    private int at;

    private JsonReader(String codec, String text, boolean nonFinite) {
        this.codec = codec;
        this.text = text;
        this.nonFinite = nonFinite;
    }

    /**
     * The object {@code text} holds.
     *
     * @throws CodecException when the text is not exactly one JSON object, or holds what is refused above
     */
    static Map<String, Object> readObject(String codec, String text) {
        return readObject(codec, text, false);
    }

    /** As {@link #readObject(String, String)}; {@code nonFinite} also reads NaN, Infinity and -Infinity. */
    static Map<String, Object> readObject(String codec, String text, boolean nonFinite) {
        JsonReader reader = new JsonReader(codec, text, nonFinite);
        reader.skipWhitespace();
        reader.expect('{');
        Map<String, Object> object = reader.object(0);
        reader.skipWhitespace();
        if (reader.at < text.length()) {
            throw reader.invalid("text after the object");
        }
        return object;
    }

    private Object value(int depth) {
        skipWhitespace();
        if (at >= text.length()) {
            throw invalid("the end of the text where a value belongs");
        }
        char c = text.charAt(at++);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> word("true", Boolean.TRUE);
            case 'f' -> word("false", Boolean.FALSE);
            case 'n' -> word("null", null);
            default -> {
                if (nonFinite && c == 'N') {
                    yield nonFiniteWord("NaN", Double.NaN);
                }
                if (nonFinite && c == 'I') {
                    yield nonFiniteWord("Infinity", Double.POSITIVE_INFINITY);
                }
                if (nonFinite && c == '-' && peek() == 'I') {
                    at++;
                    yield nonFiniteWord("-Infinity", Double.NEGATIVE_INFINITY);
                }
                if (c == '-' || (c >= '0' && c <= '9')) {
                    at--;
                    yield number();
                }
                at--;
                throw invalid("'" + c + "' where a value belongs");
            }
        };
    }

    // called after '{'
    private Map<String, Object> object(int depth) {
        checkDepth(depth);
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            at++;
            return map;
        }
        while (true) {
            skipWhitespace();
            expect('"');
            String key = string();
            skipWhitespace();
            expect(':');
            map.put(key, value(depth));
            skipWhitespace();
            if (peek() == ',') {
                at++;
            } else {
                expect('}');
                return map;
            }
        }
    }

    // called after '['
    private List<Object> array(int depth) {
        checkDepth(depth);
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            at++;
            return list;
        }
        while (true) {
            list.add(value(depth));
            skipWhitespace();
            if (peek() == ',') {
                at++;
            } else {
                expect(']');
                return list;
            }
        }
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new CodecException(codec + " codec: JSON values nested deeper than " + MAX_DEPTH);
        }
    }

    // called after the opening quote
    private String string() {
        int start = at;
        int end = text.length();
        while (at < end) {
            char c = text.charAt(at);
            if (c == '"') {
                return text.substring(start, at++);
            }
            if (c == '\\') {
                return escapedString(new StringBuilder(at - start + 16).append(text, start, at));
            }
            at++;
        }
        throw invalid("a string without its closing quote");
    }

    private String escapedString(StringBuilder out) {
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                break;
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(hex4());
                default -> {
                    at -= 2;
                    throw invalid("the unknown escape \\" + e);
                }
            }
        }
        throw invalid("a string without its closing quote");
    }

    private char hex4() {
        if (at + 4 > text.length()) {
            throw invalid("a \\u escape of fewer than four hex digits");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(at + i), 16);
            if (digit < 0) {
                throw invalid("a \\u escape of fewer than four hex digits");
            }
            value = value * 16 + digit;
        }
        at += 4;
        return (char) value;
    }

    // called after the word's first character (after "-I" for -Infinity)
    private Object nonFiniteWord(String word, double value) {
        int start = at - (word.startsWith("-") ? 2 : 1);
        if (!text.startsWith(word, start)) {
            at = start;
            throw invalid("an unknown word where a value belongs");
        }
        at = start + word.length();
        return value;
    }

    private Object word(String word, Object value) {
        int start = at - 1;
        if (!text.startsWith(word, start)) {
            at = start;
            throw invalid("an unknown word where a value belongs");
        }
        at = start + word.length();
        return value;
    }

    // JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    private Object number() {
        int start = at;
        boolean negative = peek() == '-';
        if (negative) {
            at++;
        }
        int intStart = at;
        if (peek() == '0') {
            at++;
        } else if (!digits()) {
            throw invalid("a number without digits");
        }
        int intDigits = at - intStart;
        boolean isFloat = false;
        if (peek() == '.') {
            at++;
            if (!digits()) {
                throw invalid("a number without digits after its point");
            }
            isFloat = true;
        }
        if (peek() == 'e' || peek() == 'E') {
            at++;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            if (!digits()) {
                throw invalid("a number without digits in its exponent");
            }
            isFloat = true;
        }
        return isFloat ? floating(start) : integer(start, negative, intStart, intDigits);
    }

    private Object integer(int start, boolean negative, int intStart, int count) {
        if (count > MAX_INT_DIGITS) {
            throw new CodecException(codec + " codec: the frame holds a number out of range: an integer of " + count
                                     + " digits (at most " + MAX_INT_DIGITS + ")");
        }
        if (count <= LONG_SAFE_DIGITS) {
            long value = 0;
            for (int i = intStart; i < at; i++) {
                value = value * 10 + (text.charAt(i) - '0');
            }
            return negative ? -value : value;
        }
        BigInteger value = new BigInteger(text.substring(start, at));
        return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value;
    }

    private Double floating(int start) {
        String literal = text.substring(start, at);
        double value = Double.parseDouble(literal);
        if (Double.isInfinite(value)) {
            throw new CodecException(codec + " codec: the frame holds a number out of range: "
                                     + (literal.length() > QUOTED_LITERAL_MAX
                                             ? literal.substring(0, QUOTED_LITERAL_MAX) + "..." : literal));
        }
        return value;
    }

    /** Consumes [0-9]*; whether there was one. */
    private boolean digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at > start;
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void expect(char c) {
        if (peek() != c || at >= text.length()) {
            throw invalid(at >= text.length() ? "the end of the text where '" + c + "' belongs"
                    : "'" + text.charAt(at) + "' where '" + c + "' belongs");
        }
        at++;
    }

    private void skipWhitespace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private CodecException invalid(String what) {
        return new CodecException(codec + " codec: the frame is not valid JSON: " + what + " at character " + at);
    }
}
