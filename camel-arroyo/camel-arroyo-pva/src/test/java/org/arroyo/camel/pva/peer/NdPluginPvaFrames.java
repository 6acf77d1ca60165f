package org.arroyo.camel.pva.peer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
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
import org.epics.pva.data.PVAStringArray;
import org.epics.pva.data.PVAStructure;
import org.epics.pva.data.PVAStructureArray;
import org.epics.pva.data.PVAUnion;
import org.epics.pva.data.PVAny;

/**
 * Test fixture: NTNDArray values laid out as areaDetector's NDPluginPva / ntndArrayConverter writes them (this test
 * code's own rendering of normativeTypesCPP's NTNDArray with descriptor, alarm, timeStamp, display), with frames of
 * known pixels: pixel (x, y) of frame id is {@link #pixel}. Compression as NDPluginCodec does: "lz4" one LZ4 block
 * (LZ4_compress_default), "bslz4" bshuf_compress_lz4 with the default block size, the uncompressed type's pvData
 * ScalarType code in codec.parameters and the compressed bytes in ubyteValue.
 */
public final class NdPluginPvaFrames {

    /** Union members in normativeTypesCPP's order (pvBoolean .. pvDouble). */
    static final List<String> MEMBERS = List.of("booleanValue", "byteValue", "shortValue", "intValue", "longValue",
            "ubyteValue", "ushortValue", "uintValue", "ulongValue", "floatValue", "doubleValue");

    private NdPluginPvaFrames() {
    }

    /** The test pattern: differs per frame, column and row, wraps within every dtype. */
    public static long pixel(int id, int x, int y) {
        return (id * 7L + x + 3L * y) % 251;
    }

    public static PVAStructure empty() {
        return structure(union(-1, null), "", 0, 0, 0, new int[0], 0, List.of());
    }

