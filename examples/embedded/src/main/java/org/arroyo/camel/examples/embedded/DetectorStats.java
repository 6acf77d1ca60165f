package org.arroyo.camel.examples.embedded;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;

/**
 * The latest run as the consumer group saw it: its name, whether it is still running, the curves received, the last
 * frame number and a summary of the last curve. Counts restart at each Start. The stream is delivered at least once,
 * so an entry redelivered after a crash is counted again.
 */
public class DetectorStats {

    private long runs;
    private String run;
    private boolean running;
    private long frames;
    private Object lastFrame;
    private Object framesReduced;
    private long curvePoints;
    private double lastCurveMean = Double.NaN;

    /** Takes one message of the stream: a Start opens a run, an Event is one frame's curve, a Stop closes the run. */
    public synchronized void record(ArroyoMessage message) {
        if (message instanceof Start start) {
            runs++;
            run = String.valueOf(start.get("run_name"));
            running = true;
            frames = 0;
            lastFrame = null;
            framesReduced = null;
            curvePoints = 0;
            lastCurveMean = Double.NaN;
        } else if (message instanceof Event event) {
            frames++;
            lastFrame = event.get("frame_number");
            NDArray curve = event.getArray("curve");
            if (curve != null) {
                curvePoints = curve.size();
                lastCurveMean = mean(curve);
            }
        } else if (message instanceof Stop stop) {
            running = false;
            framesReduced = stop.get("frames_reduced");
        }
    }

    /** What {@code GET /detector} answers, as JSON. */
    public synchronized Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", run);
        out.put("running", running);
        out.put("runs", runs);
        out.put("frames", frames);
        out.put("lastFrame", lastFrame);
        out.put("framesReduced", framesReduced);
        out.put("curvePoints", curvePoints);
        out.put("lastCurveMean", Double.isNaN(lastCurveMean) ? null : lastCurveMean);
        return out;
    }

    /** One line of the TCP status service: {@code status} (or an empty line) gives {@link #statusLine()}. */
    public String answer(String line) {
        String command = line == null ? "" : line.strip();
        if (command.isEmpty() || "status".equalsIgnoreCase(command)) {
            return statusLine();
        }
        return "error unknown command '" + command + "', try: status";
    }

    /** {@code run=NAME state=running|stopped|idle frames=N last_frame=N runs=N}. */
    public synchronized String statusLine() {
        String state = run == null ? "idle" : running ? "running" : "stopped";
        return String.format(Locale.ROOT, "run=%s state=%s frames=%d last_frame=%s runs=%d",
                run == null ? "-" : run, state, frames, lastFrame == null ? "-" : lastFrame, runs);
    }

    private static double mean(NDArray curve) {
        double sum = 0;
        for (long i = 0; i < curve.size(); i++) {
            sum += curve.getDouble(i);
        }
        return curve.size() == 0 ? Double.NaN : sum / curve.size();
    }
}
