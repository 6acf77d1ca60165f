package org.arroyo.camel.bluesky;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.codec.MessageDecoder;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.test.FreePorts;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run of 1000 events of 1024 x 1024 uint16 images (2 MiB each) decodes without copying a pixel: each NDArray is a
 * view of the frame it came in (a write into the frame shows through the array), decoding all 1000 allocates a tiny
 * fraction of their 2 GiB, and through an arroyo-zmq route each array is a view of JeroMQ's own (direct) receive
 * buffer.
 */
class BlueskyZeroCopyTest {

    private static final int EVENTS = 1000;
    private static final int SIDE = 1024;
    private static final int IMAGE_BYTES = SIDE * SIDE * 2;

    /** Event i's image: pixel 0 holds i, pixel 1 holds 7, the rest are zero. */
    private static Event event(int i) {
        ByteBuffer pixels = ByteBuffer.allocate(IMAGE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        pixels.putShort(0, (short) i).putShort(2, (short) 7);
        return Event.ofArray(Map.of("frame_number", (long) i), "image",
                NDArray.wrap(DType.UINT16, new int[] { SIDE, SIDE }, ByteOrder.LITTLE_ENDIAN, pixels));
    }

    /** Where the image's bytes start in a frame: after the msgpack bin32 header of exactly IMAGE_BYTES. */
    private static int pixelsAt(ByteBuffer frame) {
        byte[] header = { (byte) 0xc6, 0, (byte) (IMAGE_BYTES >>> 16), 0, 0 };
        for (int i = frame.position(); i + header.length < frame.limit(); i++) {
            boolean match = true;
            for (int j = 0; j < header.length && match; j++) {
                match = frame.get(i + j) == header[j];
            }
            if (match) {
                return i + header.length;
            }
        }
        throw new AssertionError("no image in the frame");
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void aThousandImagesDecodeAsViewsOfTheirFrames() {
        for (BlueskyCodec codec : List.of(new BlueskyZmqMsgpackCodec(), new BlueskyKafkaCodec())) {
            MessageDecoder decoder = codec.newDecoder();
            codec.encodeAll(Start.of(Map.of()));
            long decodingAllocated = 0;
            for (int i = 0; i < EVENTS; i++) {
                List<List<ByteBuffer>> frames = codec.encodeAll(event(i));
                ByteBuffer frame = frames.get(frames.size() - 1).get(0);
                if (frames.size() == 2) {
                    assertEquals(List.of(), decoder.decodeAll(frames.get(0)), "the descriptor");
                }
                long before = allocatedByThisThread();
                List<ArroyoMessage> decoded = decoder.decodeAll(List.of(frame));
                decodingAllocated += allocatedByThisThread() - before;
                NDArray image = ((Event) decoded.get(0)).getArray("image");
                assertEquals(i, image.getDouble(0), codec.name() + " event " + i);
                assertEquals(7.0, image.getDouble(1));
                // the array reads the frame itself: a write into the frame shows through
                frame.duplicate().order(ByteOrder.LITTLE_ENDIAN).putShort(pixelsAt(frame) + 2, (short) 4242);
                assertEquals(4242.0, image.getDouble(1), codec.name() + " event " + i + " is a view of its frame");
            }
            long copies = (long) EVENTS * IMAGE_BYTES;
            assertTrue(decodingAllocated < copies / 64, codec.name() + ": decoding allocated " + decodingAllocated
                                                        + " bytes; copying the images would take " + copies);
        }
    }

    @Test
    void throughARouteEachImageIsAViewOfTheReceivedBuffer() throws Exception {
        String address = FreePorts.tcpAddress();
        AtomicInteger views = new AtomicInteger();
        AtomicReference<String> wrong = new AtomicReference<>();
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:detector").to("arroyo-zmq:" + address + "?socketType=PUSH&codec=bluesky-zmq-msgpack");
                    from("arroyo-zmq:" + address + "?socketType=PULL&codec=bluesky-zmq-msgpack")
                            .process(e -> {
                                if (e.getIn().getBody() instanceof Event event) {
                                    NDArray image = event.getArray("image");
                                    long n = (Long) event.get("frame_number");
                                    if (!image.data().isDirect() || image.getDouble(0) != n % 65536
                                        || image.getDouble(1) != 7.0) {
                                        wrong.compareAndSet(null, "event " + n + ": direct=" + image.data().isDirect());
                                    }
                                    views.incrementAndGet();
                                }
                            })
                            .to("mock:out");
                }
            });
            context.start();
            MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
            out.expectedMessageCount(EVENTS + 2);
            ProducerTemplate detector = context.createProducerTemplate();
            detector.sendBody("direct:detector", Start.of(Map.of("run_name", "zero-copy")));
            for (int i = 0; i < EVENTS; i++) {
                detector.sendBody("direct:detector", event(i));
            }
            detector.sendBody("direct:detector", Stop.of(Map.of()));
            MockEndpoint.assertIsSatisfied(context, 60, TimeUnit.SECONDS);
            assertNull(wrong.get(), "every image a view of JeroMQ's direct receive buffer, pixels intact");
            assertEquals(EVENTS, views.get());
            Stop stop = out.getReceivedExchanges().get(EVENTS + 1).getIn().getBody(Stop.class);
            assertEquals(Map.of("primary", (long) EVENTS), stop.get("num_events"));
        }
    }
}
