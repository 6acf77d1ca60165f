package org.arroyo.camel.bench.zmq;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.HdrHistogram.Histogram;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.bench.Allocation;
import org.arroyo.camel.bench.Alternation;
import org.arroyo.camel.bench.Mode;
import org.arroyo.camel.bench.Ports;
import org.arroyo.camel.bench.Retained;
import org.arroyo.camel.bench.Row;
import org.arroyo.camel.codec.MsgpackCodec;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NDArray;
import org.arroyo.camel.view.ArroyoViewComponent;
import org.zeromq.SocketType;
import org.zeromq.ZContext;

/**
 * Scenario 1, the relay hop PUSH -> [PULL -> identity -> PUSH] -> PULL, with the middle as a raw JeroMQ thread, an
 * arroyo-zmq Java DSL route and the same route from YAML (codec raw). Saturation throughput per size, then latency
 * percentiles at a fixed offered rate. The harness's source and sink bind (they stay up); every middle connects.
 * Beside them in the same alternation, the Java DSL route with a live view before its publisher and a page
 * connected; and for frames of 1 MiB and more, msgpack frames through the decoding relay with and without a view
 * that renders them.
 */
public final class RelayScenario {

    // -Dbench.variants=java (e.g. for a profiler run of one variant) narrows the set
    static final List<String> VARIANTS = List.of(System.getProperty("bench.variants", "raw,floor,java,yaml,batch,view")
            .split(","));
    /** The frame relay with and without a live view (sizes of 1 MiB and up): msgpack frames, decoded and encoded. */
    static final List<String> FRAME_VARIANTS = List.of("frames", "frames-view");
    static final long FIRST_MESSAGE_TIMEOUT_MILLIS = 15_000;
    /** The relay (codec raw) with a live view and a connected page; its raw column is the same relay without. */
    public static final String VIEW_ROW = "zmq relay + live view (Java DSL)";
    /** msgpack frames through a decoding relay, with a view rendering them for a page; raw column: without. */
    public static final String FRAMES_VIEW_ROW = "zmq frames (msgpack) + live view";
    /** Camel's engine with nothing of ours: a bare consumer and one plain JeroMQ send step ({@link FloorHop}). */
    public static final String FLOOR_ROW = "zmq relay (Camel floor)";
    /** The Java DSL relay against that floor: how much of a route's cost is ours. */
    public static final String OVER_FLOOR_ROW = "zmq relay Java DSL vs Camel floor";

    private final Mode mode;
    private final Consumer<Row> out;
    private final ZContext harness = new ZContext(1);
    private final CamelContext camel = new DefaultCamelContext();

    private RelayScenario(Mode mode, Consumer<Row> out) {
        this.mode = mode;
        this.out = out;
    }

