package org.arroyo.camel.view;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.JsonText;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.RunMarker;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The messages of arroyosas's viewer WebSocket ({@code OneDWSPublisher}, src/arroyosas/websockets.py): a Start or
 * Stop as the text {@code json.dumps(model.model_dump())} of arroyosas's {@code SASStart} / {@code SASStop} (their
 * fields only, in the models' order, as pydantic dumps them), a reduction result as {@code pack_images}' msgpack
 * map. Messages that are not valid arroyosas models are refused with the reason, as pydantic would refuse them.
 */
final class ArroyosasMessages {

    /** SASStart's fields after {@code msg_type}, in the model's order, and whether each is an int (else a str). */
    private static final Map<String, Boolean> START_FIELDS = fields("run_name", false, "run_id", false, "width", true,
            "height", true, "data_type", false, "tiled_url", false);
    private static final Map<String, Boolean> STOP_FIELDS = fields("num_frames", true);

    private ArroyosasMessages() {
    }

    /** {@code json.dumps(SASStart(...).model_dump())}. */
    static String start(RunMarker start) {
        return JsonText.pythonDumps(model("start", "SASStart", START_FIELDS, start.getData()));
    }

    /** {@code json.dumps(SASStop(...).model_dump())}. */
    static String stop(RunMarker stop) {
        return JsonText.pythonDumps(model("stop", "SASStop", STOP_FIELDS, stop.getData()));
    }

    /**
     * Checks, on the route's thread, that an event is an arroyosas {@code SAS1DReduction} that pack_images can
     * send: a 2-D {@code raw_frame}, a {@code curve}, and both tiled URLs as strings.
     */
    static void checkResult(Event e) {
        List<String> wrong = new ArrayList<>();
        NDArray frame = e.getArray("raw_frame");
        if (frame == null) {
            wrong.add("no array raw_frame");
        } else if (frame.ndim() != 2) {
            wrong.add("raw_frame has " + frame.ndim() + " dimensions, not 2");
        }
        if (e.getArray("curve") == null) {
            wrong.add("no array curve");
        }
        for (String name : List.of("raw_frame", "curve")) {
            if (e.getArray(name) != null && e.getArray(name).dtype() == DType.BOOL) {
                wrong.add(name + " is bool, which numpy cannot normalise");
            }
        }
        for (String url : List.of("raw_frame_tiled_url", "curve_tiled_url")) {
            if (!(e.get(url) instanceof String)) {
                wrong.add(e.get(url) == null ? "no " + url : url + " is not a string");
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException("not an arroyosas SAS1DReduction (" + String.join(", ", wrong)
                                               + "): " + e);
        }
    }

    /** {@code pack_images(result)}: the msgpack map the viewer decodes, images as log-stretched uint8 bytes. */
    static byte[] result(Event e) {
        checkResult(e);
        NDArray frame = e.getArray("raw_frame");
        byte[] frameBytes = ArroyosasImages.toUint8(frame);
        byte[] curveBytes = ArroyosasImages.toUint8(e.getArray("curve"));
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(7);
            p.packString("raw_frame").packBinaryHeader(frameBytes.length).writePayload(frameBytes);
            p.packString("curve").packBinaryHeader(curveBytes.length).writePayload(curveBytes);
            p.packString("raw_frame_tiled_url").packString((String) e.get("raw_frame_tiled_url"));
            p.packString("curve_tiled_url").packString((String) e.get("curve_tiled_url"));
            // as arroyosas writes them: width is the frame's shape[0], height its shape[1]
            p.packString("width").packInt(frame.dim(0));
            p.packString("height").packInt(frame.dim(1));
            p.packString("data_type").packString(frame.dtype().numpyName());
            return p.toByteArray();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private static Map<String, Object> model(String msgType, String model, Map<String, Boolean> fields,
                                             Map<String, Object> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("msg_type", msgType);
        List<String> wrong = new ArrayList<>();
        fields.forEach((name, isInt) -> {
            Object v = data.get(name);
            if (v == null) {
                wrong.add("no " + name);
            } else if (isInt) {
                Long integral = integral(v);
                if (integral == null) {
                    wrong.add(name + " is not an int: " + v);
                }
                out.put(name, integral);
            } else if (v instanceof String) {
                out.put(name, v);
            } else {
                wrong.add(name + " is not a str: " + v);
            }
        });
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException("not an arroyosas " + model + " (" + String.join(", ", wrong) + "): "
                                               + data);
        }
        return out;
    }

    // pydantic's lax int: integers, and floats without a fraction
    private static Long integral(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 0x1p63 ? (long) d : null;
        }
        return null;
    }

    private static Map<String, Boolean> fields(Object... nameAndIsInt) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndIsInt.length; i += 2) {
            m.put((String) nameAndIsInt[i], (Boolean) nameAndIsInt[i + 1]);
        }
        return m;
    }
}
