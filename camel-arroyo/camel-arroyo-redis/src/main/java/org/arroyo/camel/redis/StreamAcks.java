package org.arroyo.camel.redis;

import java.util.ArrayList;
import java.util.List;

/**
 * Which entries a stream consumer may acknowledge. An entry whose frames the decoder keeps as the first part of a
 * message (msgpack-multipart written as two entries) is acknowledged only together with the message it begins, so a
 * failed message is delivered again whole.
 */
final class StreamAcks {

    private final List<String> waiting = new ArrayList<>();
    private final List<String> done = new ArrayList<>();

    /** An entry was handled alone: finished with (settled), failed by the route, or kept as a part. */
    void handled(String id, boolean settled, boolean keptAsPart) {
        if (keptAsPart) {
            waiting.add(id);
            return;
        }
        if (settled) {
            done.addAll(waiting);
            done.add(id);
        }
        // failed: the parts stay pending with the entry, and come back with it
        waiting.clear();
    }

    /** Adds the ids a message decoded from this entry stands for: the waiting parts and the entry itself. */
    void idsOfMessage(String id, List<String> ids) {
        if (!waiting.isEmpty()) {
            ids.addAll(waiting);
            waiting.clear();
        }
        ids.add(id);
    }

    /** Entries finished with together (a batch). */
    void settled(List<String> ids) {
        done.addAll(ids);
    }

    /** The ids to acknowledge now; empty afterwards. */
    String[] takeDone() {
        String[] ids = done.toArray(String[]::new);
        done.clear();
        return ids;
    }

    /** After a reconnect the waiting parts are delivered again from the pending list. */
    void reset() {
        waiting.clear();
        done.clear();
    }
}
