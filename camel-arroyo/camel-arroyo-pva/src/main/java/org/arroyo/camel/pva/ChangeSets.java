package org.arroyo.camel.pva;

import java.util.BitSet;

import org.epics.pva.data.PVAData;
import org.epics.pva.data.PVAStructure;

/**
 * What a monitor update's change set covers. Bit 0 stands for the whole structure; each other bit for one field, in
 * core-pva's depth-first numbering ({@link PVAStructure#getIndex}), a structure's bit for all of its fields.
 */
final class ChangeSets {

    private ChangeSets() {
    }

    /**
     * Whether the change set covers every field: bit 0, as core-pva's and pvAccessCPP's servers send a subscription's
     * first update, or a bit for each field or a structure around it, as a server may mark them one by one.
     */
    static boolean coversAll(BitSet changes, PVAStructure data) {
        return changes.get(0) || covers(changes, data, data);
    }

    private static boolean covers(BitSet changes, PVAStructure root, PVAStructure structure) {
        for (PVAData field : structure.get()) {
            if (changes.get(index(root, field))) {
                continue;
            }
            if (!(field instanceof PVAStructure inner) || !covers(changes, root, inner)) {
                return false;
            }
        }
        return true;
    }

    private static int index(PVAStructure root, PVAData field) {
        try {
            return root.getIndex(field);
        } catch (Exception e) {
            // cannot happen for a field of this structure; counting it as not covered costs one more subscription
            return -1 >>> 1;
        }
    }
}
