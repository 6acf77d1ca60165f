package org.arroyo.camel.message;

/**
 * One message of an Arroyo run: a {@link Start}, many {@link Event}s, a {@link Stop}.
 * <p>
 * Messages are immutable, so a route may hand the same instance to several publishers.
 */
public sealed interface ArroyoMessage permits RunMarker, Event {

    /** The kind of this message, also carried on the exchange as {@link ArroyoConstants#MESSAGE_TYPE}. */
    MessageType type();
}
