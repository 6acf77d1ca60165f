package org.arroyo.camel.pva;

import java.util.BitSet;

import org.epics.pva.data.PVAInt;
import org.epics.pva.data.PVAString;
import org.epics.pva.data.PVAStructure;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which change sets count as a whole structure for a subscription's first update. */
class ChangeSetsTest {

    // 0 the structure, 1 value, 2 codec, 3 codec.name, 4 uniqueId
    private final PVAStructure frame = new PVAStructure("", "epics:nt/NTNDArray:1.0", new PVAInt("value", 7),
            new PVAStructure("codec", "codec_t", new PVAString("name", "lz4")), new PVAInt("uniqueId", 3));

    @Test
    void bitZeroIsTheWholeStructure() {
        assertTrue(ChangeSets.coversAll(bits(0), frame));
    }

    @Test
    void aBitForEveryFieldOrTheStructureAroundItIsWholeToo() {
        assertTrue(ChangeSets.coversAll(bits(1, 3, 4), frame), "each leaf marked");
        assertTrue(ChangeSets.coversAll(bits(1, 2, 4), frame), "the codec structure marked for its name");
    }

    @Test
    void theChangesOfOneLaterUpdateAreNot() {
        // what core-pva's server sends when a frame replaced the first update's whole-structure set: value, uniqueId
        assertFalse(ChangeSets.coversAll(bits(1, 4), frame));
        assertFalse(ChangeSets.coversAll(bits(), frame));
    }

    private static BitSet bits(int... set) {
        BitSet b = new BitSet();
        for (int i : set) {
            b.set(i);
        }
        return b;
    }
}
