package org.arroyo.camel.recording;

import java.io.IOException;

/** A file that is not a recording, or whose content is damaged before its end (not merely cut short). */
public class RecordingFormatException extends IOException {

    public RecordingFormatException(String message) {
        super(message);
    }

    public RecordingFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
