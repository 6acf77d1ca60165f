package org.arroyo.camel.bluesky;

import java.util.Map;

/** A descriptor as the decoder remembers it for its run: its stream's name and its data keys. */
record Descriptor(String uid, String runStart, String stream, Map<String, DataKey> dataKeys) {
}
