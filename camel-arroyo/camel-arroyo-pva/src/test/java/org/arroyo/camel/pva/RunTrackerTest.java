package org.arroyo.camel.pva;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where runs begin and end on a PV, and how skipped frames are counted. */
class RunTrackerTest {

    @Test
    void aResetEndsTheRunAndStartsAnotherAndGapsAreCounted() {
        RunTracker runs = new RunTracker(RunStart.reset, true, "PV");
        Start first = assertInstanceOf(Start.class, only(runs, frame(5)));
        assertEquals("connect", first.get("reason"));
        assertEquals(4, first.get("width"));
        assertEquals(2, first.get("height"));
        assertEquals("uint16", first.get("data_type"));
        routed(runs, frame(5));
        assertEquals(3, runs.missedBefore(frame(9)));
        assertEquals(List.of(), runs.before(frame(9)));
        routed(runs, frame(9));

        List<ArroyoMessage> reset = runs.before(frame(1));
        Stop stop = assertInstanceOf(Stop.class, reset.get(0));
        assertEquals("uniqueId reset", stop.get("reason"));
        assertEquals(2L, stop.get("num_frames"));
        assertEquals(3L, stop.get("missed_frames"));
        assertEquals(9, stop.get("last_unique_id"));
        assertEquals(first.get("run_id"), stop.get("run_id"));
        assertEquals("uniqueId reset", ((Start) reset.get(1)).get("reason"));
        assertEquals(0, runs.missedBefore(frame(1)), "a reset is no gap");
    }

    @Test
    void connectModeIgnoresResetsAndDisconnectEndsTheRun() {
        RunTracker runs = new RunTracker(RunStart.connect, true, "PV");
        only(runs, frame(5));
        routed(runs, frame(5));
        assertEquals(List.of(), runs.before(frame(1)));
        routed(runs, frame(1));
        Stop stop = runs.disconnected();
        assertEquals("disconnect", stop.get("reason"));
        assertFalse(runs.isOpen());
        assertNull(runs.disconnected(), "no run, no Stop");
        runs.connected();
        assertTrue(runs.isRepeat(frame(1)), "the current value sent again after a reconnect");
        assertFalse(runs.isRepeat(frame(2)));
        assertEquals("connect", ((Start) only(runs, frame(2))).get("reason"));
    }

    @Test
    void idleEndsTheRunAndNoneHasNoRuns() {
        RunTracker runs = new RunTracker(RunStart.connect, false, "PV");
        only(runs, frame(1));
        routed(runs, frame(1));
        assertNull(runs.disconnected(), "stopOnDisconnect=false keeps the run");
        runs.connected();
        assertEquals(List.of(), runs.before(frame(2)), "the run goes on across the reconnect");
        routed(runs, frame(2));
        assertEquals("idle", runs.idle().get("reason"));
        assertNull(runs.idle());
        assertEquals("after idle", ((Start) only(runs, frame(3))).get("reason"));

        RunTracker none = new RunTracker(RunStart.none, true, "PV");
        assertEquals(List.of(), none.before(frame(1)));
        assertNull(none.disconnected());
    }

    private static ArroyoMessage only(RunTracker runs, PvaUpdate update) {
        List<ArroyoMessage> before = runs.before(update);
        assertEquals(1, before.size(), before.toString());
        return before.get(0);
    }

    private static void routed(RunTracker runs, PvaUpdate update) {
        runs.routed(update, runs.missedBefore(update));
    }

    private static PvaUpdate frame(int id) {
        return new PvaUpdate(id, Map.of(), "image", DType.UINT16, new int[] { 2, 4 }, ByteBuffer.allocate(16), null,
                16, null, null);
    }
}
