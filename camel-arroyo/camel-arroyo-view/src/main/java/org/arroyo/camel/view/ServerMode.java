package org.arroyo.camel.view;

import java.util.Locale;

/** Where the view page is served (the component's {@code serverMode}). */
enum ServerMode {
    /** Camel's platform-http server when the application runs one, else the view's own. */
    AUTO,
    /** Camel's platform-http server; starting fails when there is none. */
    PLATFORM_HTTP,
    /** The view's own server on serverHost:serverPort. */
    OWN;

    static final String NAMES = "auto,platform-http,own";

    static ServerMode of(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "platform-http" -> PLATFORM_HTTP;
            case "own" -> OWN;
            default -> throw new IllegalArgumentException("serverMode '" + name + "': expected one of " + NAMES);
        };
    }
}
