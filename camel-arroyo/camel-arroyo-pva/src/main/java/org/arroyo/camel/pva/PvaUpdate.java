package org.arroyo.camel.pva;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;

/**
 * One monitor update, read out of core-pva's structure on the client's receive thread (which reuses the structure but
 * not the arrays in it), waiting for the route. It becomes an Event on the consumer's thread, its NDArray reading
 * core-pva's array in place (a compressed frame is decompressed there), so the receive thread does no more than
 * core-pva's own client does; or it holds why it cannot become one.
 *
 * @param uniqueId the NTNDArray's uniqueId, null for other PVs
 * @param metadata the Event's metadata
 * @param dtype    the elements' dtype (uncompressed), null for an Event without an array
 * @param shape    the C-order shape
 * @param elements the primitive array core-pva decoded (the compressed bytes when codec is set)
 * @param codec    NDPluginCodec's codec.name for a compressed frame, else null
 * @param bytes    the size received, for the counters
 * @param text     core-pva's rendering of the update, kept for an update that failed
 * @param error    why the update cannot become an Event, else null
 */
record PvaUpdate(Integer uniqueId, Map<String, Object> metadata, String arrayName, DType dtype, int[] shape,
                 Object elements, String codec, long bytes, String text, CodecException error) {

    static PvaUpdate failed(CodecException error, String text, long bytes) {
        return new PvaUpdate(null, Map.of(), null, null, null, null, null, bytes, text, error);
    }

    /** The Event, decompressing the frame first when it is compressed; a CodecException when that fails. */
    Event toEvent(String describe) {
        if (dtype == null) {
            return Event.ofMetadata(metadata);
        }
        if (codec == null) {
            return Event.ofArray(metadata, arrayName, PvaArrays.ndArray(dtype, shape, elements));
        }
        ByteBuffer data;
        try {
            data = NdCodecs.decompress(codec, PvaArrays.bytes(elements), dtype, NDArray.elementCount(shape));
        } catch (IllegalArgumentException e) {
            throw new CodecException(describe + ": frame " + uniqueId + " (codec " + codec + ", " + bytes
                                     + " bytes, " + dtype + " " + Arrays.toString(shape) + ") refused: "
                                     + e.getMessage(), e);
        }
        return Event.ofArray(metadata, arrayName, NDArray.wrap(dtype, shape, data.order(), data));
    }
}
