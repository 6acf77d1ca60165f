package org.arroyo.camel.view;

import java.util.Map;

import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.metrics.ArroyoStats;
import org.arroyo.camel.metrics.ArroyoStatsSource;

/**
 * What one view knows of its point of the pipeline: the run (its Start, its Stop), counters, and the latest event.
 * Routes call {@code on*} for every message, so each does a few field updates under a short lock and nothing else:
 * the view's thread renders the latest event when a page wants it. Only the latest event is held (a reference to
 * the message the route already made, no copy), so a slow or absent page costs no memory.
 */
final class LiveView {

    private final String name;
    private volatile int maxImageSize;
    private volatile int curveHistory;

    private Map<String, Object> start;
    private Map<String, Object> stop;
    private long runs;
    private long frames;
    private long bytes;
    private long framesTotal;
    private long bytesTotal;
    private long missing;
    private long lastFrameNumber = -1;
    private ArroyoStatsSource routeConsumer;
    private long errorsAtStart;
    private long droppedAtStart;

    private Event latest;
    private long latestSeq;
    private long version;

    LiveView(String name, int maxImageSize, int curveHistory) {
        this.name = name;
        this.maxImageSize = maxImageSize;
        this.curveHistory = curveHistory;
    }

    String name() {
        return name;
    }

    int maxImageSize() {
        return maxImageSize;
    }

    int curveHistory() {
        return curveHistory;
    }

    /** The latest endpoint options win: a route restarted with other options changes the view. */
    void configure(int maxImageSize, int curveHistory) {
        this.maxImageSize = maxImageSize;
        this.curveHistory = curveHistory;
    }

    /** The consumer of the route the view is in: its codec errors and drops are shown with the run. */
    synchronized void watch(ArroyoStatsSource consumer) {
        if (routeConsumer == null) {
            routeConsumer = consumer;
            ArroyoStats stats = consumer.getArroyoStats();
            errorsAtStart = stats.errors();
            droppedAtStart = stats.dropped();
        }
    }

    synchronized void onStart(Start message) {
        start = message.getData();
        stop = null;
        runs++;
        frames = 0;
        bytes = 0;
        missing = 0;
        lastFrameNumber = -1;
        if (routeConsumer != null) {
            errorsAtStart = routeConsumer.getArroyoStats().errors();
            droppedAtStart = routeConsumer.getArroyoStats().dropped();
        }
        version++;
    }

    synchronized void onEvent(Event event) {
        long size = event.payloadSize();
        frames++;
        bytes += size;
        framesTotal++;
        bytesTotal += size;
        // a frame number that jumps ahead: the frames between never reached this point of the pipeline
        if (event.get("frame_number") instanceof Number n) {
            long number = n.longValue();
            if (lastFrameNumber >= 0 && number > lastFrameNumber + 1) {
                missing += number - lastFrameNumber - 1;
            }
            lastFrameNumber = Math.max(lastFrameNumber, number);
        }
        latest = event;
        latestSeq++;
        version++;
    }

    synchronized void onStop(Stop message) {
        stop = message.getData();
        version++;
    }

    /** The latest event and its sequence number (0 before the first), for the renderer. */
    synchronized Latest latest() {
        return new Latest(latest, latestSeq);
    }

    record Latest(Event event, long seq) {
    }

    /** The counters and the run as they are now. */
    synchronized ViewState state() {
        ArroyoStats consumer = routeConsumer == null ? null : routeConsumer.getArroyoStats();
        return new ViewState(name, version, runs, start, stop, frames, bytes, framesTotal, bytesTotal, missing,
                lastFrameNumber, consumer == null ? 0 : consumer.errors() - errorsAtStart,
                consumer == null ? 0 : consumer.dropped() - droppedAtStart, latestSeq);
    }
}
