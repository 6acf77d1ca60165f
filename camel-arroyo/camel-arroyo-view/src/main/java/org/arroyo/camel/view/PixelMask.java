package org.arroyo.camel.view;

import org.arroyo.camel.message.DType;

/**
 * Which pixels the view leaves out of the picture and its contrast: NaN and the infinities; unsigned 16- to 64-bit
 * pixels at the type's maximum (the gap and overflow mark of Pilatus and Eiger frames read as unsigned); negative
 * pixels of signed integer frames (Pilatus' -1 gaps and -2 bad pixels). 8-bit frames are camera images whose 255 is
 * light, not a mark, so nothing of them is masked but non-finite values.
 */
final class PixelMask {

    private final double markedAt;
    private final boolean negativeMarked;

    private PixelMask(double markedAt, boolean negativeMarked) {
        this.markedAt = markedAt;
        this.negativeMarked = negativeMarked;
    }

    static PixelMask of(DType dtype) {
        return switch (dtype) {
            case UINT16 -> new PixelMask(65535.0, false);
            case UINT32 -> new PixelMask(4294967295.0, false);
            case UINT64 -> new PixelMask(18446744073709551615.0, false);
            case INT16, INT32, INT64 -> new PixelMask(Double.POSITIVE_INFINITY, true);
            default -> new PixelMask(Double.POSITIVE_INFINITY, false);
        };
    }

    /** Whether a pixel of this value is left out. */
    boolean masked(double v) {
        return !(v < markedAt) || (negativeMarked && v < 0) || Double.isInfinite(v);
    }
}
