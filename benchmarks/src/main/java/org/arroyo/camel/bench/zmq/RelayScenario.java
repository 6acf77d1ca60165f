package org.arroyo.camel.bench.zmq;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.HdrHistogram.Histogram;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.bench.Alternation;
import org.arroyo.camel.bench.Mode;
import org.arroyo.camel.bench.Ports;
import org.arroyo.camel.bench.Row;
import org.zeromq.SocketType;
import org.zeromq.ZContext;

/**
 * Scenario 1, the relay hop PUSH -> [PULL -> identity -> PUSH] -> PULL, with the middle as a raw JeroMQ thread, an
 * arroyo-zmq Java DSL route and the same route from YAML (codec raw). Saturation throughput per size, then latency
 * percentiles at a fixed offered rate. The harness's source and sink bind (they stay up); every middle connects.
 */
public final class RelayScenario {

    // -Dbench.variants=java (e.g. for a profiler run of one variant) narrows the set
    static final List<String> VARIANTS = List.of(System.getProperty("bench.variants", "raw,java,yaml,batch").split(","));
    static final long FIRST_MESSAGE_TIMEOUT_MILLIS = 15_000;

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
        try {
            s.camel.getShutdownStrategy().setTimeout(10);
            if (Boolean.getBoolean("bench.pooled")) {
                // Camel's pooled exchanges (camel.main.exchangeFactory=pooled): fewer allocations per message
                s.camel.getCamelContextExtension().setExchangeFactory(
                        new org.apache.camel.impl.engine.PooledExchangeFactory());
            }
            s.camel.start();
            for (int size : sizes(mode)) {
                s.throughput(size);
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
                out.accept(new Row("zmq relay (Java DSL, batchSize=64)", label, metric, get(m, "batch", metric),
                        get(m, "raw", metric)));
            }
            out.accept(new Row("zmq relay YAML vs Java DSL", label, "msgs/s (raw col = Java)",
                    get(m, "yaml", "msgs/s"), get(m, "java", "msgs/s")));
        } catch (Exception e) {
            out.accept(Row.failed("zmq relay", label, e.getMessage()));
        }
    }

    private Map<String, Double> saturate(String variant, int size) throws Exception {
        int hwm = hwm(size);
        String a = "tcp://127.0.0.1:" + Ports.free();
        String b = "tcp://127.0.0.1:" + Ports.free();
        Ends.Sink sink = new Ends.Sink(harness, SocketType.PULL, b, hwm, 0, false);
        Ends.Source source = Ends.Source.saturating(harness, a, hwm, size);
        try (sink; source; Hop hop = hop(variant, a, b, hwm)) {
            sink.start();
            source.start();
            hop.start();
            awaitFirst(sink, variant);
            Thread.sleep(mode.warmupMillis());
            long t0 = System.nanoTime();
            long m0 = sink.messages.get();
            long b0 = sink.bytes.get();
            Thread.sleep(mode.measureMillis());
            double secs = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> r = new LinkedHashMap<>();
            r.put("msgs/s", (sink.messages.get() - m0) / secs);
            r.put("bytes/s", (sink.bytes.get() - b0) / secs);
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
            awaitFirst(sink, variant);
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
        // "batch": the same route with the consumer passing up to 64 already-queued messages per exchange
        String from = "arroyo-zmq:" + in + "?socketType=PULL&mode=CONNECT&codec=raw&receiveHighWaterMark=" + hwm
                      + (variant.equals("batch") ? "&batchSize=64" : "");
        String to = "arroyo-zmq:" + outAddr + "?socketType=PUSH&codec=raw&sendHighWaterMark=" + hwm
                    + "&sendQueueSize=" + Math.min(100, hwm);
        return new CamelHop(camel, variant.equals("yaml"), from, to);
    }

    static double get(Map<String, Map<String, Double>> m, String variant, String metric) {
        return m.getOrDefault(variant, Map.of()).getOrDefault(metric, Double.NaN);
    }

    static void awaitFirst(Ends.Sink sink, String variant) throws InterruptedException {
        if (!sink.awaitFirst(FIRST_MESSAGE_TIMEOUT_MILLIS)) {
            throw new IllegalStateException(variant + ": no message through the hop within "
                                            + FIRST_MESSAGE_TIMEOUT_MILLIS / 1000 + " s");
        }
    }
}
