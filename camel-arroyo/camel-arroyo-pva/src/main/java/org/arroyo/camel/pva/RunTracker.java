package org.arroyo.camel.pva;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;

/**
 * Where runs begin and end on a PV, which has none of its own (see {@link RunStart}): a Start before the first update
 * after a (re)connect or a uniqueId reset, a Stop on disconnect, idle timeout or reset. Counts the frames of the run
 * and those the server skipped (gaps in uniqueId). Used from the consumer's one thread only.
 */
final class RunTracker {

    private final RunStart mode;
    private final boolean stopOnDisconnect;
    private final String pvName;

    private boolean open;
    private boolean reconnected = true;
    private Integer lastUniqueId;
    private String runId;
    private long frames;
    private long missed;

    RunTracker(RunStart mode, boolean stopOnDisconnect, String pvName) {
        this.mode = mode;
        this.stopOnDisconnect = stopOnDisconnect;
        this.pvName = pvName;
    }

    /**
     * Whether an update is the frame already routed, sent again: a monitor starts with the PV's current value, so
     * after a reconnect the last frame comes once more.
     */
    boolean isRepeat(PvaUpdate update) {
        return reconnected && update.uniqueId() != null && update.uniqueId().equals(lastUniqueId);
    }

    /** The Stop and Start to route before this update (none, a Start, or a Stop then a Start). */
    List<ArroyoMessage> before(PvaUpdate update) {
        List<ArroyoMessage> out = new ArrayList<>(2);
        if (mode == RunStart.none) {
            return out;
        }
        boolean reset = mode == RunStart.reset && isReset(update);
        if (open && reset) {
            out.add(stop("uniqueId reset"));
        }
        if (!open) {
            out.add(start(update, reset ? "uniqueId reset" : reconnected ? "connect" : "after idle"));
        }
        return out;
    }

    /**
     * Frames skipped between the last update and this one (a gap in uniqueId), 0 after a reset or without uniqueId.
     */
    long missedBefore(PvaUpdate update) {
        if (lastUniqueId == null || update.uniqueId() == null || isReset(update)) {
            return 0;
        }
        return Math.max(0, (long) update.uniqueId() - lastUniqueId - 1);
    }

    /** Records an update as routed. */
    void routed(PvaUpdate update, long missedBefore) {
        frames++;
        missed += missedBefore;
        reconnected = false;
        if (update.uniqueId() != null) {
            lastUniqueId = update.uniqueId();
        }
    }

    /** The channel connected (again): the next update may open a run. */
    void connected() {
        reconnected = true;
    }

    /** The Stop to route now that the channel disconnected, or null. */
    Stop disconnected() {
        reconnected = true;
        return open && stopOnDisconnect ? stop("disconnect") : null;
    }

    /** The Stop to route after the idle timeout, or null. */
    Stop idle() {
        return open ? stop("idle") : null;
    }

    boolean isOpen() {
        return open;
    }

    private boolean isReset(PvaUpdate update) {
        return lastUniqueId != null && update.uniqueId() != null && update.uniqueId() < lastUniqueId;
    }

    private Start start(PvaUpdate update, String reason) {
        open = true;
        runId = UUID.randomUUID().toString();
        frames = 0;
        missed = 0;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run_name", pvName);
        data.put("run_id", runId);
        int[] shape = update.shape();
        if (shape != null && shape.length >= 2) {
            data.put("width", shape[shape.length - 1]);
            data.put("height", shape[shape.length - 2]);
        }
        if (update.dtype() != null) {
            data.put("data_type", update.dtype().numpyName());
        }
        if (update.uniqueId() != null) {
            data.put("first_unique_id", update.uniqueId());
        }
        data.put("reason", reason);
        return Start.of(data);
    }

    private Stop stop(String reason) {
        open = false;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("num_frames", frames);
        data.put("missed_frames", missed);
        if (lastUniqueId != null) {
            data.put("last_unique_id", lastUniqueId);
        }
        data.put("run_id", runId);
        data.put("reason", reason);
        return Stop.of(data);
    }
}
