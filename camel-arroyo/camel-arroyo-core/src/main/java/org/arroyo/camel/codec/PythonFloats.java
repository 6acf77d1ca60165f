package org.arroyo.camel.codec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes a double as Python's {@code repr(float)} (and so {@code json.dumps}) writes it: the shortest decimal that
 * reads back to the same double (the closest one when several are as short), in fixed notation from {@code 1e-4} up
 * to below {@code 1e16} ({@code 0.0001}, {@code 1.5}, {@code 100.0}), else as {@code 1e+16}, {@code 1e-05},
 * {@code 4.611686018427388e+18}; {@code -0.0} keeps its sign.
 * <p>
 * Java 17's {@code Double.toString} round-trips but is not always shortest ({@code 1e23} prints as
 * {@code 9.999999999999999E22}), so its digits are only trusted where they must be shortest; elsewhere they are
 * shortened against the exact binary value.
 */
final class PythonFloats {

    // Python's repr uses fixed notation when the decimal point falls in -4 < decpt <= 16
    private static final int FIXED_MIN_DECPT = -3;
    private static final int FIXED_MAX_DECPT = 16;
    // any decimal of at most 15 significant digits in the normal range reads back to a distinct double (DBL_DIG)
    private static final int UNIQUE_DIGITS = 15;
    private static final long SIGNIFICAND_BITS = 0x000F_FFFF_FFFF_FFFFL;

    private PythonFloats() {
    }

    /** A decimal {@code 0.DIGITS x 10^decpt}, its digits without leading or trailing zeros. */
    private record Decimal(String digits, int decpt) {
    }

    /** Python's repr of {@code x}. */
    static String repr(double x) {
        StringBuilder out = new StringBuilder(24);
        append(out, x);
        return out.toString();
    }

    /**
     * Appends Python's repr of {@code x}.
     *
     * @throws IllegalArgumentException for NaN and the infinities, which JSON cannot carry
     */
    static void append(StringBuilder out, double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("not a finite number: " + x);
        }
        if (Double.doubleToRawLongBits(x) < 0) {
            out.append('-');
        }
        double abs = Math.abs(x);
        if (abs == 0) {
            out.append("0.0");
            return;
        }
        layout(out, shortest(abs));
    }

    private static Decimal shortest(double abs) {
        Decimal java = fromJava(Double.toString(abs));
        if (abs >= Double.MIN_NORMAL && java.digits().length() <= UNIQUE_DIGITS) {
            return java;
        }
        BigDecimal exact = new BigDecimal(abs);
        // at a power of two the doubles below are closer than those above: the nearest decimal may miss while a
        // farther one above still reads back
        boolean lopsided = (Double.doubleToRawLongBits(abs) & SIGNIFICAND_BITS) == 0;
        Decimal best = java;
        for (int p = java.digits().length(); p >= 1; p--) {
            Decimal candidate = readingBack(exact, abs, p, lopsided);
            if (candidate == null) {
                break; // no decimal of p digits reads back, so none shorter does
            }
            best = candidate;
        }
        return best;
    }

    /** The closest decimal of {@code p} digits that reads back as {@code abs}, or {@code null}. */
    private static Decimal readingBack(BigDecimal exact, double abs, int p, boolean lopsided) {
        BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
        if (nearest.doubleValue() == abs) {
            return fromBigDecimal(nearest);
        }
        if (lopsided) {
            BigDecimal above = exact.round(new MathContext(p, RoundingMode.UP));
            if (above.doubleValue() == abs) {
                return fromBigDecimal(above);
            }
        }
        return null;
    }

    private static Decimal fromBigDecimal(BigDecimal value) {
        String unscaled = value.unscaledValue().toString();
        return trimmed(unscaled, unscaled.length() - value.scale());
    }

    /** Digits and point of Java's own forms: {@code 123.45}, {@code 0.00123}, {@code 1.2345E-7}. */
    private static Decimal fromJava(String text) {
        int e = text.indexOf('E');
        int end = e < 0 ? text.length() : e;
        int exponent = e < 0 ? 0 : Integer.parseInt(text, e + 1, text.length(), 10);
        int dot = text.indexOf('.');
        String digits = text.substring(0, dot) + text.substring(dot + 1, end);
        return trimmed(digits, dot + exponent);
    }

    private static Decimal trimmed(String digits, int decpt) {
        int first = 0;
        while (first < digits.length() - 1 && digits.charAt(first) == '0') {
            first++;
        }
        int last = digits.length();
        while (last > first + 1 && digits.charAt(last - 1) == '0') {
            last--;
        }
        return new Decimal(digits.substring(first, last), decpt - first);
    }

    private static void layout(StringBuilder out, Decimal d) {
        String digits = d.digits();
        int n = digits.length();
        int decpt = d.decpt();
        if (decpt >= FIXED_MIN_DECPT && decpt <= FIXED_MAX_DECPT) {
            if (decpt <= 0) {
                out.append("0.");
                zeros(out, -decpt);
                out.append(digits);
            } else if (decpt >= n) {
                out.append(digits);
                zeros(out, decpt - n);
                out.append(".0");
            } else {
                out.append(digits, 0, decpt).append('.').append(digits, decpt, n);
            }
            return;
        }
        out.append(digits.charAt(0));
        if (n > 1) {
            out.append('.').append(digits, 1, n);
        }
        int exponent = decpt - 1;
        out.append(exponent < 0 ? "e-" : "e+");
        if (Math.abs(exponent) < 10) {
            out.append('0');
        }
        out.append(Math.abs(exponent));
    }

    private static void zeros(StringBuilder out, int count) {
        for (int i = 0; i < count; i++) {
            out.append('0');
        }
    }
}