    /**
     * A frame of width x height of the given dtype (uint8, int16, uint16, int32, uint32, float32, float64), compressed
     * with codec (none, lz4, bslz4, or any other name to send that name with bytes no one can read).
     */
    public static PVAStructure frame(int id, int width, int height, String dtype, String codec) {
        int n = width * height;
        int itemSize = itemSize(dtype);
        ByteBuffer plain = ByteBuffer.allocate(n * itemSize).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                long v = pixel(id, x, y);
                switch (dtype) {
                    case "uint8" -> plain.put((byte) v);
                    case "int16", "uint16" -> plain.putShort((short) v);
                    case "int32", "uint32" -> plain.putInt((int) v);
                    case "float32" -> plain.putFloat(v);
                    case "float64" -> plain.putDouble(v);
                    default -> throw new IllegalArgumentException(dtype);
                }
            }
        }
        plain.flip();
        int code = scalarType(dtype);
        if ("none".equals(codec)) {
            return structure(union(member(dtype), primitive(dtype, plain, n)), "", code, n * itemSize, n * itemSize,
                    new int[] { width, height }, id, attributes(id));
        }
        byte[] compressed = switch (codec) {
            case "lz4" -> lz4(plain.array());
            case "bslz4" -> bitshuffleLz4(plain.array(), n, itemSize);
            default -> new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 };
        };
        return structure(union(MEMBERS.indexOf("ubyteValue"), compressed), codec, code, compressed.length,
                (long) n * itemSize, new int[] { width, height }, id, attributes(id));
    }

    /** A frame whose dimension[] says width x height but whose value holds one pixel less. */
    public static PVAStructure wrongShape(int id, int width, int height) {
        short[] pixels = new short[width * height - 1];
        return structure(union(MEMBERS.indexOf("ushortValue"), pixels), "", 6, pixels.length * 2L,
                pixels.length * 2L, new int[] { width, height }, id, attributes(id));
    }

    static int itemSize(String dtype) {
        return switch (dtype) {
            case "uint8" -> 1;
            case "int16", "uint16" -> 2;
            case "int32", "uint32", "float32" -> 4;
            case "float64" -> 8;
            default -> throw new IllegalArgumentException(dtype);
        };
    }

    private static int member(String dtype) {
        return MEMBERS.indexOf(switch (dtype) {
            case "uint8" -> "ubyteValue";
            case "int16" -> "shortValue";
            case "uint16" -> "ushortValue";
            case "int32" -> "intValue";
            case "uint32" -> "uintValue";
            case "float32" -> "floatValue";
            case "float64" -> "doubleValue";
            default -> throw new IllegalArgumentException(dtype);
        });
    }

    private static int scalarType(String dtype) {
        return switch (dtype) {
            case "uint8" -> 5;
            case "int16" -> 2;
            case "uint16" -> 6;
            case "int32" -> 3;
            case "uint32" -> 7;
            case "float32" -> 9;
            case "float64" -> 10;
            default -> throw new IllegalArgumentException(dtype);
        };
    }

    private static Object primitive(String dtype, ByteBuffer plain, int n) {
        switch (dtype) {
            case "uint8":
                return plain.array().clone();
            case "int16", "uint16": {
                short[] a = new short[n];
                plain.asShortBuffer().get(a);
                return a;
            }
            case "int32", "uint32": {
                int[] a = new int[n];
                plain.asIntBuffer().get(a);
                return a;
            }
            case "float32": {
                float[] a = new float[n];
                plain.asFloatBuffer().get(a);
                return a;
            }
            default: {
                double[] a = new double[n];
                plain.asDoubleBuffer().get(a);
                return a;
            }
        }
    }

    static byte[] lz4(byte[] plain) {
        LZ4Compressor compressor = LZ4Factory.safeInstance().fastCompressor();
        return compressor.compress(plain);
    }

    /** bshuf_compress_lz4, this test's own straightforward rendering: per-bit transpose of each block. */
    public static byte[] bitshuffleLz4(byte[] plain, int n, int itemSize) {
        int blockSize = Math.max(128, 8192 / itemSize / 8 * 8);
        ByteBuffer out = ByteBuffer.allocate(plain.length * 2 + 1024);
        int done = 0;
        while (n - done >= 8) {
            int m = Math.min(blockSize, (n - done) / 8 * 8);
            byte[] shuffled = new byte[m * itemSize];
            for (int e = 0; e < m; e++) {
                for (int b = 0; b < itemSize * 8; b++) {
                    int bit = (plain[(done + e) * itemSize + b / 8] >> (b % 8)) & 1;
                    int position = b * m + e;
                    shuffled[position / 8] |= (byte) (bit << (position % 8));
                }
            }
            byte[] compressed = lz4(shuffled);
            out.putInt(compressed.length).put(compressed);
            done += m;
        }
        out.put(plain, done * itemSize, (n - done) * itemSize);
        byte[] result = new byte[out.position()];
        out.flip().get(result);
        return result;
    }

    private static List<PVAStructure> attributes(int id) {
        return List.of(attribute("ColorMode", new PVAInt("value", 0)),
                attribute("AcquireTime", new PVADouble("value", 0.1)),
                attribute("Operator", new PVAString("value", "arroyo")),
                attribute("FrameLabel", new PVAString("value", "frame-" + id)));
    }

    private static PVAStructure attribute(String name, PVAData value) {
        return new PVAStructure("", "epics:nt/NTAttribute:1.0", new PVAString("name", name), new PVAny("value", value),
                new PVAString("descriptor", name + " attribute"), new PVAInt("sourceType", 1),
                new PVAString("source", "param"));
    }

    static PVAUnion union(int selected, Object value) {
        List<PVAData> options = List.of(new PVABoolArray("booleanValue"), new PVAByteArray("byteValue", false),
                new PVAShortArray("shortValue", false), new PVAIntArray("intValue", false),
                new PVALongArray("longValue", false), new PVAByteArray("ubyteValue", true),
                new PVAShortArray("ushortValue", true), new PVAIntArray("uintValue", true),
                new PVALongArray("ulongValue", true), new PVAFloatArray("floatValue"),
                new PVADoubleArray("doubleValue"));
        PVAUnion union = new PVAUnion("value", "", -1, options);
        try {
            union.set(selected, value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return union;
    }

    static PVAStructure structure(PVAUnion value, String codec, int scalarType, long compressed, long uncompressed,
                                  int[] dims, int id, List<PVAStructure> attributes) {
        PVAStructure dimType = new PVAStructure("", "dimension_t", new PVAInt("size", 0), new PVAInt("offset", 0),
                new PVAInt("fullSize", 0), new PVAInt("binning", 1), new PVABool("reverse", false));
        PVAStructure[] dimensions = new PVAStructure[dims.length];
        for (int i = 0; i < dims.length; i++) {
            dimensions[i] = new PVAStructure("", "dimension_t", new PVAInt("size", dims[i]), new PVAInt("offset", 0),
                    new PVAInt("fullSize", dims[i]), new PVAInt("binning", 1), new PVABool("reverse", false));
        }
        PVAStructure attrType = new PVAStructure("", "epics:nt/NTAttribute:1.0", new PVAString("name"),
                new PVAny("value"), new PVAString("descriptor"), new PVAInt("sourceType", 0), new PVAString("source"));
        return new PVAStructure("", "epics:nt/NTNDArray:1.0", value,
                new PVAStructure("codec", "codec_t", new PVAString("name", codec),
                        new PVAny("parameters", new PVAInt("", scalarType))),
                new PVALong("compressedSize", false, compressed), new PVALong("uncompressedSize", false, uncompressed),
                new PVAStructureArray("dimension", dimType, dimensions), new PVAInt("uniqueId", id),
                time("dataTimeStamp", 1_700_000_000L + id, 500_000_000),
                new PVAStructureArray("attribute", attrType, attributes.toArray(new PVAStructure[0])),
                new PVAString("descriptor", ""),
                new PVAStructure("alarm", "alarm_t", new PVAInt("severity", 0), new PVAInt("status", 0),
                        new PVAString("message", "")),
                time("timeStamp", System.currentTimeMillis() / 1000, 0),
                new PVAStructure("display", "display_t", new PVADouble("limitLow", 0), new PVADouble("limitHigh", 0),
                        new PVAString("description", ""), new PVAString("format", ""), new PVAString("units", "")));
    }

    private static PVAStructure time(String name, long seconds, int nanos) {
        return new PVAStructure(name, "time_t", new PVALong("secondsPastEpoch", false, seconds),
                new PVAInt("nanoseconds", nanos), new PVAInt("userTag", 0));
    }

    /** A PV that is no NTNDArray: a table of two columns, as an NTTable would serve it. */
    public static PVAStructure table(int row) {
        return new PVAStructure("", "epics:nt/NTTable:1.0", new PVAStringArray("labels", "x", "y"),
                new PVAStructure("value", "", new PVADoubleArray("x", row, row + 1),
                        new PVADoubleArray("y", row * 2, row * 2 + 1)));
    }
}
