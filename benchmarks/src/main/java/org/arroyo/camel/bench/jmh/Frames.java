package org.arroyo.camel.bench.jmh;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.codec.MsgpackMultipartCodec;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;

/** The test frames of the micro-benchmarks, encoded once with our own codecs into plain heap arrays. */
final class Frames {

    static final int SAS_ROWS = 1679;
    static final int SAS_COLS = 1475;
    static final int[] TIMEPIX_SHAPE = { 256, 256, 100 };

    private Frames() {
    }

    /** uint32 little-endian counts with the Pilatus gap marker (0xFFFFFFFF) on every 100th pixel. */
    static byte[] pixels(long count) {
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(count * 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < count; i++) {
            b.putInt(i % 100 == 99 ? -1 : (int) ((i * 2654435761L) % 5000));
        }
        return b.array();
    }

    static NDArray sasArray() {
        return NDArray.wrap(DType.UINT32, new int[] { SAS_ROWS, SAS_COLS }, ByteOrder.LITTLE_ENDIAN,
                pixels((long) SAS_ROWS * SAS_COLS));
    }

    /** One arroyosas event frame: msg_type, frame_number, tiled_url and the image. */
    static byte[] sasMsgpack() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("frame_number", 42L);
        meta.put("tiled_url", "http://tiled/api/v1/array/full/raw/frame");
        return bytes(new MsgpackCodec().encode(Event.ofArray(meta, "image", sasArray())).get(0));
    }

    /** One Timepix event: the msgpack header frame and the data frame. */
    static byte[][] timepixMultipart() {
        NDArray array = NDArray.wrap(DType.UINT32, TIMEPIX_SHAPE, ByteOrder.LITTLE_ENDIAN,
                pixels(NDArray.elementCount(TIMEPIX_SHAPE)));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("timestamp", 1.7e9);
        meta.put("flush_number", 7L);
        List<ByteBuffer> frames = new MsgpackMultipartCodec().encode(Event.ofArray(meta, "data", array));
        return new byte[][] { bytes(frames.get(0)), bytes(frames.get(1)) };
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
