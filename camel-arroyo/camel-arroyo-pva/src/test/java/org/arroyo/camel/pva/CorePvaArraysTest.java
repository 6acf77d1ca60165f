package org.arroyo.camel.pva;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

import org.epics.pva.data.PVABoolArray;
import org.epics.pva.data.PVAByteArray;
import org.epics.pva.data.PVAData;
import org.epics.pva.data.PVADoubleArray;
import org.epics.pva.data.PVAFloatArray;
import org.epics.pva.data.PVAIntArray;
import org.epics.pva.data.PVALongArray;
import org.epics.pva.data.PVAShortArray;
import org.epics.pva.data.PVAUnion;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the consumer's receive thread relies on to hand core-pva's arrays on without copying them: decoding an update
 * into the structure a monitor reuses puts a new array there and leaves the one handed out before as it was, for
 * every scalar array type and through NTNDArray's value union. Should a core-pva upgrade decode in place, this fails,
 * and PvaArrays.elements must copy again.
 */
class CorePvaArraysTest {

    @Test
    void decodingTheNextUpdateLeavesTheArrayOfTheLastOneAsItWas() throws Exception {
        List<IntFunction<PVAData>> types = List.of(
                v -> new PVAByteArray("value", true, new byte[] { (byte) v, (byte) (v + 1), 3 }),
                v -> new PVAShortArray("value", true, new short[] { (short) v, (short) (v + 1), 3 }),
                v -> new PVAIntArray("value", false, v, v + 1, 3),
                v -> new PVALongArray("value", false, v, v + 1, 3),
                v -> new PVAFloatArray("value", v, v + 1, 3),
                v -> new PVADoubleArray("value", v, v + 1, 3),
                v -> new PVABoolArray("value", v % 2 == 0, true, false));
        for (IntFunction<PVAData> type : types) {
            PVAData first = type.apply(10);
            PVAData second = type.apply(11);
            PVAData received = first.cloneType("value");

            decode(received, first);
            Object kept = PvaArrays.elements(received);
            decode(received, second);

            String what = received.getType();
            assertNotSame(kept, PvaArrays.elements(received), what);
            assertTrue(Objects.deepEquals(PvaArrays.elements(first), kept), what + ": the kept array changed");
            assertTrue(Objects.deepEquals(PvaArrays.elements(second), PvaArrays.elements(received)), what);
        }
    }

    @Test
    void theValueUnionOfAnNtNdArrayDecodesIntoANewArrayToo() throws Exception {
        PVAUnion received = union(new short[0]);
        decode(received, union(new short[] { 1, 2, 3 }));
        short[] kept = ((PVAShortArray) received.get()).get();
        decode(received, union(new short[] { 7, 8, 9 }));

        assertArrayEquals(new short[] { 1, 2, 3 }, kept);
        assertArrayEquals(new short[] { 7, 8, 9 }, ((PVAShortArray) received.get()).get());
    }

    private static PVAUnion union(short[] values) {
        return new PVAUnion("value", "", 1, new PVAByteArray("ubyteValue", true),
                new PVAShortArray("ushortValue", true, values));
    }

    private static void decode(PVAData into, PVAData from) throws Exception {
        ByteBuffer wire = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        from.encode(wire);
        wire.flip();
        into.decode(null, wire);
    }
}
