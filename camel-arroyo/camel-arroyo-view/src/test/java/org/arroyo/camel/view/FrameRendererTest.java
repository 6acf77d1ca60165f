package org.arroyo.camel.view;

import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the page is sent of an event's arrays: binned images with masks and contrast, curves that keep peaks. */
class FrameRendererTest {

    @Test
    void aFrameIsBinnedToThePageSizeWithBlockMeans() {
        RenderedImage img = FrameRenderer.image("image", Frames.uint32(100, 80, -1), 32);
        assertEquals(4, img.binning(), "ceil(100 / 32)");
        assertEquals(25, img.height());
        assertEquals(20, img.width());
        // block (0, 0): rows 0-3, columns 0-3 -> mean of r * 1000 + c = 1500 + 1.5
        assertEquals(1501.5f, img.pixels()[0]);
        // block (24, 19): rows 96-99, columns 76-79
        assertEquals(97500f + 77.5f, img.pixels()[24 * 20 + 19]);
        assertEquals(0, img.masked());
        assertEquals(1501.5, img.min());
        assertEquals(97577.5, img.max());
    }

    @Test
    void gapPixelsAreLeftOutOfTheBlockAndTheContrast() {
        RenderedImage img = FrameRenderer.image("image", Frames.uint32(8, 8, 5), 4);
        assertEquals(2, img.binning());
        // block (2, 0) = rows 4-5, columns 0-1: row 5 is the 0xFFFFFFFF gap, so only row 4 counts
        assertEquals(4000.5f, img.pixels()[2 * 4]);
        assertTrue(img.max() < 8000, "the gap mark never becomes the white: " + img.max());
    }

    @Test
    void aBlockWithNothingUnmaskedIsNanAndCounted() {
        // 4 x 4 of which rows 0 and 1 are gaps: the binned top row has no unmasked pixel
        NDArray a = NDArray.ofInts(DType.UINT32, new int[] { -1, -1, -1, -1, -1, -1, -1, -1, 1, 2, 3, 4, 5, 6, 7, 8 },
                4, 4);
        RenderedImage img = FrameRenderer.image("image", a, 2);
        assertTrue(Float.isNaN(img.pixels()[0]) && Float.isNaN(img.pixels()[1]));
        assertEquals(2, img.masked());
        assertEquals((1 + 2 + 5 + 6) / 4.0f, img.pixels()[2]);
    }

    @Test
    void negativePixelsOfSignedFramesAreMasked() {
        NDArray a = NDArray.ofInts(DType.INT32, new int[] { -1, 10, -2, 30 }, 2, 2);
        RenderedImage img = FrameRenderer.image("image", a, 2);
        assertTrue(Float.isNaN(img.pixels()[0]) && Float.isNaN(img.pixels()[2]));
        assertEquals(10f, img.pixels()[1]);
        assertEquals(30f, img.pixels()[3]);
        assertEquals(2, img.masked());
    }

    @Test
    void theContrastIgnoresAFewHotPixels() {
        float[] v = new float[10_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 100;
        }
        v[5] = 1e9f;
        RenderedImage img = FrameRenderer.image("image", NDArray.ofFloats(v, 100, 100), 100);
        assertEquals(1e9, img.max(), 1);
        assertTrue(img.high() <= 99, "99.5th percentile: " + img.high());
        assertEquals(0, img.low());
    }

    @Test
    void aLongCurveKeepsItsPeakAndATallArrayShowsItsFirstPlane() {
        RenderedCurve c = FrameRenderer.curve("curve", Frames.curve(10_000, 7_777));
        assertEquals(3, c.step(), "ceil(10000 / 4096)");
        int peak = 0;
        for (int i = 1; i < c.values().length; i++) {
            peak = c.values()[i] > c.values()[peak] ? i : peak;
        }
        assertEquals(7_777 / 3, peak);
        assertEquals(100f, c.values()[peak]);

        NDArray cube = NDArray.ofInts(DType.UINT32, new int[] { 1, 2, 3, 4, 50, 60, 70, 80 }, 2, 2, 2);
        RenderedImage first = FrameRenderer.image("cube", cube, 8);
        assertEquals(2, first.height());
        assertEquals(4f, first.pixels()[3]);
    }

    @Test
    void anEventsArraysBecomeImagesAndCurvesInItsOrder() {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        arrays.put("curve", Frames.curve(50, 3));
        arrays.put("raw_frame", Frames.uint32(10, 10, -1));
        arrays.put("row", NDArray.wrap(DType.UINT8, new int[] { 1, 4 }, ByteOrder.LITTLE_ENDIAN, new byte[4]));
        FrameRenderer.Rendered r = FrameRenderer.render(Event.ofArrays(Map.of(), arrays), 512);
        assertEquals(1, r.images().size());
        assertEquals("raw_frame", r.images().get(0).name());
        assertEquals(2, r.curves().size(), "a single row is a curve");
        assertEquals("curve", r.curves().get(0).name());
        assertTrue(FrameRenderer.render(Event.ofBytes(new byte[10]), 512).isEmpty());
    }
}
