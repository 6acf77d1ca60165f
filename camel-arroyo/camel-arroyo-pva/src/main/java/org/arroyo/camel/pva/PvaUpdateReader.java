package org.arroyo.camel.pva;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.NDArray;
import org.epics.pva.data.PVAData;
import org.epics.pva.data.PVAInt;
import org.epics.pva.data.PVANumber;
import org.epics.pva.data.PVAString;
import org.epics.pva.data.PVAStructure;
import org.epics.pva.data.PVAStructureArray;
import org.epics.pva.data.PVAUnion;
import org.epics.pva.data.PVAny;

/**
 * Reads one monitor update of an NTNDArray (areaDetector's NDPluginPva), NTScalar or NTScalarArray PV into a
 * {@link PvaUpdate}, keeping core-pva's decoded arrays as they are (see {@link PvaArrays#elements}). An NTNDArray's frame: dtype from the value union's member (or, when
 * compressed, from codec.parameters as NDPluginCodec keeps it), C-order shape from dimension[] reversed (dimension 0
 * is areaDetector's fastest, x), metadata from its NTAttributes (name -> value), uniqueId (frame_number), timeStamp
 * and dataTimeStamp (timestamp, data_timestamp, seconds since 1970).
 */
final class PvaUpdateReader {

    private PvaUpdateReader() {
    }

    /** The update, or null for an NTNDArray that holds no frame yet. */
    static PvaUpdate read(PVAStructure update, String describe, String arrayName) {
        try {
            PVAData value = update.get("value");
            if (value instanceof PVAUnion union && update.get("dimension") instanceof PVAStructureArray dims) {
                return ndArray(update, union, dims, describe, arrayName);
            }
            if (value instanceof PVAUnion) {
                throw new CodecException(describe + ": not an NTNDArray: its value is a union but it has no "
                                         + "dimension[] (structure " + typeName(update) + ")");
            }
            if (value != null && PvaArrays.dtypeOf(value) != null) {
                return scalarArray(update, value, arrayName);
            }
            if (value != null && !(value instanceof PVAStructure) && !(value instanceof PVAStructureArray)) {
                Map<String, Object> metadata = timestamps(update);
                metadata.put("value", PvaValues.toJava(value));
                return new PvaUpdate(null, metadata, arrayName, null, null, null, null, 8, null, null);
            }
            throw new CodecException(describe + ": not an NTNDArray, NTScalar or NTScalarArray: structure "
                                     + typeName(update) + " with fields " + fieldNames(update));
        } catch (CodecException e) {
            return PvaUpdate.failed(e, update.toString(), 0);
        } catch (RuntimeException e) {
            return PvaUpdate.failed(new CodecException(describe + ": cannot read the update: " + e, e),
                    update.toString(), 0);
        }
    }

    private static PvaUpdate ndArray(PVAStructure update, PVAUnion union, PVAStructureArray dims, String describe,
                                     String arrayName) {
        Integer uniqueId = update.get("uniqueId") instanceof PVAInt id ? id.get() : null;
        PVAData value = union.get();
        if (value == null && (dims.get() == null || dims.get().length == 0)) {
            // an NTNDArray PV that has served no frame yet (what a monitor gets first from an idle plugin)
            return null;
        }
        DType received = value == null ? null : PvaArrays.dtypeOf(value);
        if (received == null) {
            throw new CodecException(describe + ": frame " + uniqueId + " has no array in its value union"
                                     + (value == null ? "" : " (selected " + value.getType() + ")"));
        }
        int[] shape = shape(dims, describe, uniqueId);
        String codec = codecName(update);
        long elements = NDArray.elementCount(shape);
        int length = PvaArrays.length(value);
        DType dtype = received;
        if (codec != null) {
            dtype = uncompressedType(update, describe, uniqueId, codec);
            if (received.itemSize() != 1) {
                throw new CodecException(describe + ": frame " + uniqueId + " is compressed (" + codec
                                         + ") but its value is " + received + ", not bytes");
            }
            if (!NdCodecs.KNOWN.contains(codec)) {
                throw new CodecException(describe + ": frame " + uniqueId + " is compressed with codec '" + codec
                                         + "', which arroyo-pva cannot decompress (supported: "
                                         + String.join(", ", NdCodecs.KNOWN) + "); set NDPluginCodec to one of "
                                         + "those or to None");
            }
        } else if (length != elements) {
            throw new ShapeMismatchException(describe + ": frame " + uniqueId + ": dimension sizes "
                                     + Arrays.toString(sizes(dims)) + " (C shape " + Arrays.toString(shape) + ") need "
                                     + elements + " elements but " + PvaArrays.unionMember(received) + " holds "
                                     + length);
        }
        Map<String, Object> metadata = attributes(update);
        if (uniqueId != null) {
            metadata.put("frame_number", uniqueId);
        }
        metadata.putAll(timestamps(update));
        if (codec != null) {
            metadata.put("codec", codec);
        }
        return new PvaUpdate(uniqueId, metadata, arrayName, dtype, shape, PvaArrays.elements(value), codec,
                (long) length * received.itemSize(), null, null);
    }

