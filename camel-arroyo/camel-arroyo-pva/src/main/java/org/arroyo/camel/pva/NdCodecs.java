package org.arroyo.camel.pva;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.arroyo.camel.message.DType;

/**
 * The compressions of areaDetector's NDPluginCodec that the consumer undoes (codec.name of an NTNDArray): "lz4" (one
 * LZ4 block) and "bslz4" (bitshuffle + LZ4). Others ("blosc", "jpeg", "lz4hdf5") are refused by name.
 */
final class NdCodecs {

    static final List<String> KNOWN = List.of("lz4", "bslz4");

    private NdCodecs() {
    }

    /**
     * The frame's elements, decompressed, little-endian as areaDetector compressed them on its (little-endian) IOC.
     *
     * @throws IllegalArgumentException naming the codec when it is unknown or the data is corrupt
     */
    static ByteBuffer decompress(String codec, ByteBuffer compressed, DType dtype, long elements) {
        long bytes = elements * dtype.itemSize();
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(elements + " elements of " + dtype + " do not fit one array");
        }
        byte[] out = switch (codec) {
            case "lz4" -> {
                byte[] plain = new byte[(int) bytes];
                Lz4Block.decompress(compressed, compressed.position(), compressed.remaining(), plain, 0, plain.length);
                yield plain;
            }
            case "bslz4" -> BitshuffleLz4.decompress(compressed, elements, dtype.itemSize());
            default -> throw new IllegalArgumentException("codec '" + codec + "' is not supported (supported: "
                                                          + String.join(", ", KNOWN) + ")");
        };
        return ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    }
}
