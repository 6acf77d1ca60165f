package org.arroyo.camel.runner;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

import org.apache.camel.ProducerTemplate;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;

/**
 * A simulated SAS detector: Start, N uint32 frames of scattering rings with counting noise and module gaps, Stop.
 * A few noisy variants are made up front and cycled, so the simulator itself never limits the rate.
 */
final class SimulatedDetector {

    static final int HEIGHT = 1024;
    static final int WIDTH = 1026;
    static final int GAP_ROW_START = 195;
    static final int GAP_ROWS = 17;
    private static final int VARIANTS = 4;

    private final NDArray[] frames = new NDArray[VARIANTS];

    SimulatedDetector(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] base = rings();
        for (int v = 0; v < VARIANTS; v++) {
            ByteBuffer data = ByteBuffer.allocate(HEIGHT * WIDTH * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < base.length; i++) {
                int row = i / WIDTH;
                boolean gap = row >= GAP_ROW_START && row < GAP_ROW_START + GAP_ROWS;
                // counting noise: Gaussian approximation of Poisson, sigma = sqrt(mean)
                long counts = gap ? 0xFFFFFFFFL
                        : Math.max(0, Math.round(base[i] + Math.sqrt(base[i]) * gaussian(random)));
                data.putInt(i * 4, (int) counts);
            }
            frames[v] = NDArray.wrap(DType.UINT32, new int[] { HEIGHT, WIDTH }, ByteOrder.LITTLE_ENDIAN, data);
        }
    }

    /** Mean counts per pixel: a direct-beam halo plus three Debye-Scherrer rings around the beam centre. */
    private static double[] rings() {
        double cx = WIDTH / 2.0;
        double cy = HEIGHT / 2.0 + 40;
        double[] radii = { 120, 240, 360 };
        double[] base = new double[HEIGHT * WIDTH];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double r = Math.hypot(x - cx, y - cy);
                double value = 20 + 3000 * Math.exp(-r / 60);
                for (double ring : radii) {
                    double d = r - ring;
                    value += 600 * Math.exp(-d * d / (2 * 36)) * (ring / 120);
                }
                base[y * WIDTH + x] = value;
            }
        }
        return base;
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble(1e-12, 1.0);
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    NDArray frame(long index) {
        return frames[(int) (index % VARIANTS)];
    }

    static long frameBytes() {
        return (long) HEIGHT * WIDTH * 4;
    }

    /**
     * Sends one run to the endpoint; a rate above 0 paces the frames (frames per second). When {@code stopEarly}
     * turns true the run ends at once with its Stop, counting the frames sent.
     */
    void sendRun(ProducerTemplate template, String uri, String runName, int count, double rate,
                 java.util.function.LongConsumer onFrame, java.util.function.BooleanSupplier stopEarly) {
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("run_name", runName);
        start.put("run_id", java.util.UUID.randomUUID().toString());
        start.put("width", (long) WIDTH);
        start.put("height", (long) HEIGHT);
        start.put("data_type", "uint32");
        start.put("tiled_url", "http://localhost/demo/" + runName);
        template.sendBody(uri, Start.of(start));
        long period = rate > 0 ? (long) (1e9 / rate) : 0;
        long next = System.nanoTime();
        int sentFrames = 0;
        for (int i = 0; i < count && !stopEarly.getAsBoolean(); i++) {
            if (period > 0) {
                next += period;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("frame_number", (long) i);
            meta.put("tiled_url", "http://localhost/demo/" + runName + "/" + i);
            template.sendBody(uri, Event.ofArray(meta, "image", frame(i)));
            sentFrames++;
            onFrame.accept(i + 1L);
        }
        template.sendBody(uri, Stop.of(Map.of("num_frames", (long) sentFrames)));
    }
}
