package org.arroyo.camel.pva;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.NDArray;
import org.epics.pva.data.PVABool;
import org.epics.pva.data.PVABoolArray;
import org.epics.pva.data.PVAByteArray;
import org.epics.pva.data.PVAData;
import org.epics.pva.data.PVADouble;
import org.epics.pva.data.PVADoubleArray;
import org.epics.pva.data.PVAFloatArray;
import org.epics.pva.data.PVAInt;
import org.epics.pva.data.PVAIntArray;
import org.epics.pva.data.PVALong;
import org.epics.pva.data.PVALongArray;
import org.epics.pva.data.PVAShortArray;
import org.epics.pva.data.PVAString;
import org.epics.pva.data.PVAStructure;
import org.epics.pva.data.PVAStructureArray;
import org.epics.pva.data.PVAUnion;
import org.epics.pva.data.PVAny;

/**
 * Event -> NTNDArray (epics:nt/NTNDArray:1.0) as areaDetector's NDPluginPva structures it (normativeTypesCPP's
 * builder with descriptor, alarm, timeStamp and display): the array in the value union's member for its dtype,
 * dimension[] x-fastest (the C shape reversed), codec empty with the ScalarType code in codec.parameters,
 * uniqueId, dataTimeStamp, and the Event's scalar metadata as NTAttributes.
 */
final class NtNdArrayWriter {

    static final String NTNDARRAY = "epics:nt/NTNDArray:1.0";
    static final String NTATTRIBUTE = "epics:nt/NTAttribute:1.0";
    /** What a frame's structure adds to its array's bytes, generously (attributes counted apart). */
    static final int OVERHEAD = 64 * 1024;

    private static final List<DType> UNION_ORDER = List.of(DType.BOOL, DType.INT8, DType.INT16, DType.INT32,
            DType.INT64, DType.UINT8, DType.UINT16, DType.UINT32, DType.UINT64, DType.FLOAT32, DType.FLOAT64);

    private NtNdArrayWriter() {
    }

    /** The served PV's initial value: no array yet, every field at its default. */
    static WholeUpdates initial() {
        return new WholeUpdates("", NTNDARRAY, fields(null, new int[0], 0, Instant.now(), Instant.now(), Map.of()));
    }

    /** One frame's value, of the same type as {@link #initial()}. */
    static PVAStructure frame(NDArray array, int uniqueId, Instant dataTime, Map<String, Object> metadata) {
        return new PVAStructure("", NTNDARRAY, fields(array, array.shape(), uniqueId, dataTime, Instant.now(),
                metadata));
    }

    /** The bytes a frame's message holds, about: its array plus the structure and its attributes' text. */
    static long messageSize(NDArray array, Map<String, Object> metadata) {
        long size = array.byteSize() + OVERHEAD;
        for (Map.Entry<String, Object> e : metadata.entrySet()) {
            size += 64 + e.getKey().length() * 3L + String.valueOf(e.getValue()).length() * 3L;
        }
        return size;
    }

    private static List<PVAData> fields(NDArray array, int[] shape, int uniqueId, Instant dataTime, Instant now,
                                        Map<String, Object> metadata) {
        long bytes = array == null ? 0 : array.byteSize();
        List<PVAData> fields = new ArrayList<>();
        fields.add(value(array));
        fields.add(new PVAStructure("codec", "codec_t", new PVAString("name", ""),
                new PVAny("parameters", array == null ? null : new PVAInt("", PvaArrays.scalarTypeCode(array.dtype())))));
        fields.add(new PVALong("compressedSize", false, bytes));
        fields.add(new PVALong("uncompressedSize", false, bytes));
        fields.add(dimensions(shape));
        fields.add(new PVAInt("uniqueId", uniqueId));
        fields.add(time("dataTimeStamp", dataTime));
        fields.add(attributes(metadata));
        fields.add(new PVAString("descriptor", ""));
        fields.add(new PVAStructure("alarm", "alarm_t", new PVAInt("severity", 0), new PVAInt("status", 0),
                new PVAString("message", "")));
        fields.add(time("timeStamp", now));
        fields.add(new PVAStructure("display", "display_t", new PVADouble("limitLow", 0), new PVADouble("limitHigh", 0),
                new PVAString("description", ""), new PVAString("format", ""), new PVAString("units", "")));
        return fields;
    }

