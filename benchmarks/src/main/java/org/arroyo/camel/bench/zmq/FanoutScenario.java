package org.arroyo.camel.bench.zmq;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.bench.Alternation;
import org.arroyo.camel.bench.Mode;
import org.arroyo.camel.bench.Ports;
import org.arroyo.camel.bench.Row;
import org.zeromq.SocketType;
import org.zeromq.ZContext;

/**
 * Scenario 2, PUB fan-out: PUSH -> [PULL -> PUB] -> N SUBs, with one subscriber that sleeps 2 ms per message when
 * N > 1. ZeroMQ's rule is that PUB drops for a subscriber at its high-water mark, so the publisher's memory stays
 * bounded and the fast subscribers keep their speed; this measures that for the raw relay and for our route.
 */
public final class FanoutScenario {

    static final int SIZE = 64 * 1024;
    static final int HWM = 100;
    static final long SLOW_NANOS = 2_000_000;

    private final Mode mode;
    private final ZContext harness = new ZContext(1);
    private final CamelContext camel = new DefaultCamelContext();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    private FanoutScenario(Mode mode) {
        this.mode = mode;
    }

    public static void run(Mode mode, Consumer<Row> out) {
        FanoutScenario s = new FanoutScenario(mode);
        String label = Ports.sizeLabel(SIZE);
        try {
            s.camel.getShutdownStrategy().setTimeout(10);
            s.camel.start();
            Map<String, Map<String, Double>> one = Alternation.run(List.of("raw", "ours"), mode.rounds(),
                    v -> s.trial(v, 1));
            Map<String, Map<String, Double>> four = Alternation.run(List.of("raw", "ours"), mode.rounds(),
                    v -> s.trial(v, 4));
            out.accept(row("zmq PUB fan-out, 1 sub", label, "sub msgs/s", one, "fast"));
            out.accept(row("zmq PUB fan-out, 1 sub", label, "live heap MB", one, "heap"));
            out.accept(row("zmq PUB fan-out, 4 subs (1 slow)", label, "fast sub msgs/s (min of 3)", four, "fast"));
            out.accept(row("zmq PUB fan-out, 4 subs (1 slow)", label, "slow sub msgs/s", four, "slow"));
            out.accept(row("zmq PUB fan-out, 4 subs (1 slow)", label, "live heap MB", four, "heap"));
            out.accept(row("zmq PUB fan-out, 4 subs (1 slow)", label, "peak heap MB", four, "peak"));
            // "others keep full speed": each variant's fast-subscriber rate with the slow one present vs alone
            out.accept(new Row("zmq PUB fan-out, fast 4 subs / 1 sub", label, "ratio (ours col / raw col)",
                    four.get("ours").get("fast") / one.get("ours").get("fast"),
                    four.get("raw").get("fast") / one.get("raw").get("fast")));
        } catch (Exception e) {
            out.accept(Row.failed("zmq PUB fan-out", label, String.valueOf(e.getMessage())));
        } finally {
            s.camel.stop();
            s.harness.close();
        }
    }

    private static Row row(String scenario, String label, String metric, Map<String, Map<String, Double>> m,
                           String key) {
        return new Row(scenario, label, metric, m.get("ours").get(key), m.get("raw").get(key));
    }

    private Map<String, Double> trial(String variant, int subscribers) throws Exception {
        String a = "tcp://127.0.0.1:" + Ports.free();
        String p = "tcp://127.0.0.1:" + Ports.free();
        List<Ends.Sink> subs = new ArrayList<>();
        Ends.Source source = Ends.Source.saturating(harness, a, HWM, SIZE);
        Hop hop = variant.equals("raw") ? new RawHop(a, p, SocketType.PUB, HWM)
                : new CamelHop(camel, false,
                        "arroyo-zmq:" + a + "?socketType=PULL&mode=CONNECT&codec=raw&receiveHighWaterMark=" + HWM,
                        "arroyo-zmq:" + p + "?socketType=PUB&codec=raw&sendHighWaterMark=" + HWM);
        try (source; hop) {
            source.start();
            hop.start();
            for (int i = 0; i < subscribers; i++) {
                boolean slow = subscribers > 1 && i == subscribers - 1;
                Ends.Sink sub = new Ends.Sink(harness, SocketType.SUB, p, HWM, slow ? SLOW_NANOS : 0, false);
                subs.add(sub);
                sub.start();
            }
            for (Ends.Sink sub : subs) {
                RelayScenario.awaitFirst(sub, variant + " fan-out subscriber",
                        RelayScenario.FIRST_MESSAGE_TIMEOUT_MILLIS);
            }
            Thread.sleep(mode.warmupMillis());
            long[] before = counts(subs);
            long t0 = System.nanoTime();
            long peak = 0;
            long end = System.currentTimeMillis() + mode.fanoutMillis();
            while (System.currentTimeMillis() < end) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                Thread.sleep(20);
            }
            long[] after = counts(subs);
            double secs = (System.nanoTime() - t0) / 1e9;
            // live set while everything still runs: what the queues hold, not garbage
            System.gc();
            long live = memory.getHeapMemoryUsage().getUsed();
            int fastCount = subscribers > 1 ? subscribers - 1 : 1;
            double fastMin = Double.MAX_VALUE;
            for (int i = 0; i < fastCount; i++) {
                fastMin = Math.min(fastMin, (after[i] - before[i]) / secs);
            }
            Map<String, Double> r = new LinkedHashMap<>();
            r.put("fast", fastMin);
            r.put("slow", subscribers > 1 ? (after[subscribers - 1] - before[subscribers - 1]) / secs : Double.NaN);
            r.put("heap", live / 1e6);
            r.put("peak", peak / 1e6);
            return r;
        } finally {
            for (Ends.Sink sub : subs) {
                sub.close();
            }
        }
    }

    private static long[] counts(List<Ends.Sink> subs) {
        long[] c = new long[subs.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = subs.get(i).messages.get();
        }
        return c;
    }
}
