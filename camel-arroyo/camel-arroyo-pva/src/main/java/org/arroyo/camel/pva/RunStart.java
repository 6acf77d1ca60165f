package org.arroyo.camel.pva;

/** When the consumer opens a run (a PV has none of its own): see {@link ArroyoPvaConfiguration#setRunStart}. */
public enum RunStart {
    /** No Start or Stop: every update is an Event. */
    none,
    /** A Start before the first update after the channel (re)connects. */
    connect,
    /** As connect, and also when uniqueId goes back (areaDetector's ArrayCounter was reset): Stop, then Start. */
    reset
}
