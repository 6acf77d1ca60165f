package org.arroyo.camel.pva;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.NDArray;
import org.epics.pva.data.PVABool;
import org.epics.pva.data.PVAByte;
import org.epics.pva.data.PVAData;
import org.epics.pva.data.PVAInt;
import org.epics.pva.data.PVALong;
import org.epics.pva.data.PVANumber;
import org.epics.pva.data.PVAShort;
import org.epics.pva.data.PVAString;
import org.epics.pva.data.PVAStringArray;
import org.epics.pva.data.PVAStructure;
import org.epics.pva.data.PVAny;

/** core-pva scalar values as the plain Java values an Event's metadata holds (unsigned ones as their value). */
final class PvaValues {

    private PvaValues() {
    }

    /**
     * Number, String, Boolean, a List for an array, or null; an {@code any} is unwrapped; anything else its text.
     */
    static Object toJava(PVAData data) {
        if (data == null) {
            return null;
        } else if (data instanceof PVAny any) {
            return toJava(any.get());
        } else if (data instanceof PVAInt i && i.isUnsigned()) {
            return Integer.toUnsignedLong(i.get());
        } else if (data instanceof PVAShort s && s.isUnsigned()) {
            return Short.toUnsignedInt(s.get());
        } else if (data instanceof PVAByte b && b.isUnsigned()) {
            return Byte.toUnsignedInt(b.get());
        } else if (data instanceof PVALong l && l.isUnsigned() && l.get() < 0) {
            return Long.toUnsignedString(l.get());
        } else if (data instanceof PVANumber n) {
            return n.getNumber();
        } else if (data instanceof PVAString s) {
            return s.get();
        } else if (data instanceof PVABool b) {
            return b.get();
        } else if (data instanceof PVAStringArray a) {
            return a.get() == null ? List.of() : Arrays.asList(a.get().clone());
        } else if (PvaArrays.dtypeOf(data) != null) {
            return numbers(data);
        }
        return data.toString();
    }

    private static List<Object> numbers(PVAData array) {
        NDArray view = PvaArrays.ndArray(PvaArrays.dtypeOf(array), new int[] { PvaArrays.length(array) },
                PvaArrays.elements(array));
        List<Object> out = new ArrayList<>((int) view.size());
        for (long i = 0; i < view.size(); i++) {
            out.add(view.dtype().kind() == DType.Kind.FLOAT ? view.getDouble(i)
                    : view.getLong(i));
        }
        return out;
    }

    /** A time_t structure (secondsPastEpoch, nanoseconds) as seconds since 1970 (POSIX), or null when absent. */
    static Double seconds(PVAData timeStamp) {
        if (!(timeStamp instanceof PVAStructure ts)
            || !(ts.get("secondsPastEpoch") instanceof PVALong secs)
            || !(ts.get("nanoseconds") instanceof PVAInt nanos)) {
            return null;
        }
        return secs.get() + nanos.get() / 1e9;
    }
}