    private static PVAUnion value(NDArray array) {
        List<PVAData> options = List.of(new PVABoolArray("booleanValue"), new PVAByteArray("byteValue", false),
                new PVAShortArray("shortValue", false), new PVAIntArray("intValue", false),
                new PVALongArray("longValue", false), new PVAByteArray("ubyteValue", true),
                new PVAShortArray("ushortValue", true), new PVAIntArray("uintValue", true),
                new PVALongArray("ulongValue", true), new PVAFloatArray("floatValue"),
                new PVADoubleArray("doubleValue"));
        PVAUnion union = new PVAUnion("value", "", -1, options);
        if (array != null) {
            try {
                union.set(UNION_ORDER.indexOf(array.dtype()), PvaArrays.primitiveArray(array));
            } catch (Exception e) {
                throw new IllegalArgumentException("cannot serve " + array + ": " + e.getMessage(), e);
            }
        }
        return union;
    }

    static PVAStructure dimensionType() {
        return new PVAStructure("", "dimension_t", new PVAInt("size", 0), new PVAInt("offset", 0),
                new PVAInt("fullSize", 0), new PVAInt("binning", 1), new PVABool("reverse", false));
    }

    private static PVAStructureArray dimensions(int[] shape) {
        PVAStructure[] dims = new PVAStructure[shape.length];
        for (int i = 0; i < shape.length; i++) {
            int size = shape[shape.length - 1 - i];
            dims[i] = new PVAStructure("", "dimension_t", new PVAInt("size", size), new PVAInt("offset", 0),
                    new PVAInt("fullSize", size), new PVAInt("binning", 1), new PVABool("reverse", false));
        }
        return new PVAStructureArray("dimension", dimensionType(), dims);
    }

    static PVAStructure attributeType() {
        return new PVAStructure("", NTATTRIBUTE, new PVAString("name"), new PVAny("value"),
                new PVAString("descriptor"), new PVAInt("sourceType", 0), new PVAString("source"));
    }

    /** Scalar metadata (numbers, strings, booleans) as NTAttributes; lists and maps have no NTAttribute form. */
    private static PVAStructureArray attributes(Map<String, Object> metadata) {
        List<PVAStructure> attributes = new ArrayList<>();
        for (Map.Entry<String, Object> e : metadata.entrySet()) {
            PVAData value = scalar(e.getValue());
            if (value != null) {
                // sourceType 0: NDAttrSourceDriver, as the driver's own attributes
                attributes.add(new PVAStructure("", NTATTRIBUTE, new PVAString("name", e.getKey()),
                        new PVAny("value", value), new PVAString("descriptor", ""), new PVAInt("sourceType", 0),
                        new PVAString("source", "arroyo")));
            }
        }
        return new PVAStructureArray("attribute", attributeType(), attributes.toArray(new PVAStructure[0]));
    }

    private static PVAData scalar(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return new PVAInt("value", ((Number) value).intValue());
        } else if (value instanceof Long l) {
            return new PVALong("value", false, l);
        } else if (value instanceof Number n) {
            return new PVADouble("value", n.doubleValue());
        } else if (value instanceof String s) {
            return new PVAString("value", s);
        } else if (value instanceof Boolean b) {
            return new PVABool("value", b);
        }
        return null;
    }

    static PVAStructure time(String name, Instant time) {
        return new PVAStructure(name, "time_t", new PVALong("secondsPastEpoch", false, time.getEpochSecond()),
                new PVAInt("nanoseconds", time.getNano()), new PVAInt("userTag", 0));
    }
}
