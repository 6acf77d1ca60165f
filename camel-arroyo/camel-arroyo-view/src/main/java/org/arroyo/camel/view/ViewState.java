package org.arroyo.camel.view;

import java.util.Map;

/**
 * A view's run and counters at one moment.
 *
 * @param name            the view's name
 * @param version         changes whenever anything here does
 * @param runs            Starts seen
 * @param start           the current run's Start data, or null before the first Start
 * @param stop            the current run's Stop data, or null while it runs
 * @param frames          events of the current run
 * @param bytes           payload bytes of the current run
 * @param framesTotal     events since the view began
 * @param bytesTotal      payload bytes since the view began
 * @param missing         frame numbers of the current run that were skipped (never reached this point)
 * @param lastFrameNumber the highest frame_number of the current run, -1 when none
 * @param errors          codec rejections of the route's consumer in the current run
 * @param dropped         messages the route's consumer dropped in the current run
 * @param latestSeq       the sequence number of the latest event
 */
record ViewState(String name, long version, long runs, Map<String, Object> start, Map<String, Object> stop,
                 long frames, long bytes, long framesTotal, long bytesTotal, long missing, long lastFrameNumber,
                 long errors, long dropped, long latestSeq) {

    boolean running() {
        return start != null && stop == null;
    }
}
