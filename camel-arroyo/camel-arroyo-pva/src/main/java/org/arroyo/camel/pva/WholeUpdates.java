package org.arroyo.camel.pva;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.epics.pva.data.PVABoolArray;
import org.epics.pva.data.PVAByteArray;
import org.epics.pva.data.PVAData;
import org.epics.pva.data.PVADoubleArray;
import org.epics.pva.data.PVAFloatArray;
import org.epics.pva.data.PVAIntArray;
import org.epics.pva.data.PVALongArray;
import org.epics.pva.data.PVAShortArray;
import org.epics.pva.data.PVAStringArray;
import org.epics.pva.data.PVAStructure;
import org.epics.pva.data.PVAUnion;
import org.epics.pva.data.PVAny;

/**
 * The top-level structure of a PV the producer serves, so that every monitor update carries the whole structure.
 * <p>
 * Why: core-pva's server keeps one pending update per subscriber and, when a newer one comes before it was sent,
 * replaces the pending change set with the newer one's, so fields that changed only in the merged-away update
 * (dimensions, codec, attributes, timestamps) never reach that client. Marking the whole structure changed on each
 * update makes every update, merged or not, complete. It also assigns arrays by reference instead of core-pva's
 * compare-then-copy of every element: the producer builds a new array per frame and never changes it afterwards.
 */
final class WholeUpdates extends PVAStructure {

    WholeUpdates(String name, String structName, List<PVAData> elements) {
        super(name, structName, elements);
    }

    @Override
    public WholeUpdates cloneData() {
        List<PVAData> copy = new ArrayList<>();
        for (PVAData element : get()) {
            copy.add(element.cloneData());
        }
        WholeUpdates clone = new WholeUpdates(getName(), getStructureName(), copy);
        clone.setTypeID(getTypeID());
        return clone;
    }

    @Override
    public WholeUpdates cloneType(String name) {
        List<PVAData> copy = new ArrayList<>();
        for (PVAData element : get()) {
            copy.add(element.cloneType(element.getName()));
        }
        WholeUpdates clone = new WholeUpdates(name, getStructureName(), copy);
        clone.setTypeID(getTypeID());
        return clone;
    }

    @Override
    protected int update(int index, PVAData newValue, BitSet changes) throws Exception {
        if (!(newValue instanceof PVAStructure other) || other.get().size() != get().size()) {
            throw new IllegalArgumentException("not the served PV's structure: " + newValue);
        }
        assign(this, other);
        // the structure's own bit, and no element's: the client then reads the whole structure, once
        changes.set(index);
        return index + 1 + deepCount(this);
    }

    private static void assign(PVAData mine, PVAData theirs) throws Exception {
        if (mine instanceof PVAStructure m) {
            List<PVAData> a = m.get();
            List<PVAData> b = ((PVAStructure) theirs).get();
            for (int i = 0; i < a.size(); i++) {
                assign(a.get(i), b.get(i));
            }
        } else if (mine instanceof PVAUnion m) {
            PVAUnion other = (PVAUnion) theirs;
            m.set(other.getSelector(), other.getSelector() < 0 ? null : raw(other.get()));
        } else if (mine instanceof PVAny m) {
            m.setValue(((PVAny) theirs).get());
        } else {
            mine.setValue(raw(theirs));
        }
    }

    /** A scalar array's Java array (assigned by reference), else the value itself. */
    private static Object raw(PVAData data) {
        if (data instanceof PVAShortArray a) {
            return a.get();
        } else if (data instanceof PVAByteArray a) {
            return a.get();
        } else if (data instanceof PVAIntArray a) {
            return a.get();
        } else if (data instanceof PVALongArray a) {
            return a.get();
        } else if (data instanceof PVAFloatArray a) {
            return a.get();
        } else if (data instanceof PVADoubleArray a) {
            return a.get();
        } else if (data instanceof PVABoolArray a) {
            return a.get();
        } else if (data instanceof PVAStringArray a) {
            return a.get();
        }
        return data;
    }

    private static int deepCount(PVAStructure structure) {
        int count = 0;
        for (PVAData element : structure.get()) {
            count++;
            if (element instanceof PVAStructure s) {
                count += deepCount(s);
            }
        }
        return count;
    }
}
