package org.arroyo.camel.agent.kafka;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only the contiguous finished prefix of a partition is committable. */
class PartitionOffsetsTest {

    @Test
    void recordsFinishingOutOfOrderCommitOnlyTheContiguousPrefix() {
        PartitionOffsets p = new PartitionOffsets();
        for (long o = 10; o <= 14; o++) {
            assertTrue(p.register(o));
        }
        assertEquals(-1, p.complete(12), "11 and 10 are not done");
        assertEquals(-1, p.complete(11));
        assertEquals(13, p.complete(10), "10..12 done: commit 13");
        assertEquals(-1, p.complete(14), "13 is not done");
        assertEquals(15, p.complete(13));
        assertEquals(0, p.size());
    }

    @Test
    void aRewoundPartitionAndUnknownOffsetsAreRecognised() {
        PartitionOffsets p = new PartitionOffsets();
        assertTrue(p.register(5));
        assertFalse(p.register(5), "delivered again: the caller starts afresh");
        assertFalse(p.register(3));
        assertEquals(-1, p.complete(4), "never tracked");
        assertEquals(6, p.complete(5));
        assertEquals(-1, p.complete(5), "already done");
    }
}
