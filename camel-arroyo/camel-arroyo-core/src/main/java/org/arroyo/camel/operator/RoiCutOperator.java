package org.arroyo.camel.operator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;

/**
 * Reduces each frame of a run to a 1-D curve with the {@link RoiCut horizontal ROI cut} and publishes arroyosas's
 * result event, a valid {@code SAS1DReduction} (arroyosas {@code src/arroyosas/schemas.py}): {@code curve}
 * (float32), {@code curve_tiled_url} ({@code "curve"}, as arroyosas's {@code OneDReductionOperator} sets it),
 * {@code raw_frame} (the input frame itself: a view, not a copy) and {@code raw_frame_tiled_url} (the frame's
 * {@code tiled_url}, or {@code ""} when it had none). The input's other metadata ({@code frame_number}, ...) and
 * {@code roi_rows} ride along; arroyosas ignores fields its model does not name.
 * <p>
 * With {@code includeFrame=false} the result carries no {@code raw_frame} and so is no longer a valid
 * {@code SAS1DReduction}; use it only for consumers that read the curve alone.
 * <p>
 * The band of rows is {@code rowStart}..{@code rowEnd} (exclusive); left unset, it is the middle {@code bandHeight}
 * rows of the first frame. The Stop that ends a run carries {@code frames_reduced}.
 */
public class RoiCutOperator extends ArroyoOperator {

    /** The {@code curve_tiled_url} arroyosas's OneDReductionOperator gives every result. */
    public static final String DEFAULT_CURVE_TILED_URL = "curve";

    private int rowStart = -1;
    private int rowEnd = -1;
    private int bandHeight = 10;
    private double maskAbove = 4294967295.0;
    private boolean includeFrame = true;
    private String curveTiledUrl = DEFAULT_CURVE_TILED_URL;
    private String arrayName = "image";

    // per-run state, between Start and Stop
    private long framesReduced;

    @Override
    protected Collection<? extends ArroyoMessage> onStart(Start start) {
        framesReduced = 0;
        return List.of(start);
    }

    @Override
    protected Collection<? extends ArroyoMessage> onEvent(Event event) {
        NDArray frame = event.getArray(arrayName);
        if (frame == null) {
            frame = event.firstArray();
        }
        if (frame == null) {
            throw new IllegalArgumentException("ROI cut: event has no array (expected '" + arrayName + "'): " + event);
        }
        int height = frame.ndim() == 2 ? frame.dim(0) : 0;
        int start = rowStart >= 0 ? rowStart : Math.max(0, height / 2 - bandHeight / 2);
        int end = rowEnd >= 0 ? rowEnd : Math.min(height, start + bandHeight);
        float[] curve = RoiCut.compute(frame, start, end, maskAbove);
        framesReduced++;

        Map<String, Object> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : event.getMetadata().entrySet()) {
            if (!"msg_type".equals(e.getKey())) {
                metadata.put(e.getKey(), e.getValue());
            }
        }
        // the frame's tiled_url names the raw frame; SAS1DReduction requires both URLs as strings
        Object tiledUrl = metadata.remove("tiled_url");
        metadata.put("curve_tiled_url", curveTiledUrl);
        metadata.put("raw_frame_tiled_url", tiledUrl == null ? "" : tiledUrl.toString());
        metadata.put("roi_rows", List.of(start, end));
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        arrays.put("curve", NDArray.ofFloats(curve));
        if (includeFrame) {
            arrays.put("raw_frame", frame);
        }
        return List.of(Event.ofArrays(metadata, arrays));
    }

    @Override
    protected Collection<? extends ArroyoMessage> onStop(Stop stop) {
        Map<String, Object> data = new LinkedHashMap<>(stop.getData());
        data.put("frames_reduced", framesReduced);
        List<ArroyoMessage> out = new ArrayList<>(1);
        out.add(Stop.of(data));
        return out;
    }

    /** Frames reduced in the current (or last) run. */
    public long getFramesReduced() {
        return framesReduced;
    }

    public int getRowStart() {
        return rowStart;
    }

    /** First row of the band (inclusive); -1 centres a band of bandHeight rows. Default -1. */
    public void setRowStart(int rowStart) {
        this.rowStart = rowStart;
    }

    public int getRowEnd() {
        return rowEnd;
    }

    /** Row after the band's last (exclusive); -1 means rowStart + bandHeight. Default -1. */
    public void setRowEnd(int rowEnd) {
        this.rowEnd = rowEnd;
    }

    public int getBandHeight() {
        return bandHeight;
    }

    /** Rows in the band when rowEnd is not set. Default 10. */
    public void setBandHeight(int bandHeight) {
        this.bandHeight = bandHeight;
    }

    public double getMaskAbove() {
        return maskAbove;
    }

    /** Pixels at or above this value are masked (as are negative ones). Default 4294967295 (uint32 gap marker). */
    public void setMaskAbove(double maskAbove) {
        this.maskAbove = maskAbove;
    }

    public boolean isIncludeFrame() {
        return includeFrame;
    }

    /**
     * Publish the input frame as {@code raw_frame} (a view of the received frame, not a copy), as arroyosas's
     * SAS1DReduction requires. Default true; false leaves the frame out and the result is curve-only.
     */
    public void setIncludeFrame(boolean includeFrame) {
        this.includeFrame = includeFrame;
    }

    public String getCurveTiledUrl() {
        return curveTiledUrl;
    }

    /**
     * The {@code curve_tiled_url} of every result. Default {@code curve}, what arroyosas's OneDReductionOperator
     * sets; a deployment that writes curves to Tiled may put their URL here.
     */
    public void setCurveTiledUrl(String curveTiledUrl) {
        this.curveTiledUrl = Objects.requireNonNull(curveTiledUrl, "curveTiledUrl");
    }

    public String getArrayName() {
        return arrayName;
    }

    /** The input array to cut; the event's first array when it has none of this name. Default image. */
    public void setArrayName(String arrayName) {
        this.arrayName = arrayName;
    }
}
