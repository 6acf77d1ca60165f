package org.arroyo.camel.view;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * arroyosas's viewer messages byte for byte. The expected values were printed by /usr/bin/python3 with
 * python3-msgpack, running arroyosas's convert_to_uint8 arithmetic step by step in numpy's types (float64 for
 * integer frames, float32 rounding after each step for float32 curves) and msgpack.packb on pack_images' dict.
 */
class ArroyosasMessagesTest {

    @Test
    void integerFramesAreLogStretchedAsNumpyDoes() {
        assertArrayEquals(bytes(0, 105, 255), ArroyosasImages.toUint8(NDArray.ofInts(DType.UINT32, new int[] { 0, 1, 3 })));
        assertArrayEquals(bytes(0, 67, 123, 172, 216, 255),
                ArroyosasImages.toUint8(NDArray.ofInts(DType.INT32, new int[] { 10, 20, 30, 40, 50, 60 })));
    }

    @Test
    void float32CurvesStayFloat32() {
        assertArrayEquals(bytes(103, 122, 0, 255),
                ArroyosasImages.toUint8(NDArray.ofFloats(new float[] { 0.5f, 1.25f, -3.0f, 7.75f })));
    }

    @Test
    void aConstantArrayOrANanGivesZerosAsNumpysCastDoes() {
        assertArrayEquals(new byte[3], ArroyosasImages.toUint8(NDArray.ofInts(DType.UINT32, new int[] { 7, 7, 7 })));
        assertArrayEquals(new byte[3],
                ArroyosasImages.toUint8(NDArray.ofFloats(new float[] { 1f, Float.NaN, 3f })));
    }

    @Test
    void aResultIsPackImagesMapByteForByte() {
        NDArray frame = NDArray.ofInts(DType.UINT32, new int[] { 0, 1, 3, 2, 5, 4 }, 2, 3);
        NDArray curve = NDArray.ofFloats(new float[] { 0.5f, 1.25f, -3.0f, 7.75f });
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("frame_number", 7L);
        meta.put("curve_tiled_url", "curve");
        meta.put("raw_frame_tiled_url", "http://localhost/run/7");
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        arrays.put("curve", curve);
        arrays.put("raw_frame", frame);
        String python = "87a97261775f6672616d65c4060043ac7bffd8a56375727665c404677a00ffb37261775f6672616d655f74696c65"
                        + "645f75726cb6687474703a2f2f6c6f63616c686f73742f72756e2f37af63757276655f74696c65645f75726ca5"
                        + "6375727665a5776964746802a668656967687403a9646174615f74797065a675696e743332";
        assertEquals(python, HexFormat.of().formatHex(ArroyosasMessages.result(Event.ofArrays(meta, arrays))));
    }

    @Test
    void startAndStopAreJsonDumpsOfTheirModels() {
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("run_name", "demo");
        start.put("run_id", "abc");
        start.put("width", 1026L);
        start.put("height", 1024L);
        start.put("data_type", "uint32");
        start.put("tiled_url", "http://localhost/demo/demo");
        start.put("detector", "extra fields are dropped, as model_dump drops them");
        assertEquals("{\"msg_type\": \"start\", \"run_name\": \"demo\", \"run_id\": \"abc\", \"width\": 1026, "
                     + "\"height\": 1024, \"data_type\": \"uint32\", \"tiled_url\": \"http://localhost/demo/demo\"}",
                ArroyosasMessages.start(Start.of(start)));
        assertEquals("{\"msg_type\": \"stop\", \"num_frames\": 200}",
                ArroyosasMessages.stop(Stop.of(Map.of("num_frames", 200L, "frames_reduced", 200L))));
    }

    @Test
    void whatIsNoArroyosasModelIsRefusedWithTheReason() {
        IllegalArgumentException start = assertThrows(IllegalArgumentException.class,
                () -> ArroyosasMessages.start(Start.of(Map.of("run_name", "r", "width", "wide"))));
        assertTrue(start.getMessage().startsWith("not an arroyosas SASStart (no run_id, width is not an int: wide, "
                                                 + "no height, no data_type, no tiled_url)"), start.getMessage());
        IllegalArgumentException result = assertThrows(IllegalArgumentException.class,
                () -> ArroyosasMessages.checkResult(Event.ofArray(Map.of("curve_tiled_url", 3L), "curve",
                        Frames.curve(5, 2))));
        assertTrue(result.getMessage().startsWith("not an arroyosas SAS1DReduction (no array raw_frame, "
                                                  + "no raw_frame_tiled_url, curve_tiled_url is not a string)"),
                result.getMessage());
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