    public static void run(Mode mode, Consumer<Row> out) {
        RelayScenario s = new RelayScenario(mode, out);
        long heapBefore = -1;
        long directBefore = -1;
        try {
            s.camel.getShutdownStrategy().setTimeout(10);
            if (Boolean.getBoolean("bench.pooled")) {
                // Camel's pooled exchanges (camel.main.exchangeFactory=pooled): fewer allocations per message
                s.camel.getCamelContextExtension().setExchangeFactory(
                        new org.apache.camel.impl.engine.PooledExchangeFactory());
            }
            // the live view rows: its page server on any free port
            ArroyoViewComponent view = new ArroyoViewComponent();
            view.setServerPort(0);
            s.camel.addComponent("arroyo-view", view);
            s.camel.start();
            heapBefore = Retained.heapBytes();
            directBefore = Retained.directBytes();
            for (int size : sizes(mode)) {
                s.throughput(size);
            }
            // every variant's route and sockets are gone again: the heap and direct memory should be back too
            retained(out, "the rounds done", heapBefore, directBefore);
            for (int size : sizes(mode)) {
                // the demo's frames are 4 MiB; the full run adds 1 MiB
                boolean frames = mode.name().equals("full") ? size >= 1 << 20 : size >= 4 << 20;
                if (frames && VARIANTS.contains("view")) {
                    s.frameThroughput(size);
                }
            }
            for (int[] point : Boolean.parseBoolean(System.getProperty("bench.latency", "true"))
                    ? mode.latencyPoints() : List.<int[]>of()) {
                s.latency(point[0], point[1]);
            }
        } catch (Exception e) {
            out.accept(Row.failed("zmq relay", "-", "set-up: " + e));
        } finally {
            s.camel.stop();
            s.harness.close();
        }
        if (heapBefore >= 0) {
            try {
                // with Camel and the harness's ZeroMQ context closed too: what their caches held is let go
                retained(out, "Camel and the harness closed", heapBefore, directBefore);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void retained(Consumer<Row> out, String when, long heapBefore, long directBefore)
            throws InterruptedException {
        out.accept(new Row(RETAINED_ROW, when, "heap MB after GC (ours col = now, raw col = before the rounds)",
                Retained.heapBytes() / 1e6, heapBefore / 1e6));
        out.accept(new Row(RETAINED_ROW, when, "direct MB after GC (ours col = now, raw col = before the rounds)",
                Retained.directBytes() / 1e6, directBefore / 1e6));
    }

    /** The mode's sizes, or -Dbench.sizes=64,1048576 (bytes) for a narrower run; -Dbench.latency=false skips latency. */
    static List<Integer> sizes(Mode mode) {
        String only = System.getProperty("bench.sizes");
        return only == null ? mode.relaySizes() : java.util.Arrays.stream(only.split(",")).map(Integer::valueOf).toList();
    }

    /** Queue depths that keep a few frames in flight without holding gigabytes at 4 MiB. */
    static int hwm(int size) {
        return (int) Math.max(4, Math.min(1000, (32L << 20) / size));
    }

    private void throughput(int size) {
        String label = Ports.sizeLabel(size);
        try {
            Map<String, Map<String, Double>> m = Alternation.run(VARIANTS, mode.rounds(), v -> saturate(v, size));
            for (String metric : List.of("msgs/s", "bytes/s")) {
                out.accept(new Row("zmq relay (Java DSL)", label, metric, get(m, "java", metric),
                        get(m, "raw", metric)));
                out.accept(new Row("zmq relay (YAML)", label, metric, get(m, "yaml", metric),
                        get(m, "raw", metric)));
                out.accept(new Row("zmq relay (Java DSL, batching=true)", label, metric, get(m, "batch", metric),
                        get(m, "raw", metric)));
            }
            for (String metric : List.of("msgs/s", "bytes/s")) {
                out.accept(new Row(FLOOR_ROW, label, metric, get(m, "floor", metric), get(m, "raw", metric)));
            }
            // what the hop allocates per message shows as ours minus raw (source and sink are the same); a frame's
            // size here means a fresh buffer per received frame
            out.accept(new Row("zmq relay (Java DSL)", label, ALLOC, get(m, "java", ALLOC), get(m, "raw", ALLOC)));
            out.accept(new Row(FLOOR_ROW, label, ALLOC, get(m, "floor", ALLOC), get(m, "raw", ALLOC)));
            out.accept(new Row(OVER_FLOOR_ROW, label, "msgs/s (raw col = floor)", get(m, "java", "msgs/s"),
                    get(m, "floor", "msgs/s")));
            out.accept(new Row("zmq relay YAML vs Java DSL", label, "msgs/s (raw col = Java)",
                    get(m, "yaml", "msgs/s"), get(m, "java", "msgs/s")));
            for (String metric : List.of("msgs/s", "bytes/s")) {
                out.accept(new Row(VIEW_ROW, label, metric + " (raw col = no view)", get(m, "view", metric),
                        get(m, "java", metric)));
            }
        } catch (Exception e) {
            out.accept(Row.failed("zmq relay", label, e.getMessage()));
        }
    }

    /**
     * Frames through a decoding relay (msgpack in and out, as the demo's pipeline reads them) with and without a
     * live view that renders them for a connected page.
     */
    private void frameThroughput(int size) {
        String label = Ports.sizeLabel(size);
        try {
            byte[] frame = msgpackFrame(size);
            Map<String, Map<String, Double>> m = Alternation.run(FRAME_VARIANTS, mode.rounds(),
                    v -> saturate(v, size, frame));
            for (String metric : List.of("msgs/s", "bytes/s")) {
                out.accept(new Row(FRAMES_VIEW_ROW, label, metric + " (raw col = no view)",
                        get(m, "frames-view", metric), get(m, "frames", metric)));
            }
            // the view was at work: frames rendered and received by the page (at most the update rate)
            out.accept(new Row(FRAMES_VIEW_ROW, label, "page frames/s", get(m, "frames-view", "page frames/s"),
                    Double.NaN));
        } catch (Exception e) {
            out.accept(Row.failed(FRAMES_VIEW_ROW, label, e.getMessage()));
        }
    }

    /** One msgpack event (arroyosas's format) holding a square uint32 image of about {@code size} bytes. */
    static byte[] msgpackFrame(int size) {
        int side = (int) Math.sqrt(size / 4.0);
        int[] pixels = new int[side * side];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i % side) * 3 + (i / side) * 5;
        }
        Event e = Event.ofArray(Map.of("frame_number", 1L), "image", NDArray.ofInts(DType.UINT32, pixels, side, side));
        ByteBuffer encoded = new MsgpackCodec().encode(e).get(0);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    private Map<String, Double> saturate(String variant, int size) throws Exception {
        return saturate(variant, size, null);
    }

    private Map<String, Double> saturate(String variant, int size, byte[] message) throws Exception {
        String a = "tcp://127.0.0.1:" + Ports.free();
        String b = "tcp://127.0.0.1:" + Ports.free();
        Ends.Source source = message == null ? Ends.Source.saturating(harness, a, hwm(size), size)
                : Ends.Source.repeating(harness, a, hwm(size), message);
        return saturate(mode, variant, source, new Ends.Sink(harness, SocketType.PULL, b, hwm(size), 0, false),
                hop(variant, a, b, hwm(size)), FIRST_MESSAGE_TIMEOUT_MILLIS);
    }

    /**
     * One saturation trial of a hop between the harness's source and sink: after the first message and the warm-up,
     * msgs/s and bytes/s at the sink over the mode's window.
     */
    /** Bytes this JVM allocated per message relayed (source, hop and sink together). */
    static final String ALLOC = "alloc B/msg (JVM: source + hop + sink)";
    static final String RETAINED_ROW = "retained after the relay rounds";

    static Map<String, Double> saturate(Mode mode, String variant, Ends.Source source, Ends.Sink sink, Hop hop,
                                        long firstMessageMillis) throws Exception {
        try (sink; source; hop) {
            sink.start();
            source.start();
            hop.start();
            awaitFirst(sink, variant, firstMessageMillis);
            Thread.sleep(mode.warmupMillis());
            long t0 = System.nanoTime();
            long m0 = sink.messages.get();
            long b0 = sink.bytes.get();
            long p0 = hop instanceof ViewedHop v ? v.frames() : 0;
            long a0 = Allocation.allocatedBytes();
            Thread.sleep(mode.measureMillis());
            double secs = (System.nanoTime() - t0) / 1e9;
            long messages = sink.messages.get() - m0;
            Map<String, Double> r = new LinkedHashMap<>();
            r.put("msgs/s", messages / secs);
            r.put("bytes/s", (sink.bytes.get() - b0) / secs);
            r.put(ALLOC, messages > 0 ? (double) (Allocation.allocatedBytes() - a0) / messages : Double.NaN);
            if (hop instanceof ViewedHop v) {
                r.put("page frames/s", (v.frames() - p0) / secs);
            }
            return r;
        }
    }

    private void latency(int size, int hz) {
        String label = Ports.sizeLabel(size) + " @" + (hz >= 1000 ? hz / 1000 + " kHz" : hz + " Hz");
        try {
            Map<String, Map<String, Double>> m = Alternation.run(VARIANTS, mode.noisyRounds(), v -> paced(v, size, hz));
            for (String metric : List.of("p50 us", "p99 us", "p99.9 us")) {
                out.accept(new Row("zmq relay latency (Java DSL)", label, metric, get(m, "java", metric),
                        get(m, "raw", metric)));
                out.accept(new Row("zmq relay latency (YAML)", label, metric, get(m, "yaml", metric),
                        get(m, "raw", metric)));
            }
        } catch (Exception e) {
            out.accept(Row.failed("zmq relay latency", label, e.getMessage()));
        }
    }

    private Map<String, Double> paced(String variant, int size, int hz) throws Exception {
        int hwm = hwm(size);
        String a = "tcp://127.0.0.1:" + Ports.free();
        String b = "tcp://127.0.0.1:" + Ports.free();
        Ends.Sink sink = new Ends.Sink(harness, SocketType.PULL, b, hwm, 0, true);
        Ends.Source source = Ends.Source.paced(harness, a, hwm, size, hz);
        try (sink; source; Hop hop = hop(variant, a, b, hwm)) {
            sink.start();
            hop.start();
            // the source starts its schedule once the hop is connected, so the first messages do not queue behind
            // the handshake
            Thread.sleep(200);
            source.start();
            awaitFirst(sink, variant, FIRST_MESSAGE_TIMEOUT_MILLIS);
            Thread.sleep(mode.warmupMillis());
            sink.latency().getIntervalHistogram();
            Thread.sleep(mode.latencyMillis());
            Histogram h = sink.latency().getIntervalHistogram();
            if (h.getTotalCount() == 0) {
                throw new IllegalStateException(variant + ": no message arrived during the latency window");
            }
            Map<String, Double> r = new LinkedHashMap<>();
            r.put("p50 us", h.getValueAtPercentile(50) / 1e3);
            r.put("p99 us", h.getValueAtPercentile(99) / 1e3);
            r.put("p99.9 us", h.getValueAtPercentile(99.9) / 1e3);
            return r;
        }
    }

    private Hop hop(String variant, String in, String outAddr, int hwm) {
        if (variant.equals("raw")) {
            return new RawHop(in, outAddr, SocketType.PUSH, hwm);
        }
        if (variant.equals("floor")) {
            return new FloorHop(camel, in, outAddr, hwm);
        }
        // "batch": the same route with the consumer passing up to 64 already-queued messages per exchange
        String codec = variant.startsWith("frames") ? "msgpack" : "raw";
        String from = "arroyo-zmq:" + in + "?socketType=PULL&mode=CONNECT&codec=" + codec + "&receiveHighWaterMark=" + hwm
                      + (variant.equals("batch") ? "&batching=true&batchSize=64" : "");
        String to = "arroyo-zmq:" + outAddr + "?socketType=PUSH&codec=" + codec + "&sendHighWaterMark=" + hwm
                    + "&sendQueueSize=" + Math.min(100, hwm);
        if (variant.equals("view") || variant.equals("frames-view")) {
            return new ViewedHop(camel, from, "relay-bench", to);
        }
        return new CamelHop(camel, variant.equals("yaml"), from, to);
    }

    static double get(Map<String, Map<String, Double>> m, String variant, String metric) {
        return m.getOrDefault(variant, Map.of()).getOrDefault(metric, Double.NaN);
    }

    static void awaitFirst(Ends.Sink sink, String variant, long millis) throws InterruptedException {
        if (!sink.awaitFirst(millis)) {
            throw new IllegalStateException(variant + ": no message through the hop within " + millis + " ms");
        }
    }
}
