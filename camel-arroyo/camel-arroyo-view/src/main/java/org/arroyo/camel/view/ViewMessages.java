package org.arroyo.camel.view;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.JsonText;

/**
 * The page's protocol over its WebSocket. Text messages are JSON: {@code hello} on connect (the views and the
 * update rate) and {@code state} (every view's run and counters). A binary message carries one view's latest
 * frame: a 4-byte big-endian header length, the JSON header ({@code type: "frame"}, the view, the event's metadata,
 * and per image and curve its size, contrast figures and byte offset), zero padding to a multiple of 4, then the
 * images' and curves' values as little-endian float32, one after the other.
 */
final class ViewMessages {

    private ViewMessages() {
    }

    static String hello(List<String> views, int updateRate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "hello");
        m.put("views", views);
        m.put("updateRate", (long) updateRate);
        return JsonText.compact(m);
    }

    /** Measured rates of one view. */
    record Rates(double framesPerSecond, double bytesPerSecond) {
        static final Rates NONE = new Rates(0, 0);
    }

    static String state(List<ViewState> states, Map<String, Rates> rates, Map<String, Integer> curveHistory) {
        List<Object> views = new ArrayList<>(states.size());
        for (ViewState s : states) {
            Rates r = rates.getOrDefault(s.name(), Rates.NONE);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", s.name());
            v.put("running", s.running());
            v.put("runs", s.runs());
            v.put("start", PageValues.safeMap(s.start()));
            v.put("stop", PageValues.safeMap(s.stop()));
            v.put("frames", s.frames());
            v.put("bytes", s.bytes());
            v.put("framesTotal", s.framesTotal());
            v.put("bytesTotal", s.bytesTotal());
            v.put("framesPerSecond", round(r.framesPerSecond()));
            v.put("megabytesPerSecond", round(r.bytesPerSecond() / 1e6));
            v.put("missing", s.missing());
            v.put("dropped", s.dropped());
            v.put("errors", s.errors());
            v.put("lastFrameNumber", s.lastFrameNumber());
            v.put("curveHistory", (long) curveHistory.getOrDefault(s.name(), 5));
            views.add(v);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "state");
        m.put("views", views);
        return JsonText.compact(m);
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 10) / 10.0 : 0.0;
    }

    /** One view's latest frame as the binary message described above. */
    static byte[] frame(String view, long seq, Map<String, Object> metadata, FrameRenderer.Rendered rendered) {
        List<Object> images = new ArrayList<>();
        List<Object> curves = new ArrayList<>();
        long offset = 0;
        for (RenderedImage i : rendered.images()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", i.name());
            m.put("dtype", i.dtype());
            m.put("sourceHeight", (long) i.sourceHeight());
            m.put("sourceWidth", (long) i.sourceWidth());
            m.put("binning", (long) i.binning());
            m.put("height", (long) i.height());
            m.put("width", (long) i.width());
            m.put("min", finite(i.min()));
            m.put("max", finite(i.max()));
            m.put("low", finite(i.low()));
            m.put("high", finite(i.high()));
            m.put("masked", (long) i.masked());
            m.put("offset", offset);
            offset += 4L * i.pixels().length;
            images.add(m);
        }
        for (RenderedCurve c : rendered.curves()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("dtype", c.dtype());
            m.put("sourceLength", (long) c.sourceLength());
            m.put("step", (long) c.step());
            m.put("length", (long) c.values().length);
            m.put("offset", offset);
            offset += 4L * c.values().length;
            curves.add(m);
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("type", "frame");
        header.put("view", view);
        header.put("seq", seq);
        header.put("metadata", PageValues.safeMap(metadata));
        header.put("images", images);
        header.put("curves", curves);
        byte[] json = JsonText.compact(header).getBytes(StandardCharsets.UTF_8);
        int base = 4 + json.length;
        int padded = (base + 3) & ~3;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(padded + offset));
        out.putInt(json.length).put(json).position(padded);
        ByteBuffer floats = out.slice().order(ByteOrder.LITTLE_ENDIAN);
        for (RenderedImage i : rendered.images()) {
            floats.asFloatBuffer().put(i.pixels());
            floats.position(floats.position() + 4 * i.pixels().length);
        }
        for (RenderedCurve c : rendered.curves()) {
            floats.asFloatBuffer().put(c.values());
            floats.position(floats.position() + 4 * c.values().length);
        }
        return out.array();
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
