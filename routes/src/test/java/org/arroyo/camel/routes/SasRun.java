package org.arroyo.camel.routes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.codec.PackedFrames;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.operator.RoiCutOperator;

/**
 * A run as arroyosas writes it (msgpack: Start, SAS frames of uint32 counts with scattering rings, noise and a module
 * gap, Stop), each frame different, and what the ready routes' ROI cut makes of it, encoded: the bytes a route must
 * publish, message for message.
 */
final class SasRun {

    static final int HEIGHT = 64;
    static final int WIDTH = 64;

    private final List<ArroyoMessage> messages = new ArrayList<>();

    SasRun(String runName, int frames, long seed) {
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("run_name", runName);
        start.put("run_id", runName + "-" + seed);
        start.put("width", (long) WIDTH);
        start.put("height", (long) HEIGHT);
        start.put("data_type", "uint32");
        start.put("tiled_url", "http://localhost/it/" + runName);
        messages.add(Start.of(start));
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < frames; i++) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("frame_number", (long) i);
            meta.put("tiled_url", "http://localhost/it/" + runName + "/" + i);
            messages.add(Event.ofArray(meta, "image", frame(random)));
        }
        messages.add(Stop.of(Map.of("num_frames", (long) frames)));
    }

    private static NDArray frame(SplittableRandom random) {
        ByteBuffer data = ByteBuffer.allocate(HEIGHT * WIDTH * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double r = Math.hypot(x - WIDTH / 2.0, y - HEIGHT / 2.0 - 4);
                double mean = 20 + 3000 * Math.exp(-r / 6) + 600 * Math.exp(-(r - 20) * (r - 20) / 8);
                boolean gap = y >= 20 && y < 22;
                long counts = gap ? 0xFFFFFFFFL : Math.max(0, Math.round(mean + Math.sqrt(mean)
                                                                                * (random.nextDouble() * 2 - 1)));
                data.putInt((y * WIDTH + x) * 4, (int) counts);
            }
        }
        return NDArray.wrap(DType.UINT32, new int[] { HEIGHT, WIDTH }, ByteOrder.LITTLE_ENDIAN, data);
    }

    List<ArroyoMessage> messages() {
        return messages;
    }

    /** Each message as the msgpack codec writes it: what a detector sends. */
    List<byte[]> encoded() {
        return encode(messages);
    }

    /** What RoiCutOperator (the ready routes' defaults: bandHeight 10, includeFrame) makes of the run, encoded. */
    List<byte[]> reducedEncoded() throws Exception {
        RoiCutOperator roiCut = new RoiCutOperator();
        List<ArroyoMessage> results = new ArrayList<>();
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            for (ArroyoMessage m : messages) {
                Exchange exchange = new DefaultExchange(context);
                exchange.getIn().setBody(m);
                roiCut.process(exchange);
                results.add(exchange.getIn().getBody(ArroyoMessage.class));
            }
        }
        return encode(results);
    }

    private static List<byte[]> encode(List<ArroyoMessage> messages) {
        MsgpackCodec codec = new MsgpackCodec();
        List<byte[]> out = new ArrayList<>(messages.size());
        for (ArroyoMessage m : messages) {
            out.add(PackedFrames.pack(codec.encode(m)));
        }
        return out;
    }
}
