package org.arroyo.camel.recording;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.codec.CodecException;
import org.arroyo.camel.codec.MessageCodec;
import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;

/**
 * {@code codec=frames}: every frame of a transport message kept apart and untouched, whatever format it holds, for
 * recording and replaying byte for byte. A message decodes to an Event whose arrays {@code f0}, {@code f1}, ... are
 * uint8 views of the frames, in order (no copy); encoding writes each array's bytes as a frame again, and a bytes
 * Event as its one frame. Start and Stop are not frames and cannot be encoded.
 */
public final class FramesCodec implements MessageCodec {

    public static final String NAME = "frames";

    @Override
    public String name() {
        return NAME;
    }

    /** The Event that stands for these frames (views, not copies). */
    public static Event event(List<ByteBuffer> frames) {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            ByteBuffer frame = frames.get(i);
            arrays.put("f" + i, NDArray.wrap(DType.UINT8, new int[] { frame.remaining() }, ByteOrder.LITTLE_ENDIAN,
                    frame));
        }
        return Event.ofArrays(Map.of(), arrays);
    }

    /** The frames an Event stands for: its arrays' bytes in order, or its opaque bytes as one frame. */
    public static List<ByteBuffer> frames(Event event) {
        if (event.hasBytes() || event.getArrays().isEmpty()) {
            return List.of(event.getPayload());
        }
        List<ByteBuffer> frames = new ArrayList<>(event.getArrays().size());
        for (NDArray array : event.getArrays().values()) {
            frames.add(array.data());
        }
        return frames;
    }

    @Override
    public List<ByteBuffer> encode(ArroyoMessage message) {
        if (message instanceof Event event) {
            return frames(event);
        }
        throw new CodecException("frames codec carries frames as they were received, not a " + message.type()
                                 + " message (replay a recording, or use a codec with message types such as msgpack)");
    }

    @Override
    public MessageDecoder newDecoder() {
        return FramesCodec::event;
    }
}
