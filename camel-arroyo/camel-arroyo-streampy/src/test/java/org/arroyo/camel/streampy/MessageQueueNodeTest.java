package org.arroyo.camel.streampy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The node's answers, datagram bytes in and out, as stream-py's node gives them (WIRE-FORMATS.md section 5). */
class MessageQueueNodeTest {

    private final MessageQueueNode node = new MessageQueueNode(3);

    private String ask(String datagram) {
        return new String(node.handle(datagram.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void putGetSizeAndEmptyAreByteForByteTheOriginalOnes() {
        assertEquals("110", ask("14SIZE"));
        assertEquals("10", ask("13GET"), "empty queue: the empty message");
        assertEquals("1cPUT 11 bytes", ask("1fPUT:Hello World"));
        assertEquals("1bPUT 2 bytes", ask("16PUT:ab"));
        assertEquals("112", ask("14SIZE"));
        assertEquals("1bHello World", ask("13GET"), "oldest first");
        assertEquals("12ab", ask("13GET"));
        assertEquals("10", ask("13GET"));
        assertEquals(2, node.puts());
    }

    @Test
    void aMessageKeepsEveryColonAfterTheFirstAndCountsBytes() {
        assertEquals("1bPUT 5 bytes", ask("19PUT:a:b:c"));
        assertEquals("15a:b:c", ask("13GET"));
        // two 4-byte characters: stream-py counted characters, the framing and our reply count bytes
        assertEquals("1bPUT 8 bytes", ask("1cPUT:\uD835\uDC07\uD835\uDC1E"));
        assertEquals("18\uD835\uDC07\uD835\uDC1E", ask("13GET"));
        assertEquals("1bPUT 0 bytes", ask("14PUT:"), "the empty message may be queued, as in stream-py");
    }

    @Test
    void unknownVerbsAndMalformedDatagramsGetAnErrorReplyAndTheNodeGoesOn() {
        assertEquals("216ERR unknown verb 'FOO'", ask("13FOO"));
        assertTrue(ask("13GE").contains("ERR malformed datagram: forward codec: the header announces 3 bytes but 2"));
        assertTrue(ask("zzGET").contains("ERR malformed datagram"));
        assertTrue(ask("").contains("ERR malformed datagram"));
        assertTrue(ask("13PUT").contains("ERR PUT needs a message"));
        assertTrue(ask("13get").contains("ERR unknown verb 'get'"), "verbs are case-sensitive as in stream-py");
        assertEquals(6, node.errors());
        assertEquals("1bPUT 2 bytes", ask("16PUT:ok"));
        assertEquals("12ok", ask("13GET"));
    }

    @Test
    void aFullQueueRefusesThePutAndKeepsTheMessageOut() {
        for (int i = 0; i < 3; i++) {
            assertEquals("1bPUT 1 bytes", ask("15PUT:" + i));
        }
        assertEquals("21bERR queue full (capacity 3)", ask("15PUT:x"));
        assertEquals(1, node.rejected());
        assertEquals("113", ask("14SIZE"));
        assertEquals("110", ask("13GET"));
        assertEquals("1bPUT 1 bytes", ask("15PUT:y"), "room again after a GET");
    }

    @Test
    void aGetRecordsTheTimeTheMessageWaited() {
        ask("15PUT:a");
        ask("15PUT:b");
        ask("13GET");
        ask("13GET");
        ask("13GET");
        assertEquals(2, node.edgeLatency().count(), "an empty GET waited for nothing");
        assertTrue(node.edgeLatency().max().toNanos() > 0);
    }

    @Test
    void capacityMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MessageQueueNode(0));
        assertEquals("capacity must be 1 or more, was 0", e.getMessage());
    }
}