    private static PvaUpdate scalarArray(PVAStructure update, PVAData value, String arrayName) {
        DType dtype = PvaArrays.dtypeOf(value);
        int length = PvaArrays.length(value);
        return new PvaUpdate(null, timestamps(update), arrayName, dtype, new int[] { length },
                PvaArrays.elements(value), null, (long) length * dtype.itemSize(), null, null);
    }

    /** dimension[] sizes, x (fastest) first, reversed into a C-order shape. */
    private static int[] shape(PVAStructureArray dims, String describe, Integer uniqueId) {
        int[] sizes = sizes(dims);
        int[] shape = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 0) {
                throw new CodecException(describe + ": frame " + uniqueId + " has a negative dimension size "
                                         + Arrays.toString(sizes));
            }
            shape[sizes.length - 1 - i] = sizes[i];
        }
        return shape;
    }

    private static int[] sizes(PVAStructureArray dims) {
        PVAStructure[] each = dims.get();
        int[] sizes = new int[each == null ? 0 : each.length];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = each[i] != null && each[i].get("size") instanceof PVAInt size ? size.get() : -1;
        }
        return sizes;
    }

    /** codec.name, or null when the frame is not compressed. */
    private static String codecName(PVAStructure update) {
        if (update.get("codec") instanceof PVAStructure codec && codec.get("name") instanceof PVAString name
            && name.get() != null && !name.get().isEmpty()) {
            return name.get();
        }
        return null;
    }

    private static DType uncompressedType(PVAStructure update, String describe, Integer uniqueId, String codec) {
        PVAStructure c = update.get("codec");
        PVAData parameters = c.get("parameters") instanceof PVAny any ? any.get() : null;
        DType dtype = parameters instanceof PVANumber n ? PvaArrays.fromScalarTypeCode(n.getNumber().intValue()) : null;
        if (dtype == null) {
            throw new CodecException(describe + ": frame " + uniqueId + " is compressed (" + codec + ") but "
                                     + "codec.parameters does not name the uncompressed type (NDPluginCodec "
                                     + "writes its pvData ScalarType code there): " + parameters);
        }
        return dtype;
    }

    /** Every NTAttribute, name -> value, in the order the IOC sent them. */
    private static Map<String, Object> attributes(PVAStructure update) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (update.get("attribute") instanceof PVAStructureArray attributes && attributes.get() != null) {
            for (PVAStructure attribute : attributes.get()) {
                if (attribute != null && attribute.get("name") instanceof PVAString name && name.get() != null) {
                    metadata.put(name.get(), PvaValues.toJava(attribute.get("value")));
                }
            }
        }
        return metadata;
    }

    private static Map<String, Object> timestamps(PVAStructure update) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        Double time = PvaValues.seconds(update.get("timeStamp"));
        if (time != null) {
            metadata.put("timestamp", time);
        }
        Double dataTime = PvaValues.seconds(update.get("dataTimeStamp"));
        if (dataTime != null) {
            metadata.put("data_timestamp", dataTime);
        }
        return metadata;
    }

    private static String typeName(PVAStructure update) {
        return update.getStructureName().isEmpty() ? "(unnamed)" : "'" + update.getStructureName() + "'";
    }

    private static List<String> fieldNames(PVAStructure update) {
        List<String> names = new ArrayList<>();
        for (PVAData field : update.get()) {
            names.add(field.getName());
        }
        return names;
    }
}
