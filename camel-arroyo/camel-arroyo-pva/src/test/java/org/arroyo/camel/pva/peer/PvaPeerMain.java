package org.arroyo.camel.pva.peer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.camel.util.json.JsonObject;
import org.epics.pva.client.PVAChannel;
import org.epics.pva.client.PVAClient;
import org.epics.pva.data.PVAData;
import org.epics.pva.data.PVAInt;
import org.epics.pva.data.PVANumber;
import org.epics.pva.data.PVAString;
import org.epics.pva.data.PVAStructure;
import org.epics.pva.data.PVAStructureArray;
import org.epics.pva.data.PVAUnion;
import org.epics.pva.data.PVAny;
import org.epics.pva.server.PVAServer;
import org.epics.pva.server.ServerPV;

/**
 * The other JVM of the tests: a real core-pva server or client, configured by EPICS_PVA_* system properties.
 * <ul>
 * <li>{@code serve}: a server; commands on stdin, one reply line each on stdout ("ok ..." or "error ..."):
 * {@code ndarray PV}, {@code table PV} (create PVs), {@code frames PV COUNT WIDTH HEIGHT DTYPE CODEC FIRST_ID HZ}
 * (HZ 0: as fast as it goes), {@code blast PV COUNT WIDTH HEIGHT FIRST_ID HZ} (uint16 frames, four built ahead and
 * sent in turn with rising uniqueId: a detector at full speed), {@code wrongshape PV ID}, {@code tablerow PV ROW}, {@code close PV}, {@code quit}.</li>
 * <li>{@code read PV...}: a client monitoring the PVs, one JSON line per update on stdout, until stdin closes.</li>
 * </ul>
 */
public final class PvaPeerMain {

    private PvaPeerMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (args.length > 0 && args[0].equals("read")) {
            read(List.of(args).subList(1, args.length), out);
        } else {
            serve(out);
        }
    }

    private static void serve(PrintStream out) throws Exception {
        Map<String, ServerPV> pvs = new HashMap<>();
        try (PVAServer server = new PVAServer();
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            out.println("ready " + server.getTCPAddress(false).getPort());
            for (String line; (line = in.readLine()) != null;) {
                String[] w = line.trim().split("\\s+");
                try {
                    switch (w[0]) {
                        case "ndarray" -> pvs.put(w[1], server.createPV(w[1], NdPluginPvaFrames.empty()));
                        case "table" -> pvs.put(w[1], server.createPV(w[1], NdPluginPvaFrames.table(0)));
                        case "frames" -> frames(pvs.get(w[1]), Integer.parseInt(w[2]), Integer.parseInt(w[3]),
                                Integer.parseInt(w[4]), w[5], w[6], Integer.parseInt(w[7]), Double.parseDouble(w[8]));
                        case "blast" -> blast(pvs.get(w[1]), Integer.parseInt(w[2]), Integer.parseInt(w[3]),
                                Integer.parseInt(w[4]), Integer.parseInt(w[5]), Double.parseDouble(w[6]));
                        case "wrongshape" -> pvs.get(w[1]).update(NdPluginPvaFrames.wrongShape(Integer.parseInt(w[2]),
                                16, 8));
                        case "tablerow" -> pvs.get(w[1]).update(NdPluginPvaFrames.table(Integer.parseInt(w[2])));
                        case "close" -> pvs.remove(w[1]).close();
                        case "quit" -> {
                            out.println("ok bye");
                            return;
                        }
                        default -> throw new IllegalArgumentException("unknown command " + w[0]);
                    }
                    out.println("ok " + line);
                } catch (Exception e) {
                    out.println("error " + e);
                }
            }
        }
    }

    private static void frames(ServerPV pv, int count, int width, int height, String dtype, String codec, int first,
                               double hz) throws Exception {
        // built ahead, so that publishing is paced by the server, not by building
        List<PVAStructure> frames = new ArrayList<>();
        for (int i = 0; i < Math.min(count, 8); i++) {
            frames.add(NdPluginPvaFrames.frame(first + i, width, height, dtype, codec));
        }
        long period = hz > 0 ? (long) (1e9 / hz) : 0;
        long next = System.nanoTime();
        for (int i = 0; i < count; i++) {
            PVAStructure frame = i < frames.size() ? frames.get(i)
                    : NdPluginPvaFrames.frame(first + i, width, height, dtype, codec);
            pv.update(frame);
            if (period > 0) {
                next += period;
                long wait;
                while ((wait = next - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
    }

    private static void blast(ServerPV pv, int count, int width, int height, int first, double hz) throws Exception {
        List<PVAStructure> frames = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            frames.add(NdPluginPvaFrames.frame(first + i, width, height, "uint16", "none"));
        }
        long period = hz > 0 ? (long) (1e9 / hz) : 0;
        long next = System.nanoTime();
        for (int i = 0; i < count; i++) {
            PVAStructure frame = frames.get(i % frames.size());
            ((PVAInt) frame.get("uniqueId")).set(first + i);
            pv.update(frame);
            if (period > 0) {
                next += period;
                long wait;
                while ((wait = next - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
    }

    private static void read(List<String> names, PrintStream out) throws Exception {
        try (PVAClient client = new PVAClient()) {
            List<AutoCloseable> subscriptions = new ArrayList<>();
            for (String name : names) {
                PVAChannel channel = client.getChannel(name, (c, state) -> { });
                channel.connect().get(30, TimeUnit.SECONDS);
                subscriptions.add(channel.subscribe("", (c, changes, overruns, data) -> {
                    if (data != null) {
                        out.println(describe(name, data).toJson());
                    }
                }));
            }
            out.println("{\"subscribed\":" + names.size() + "}");
            // until the test closes stdin
            CountDownLatch done = new CountDownLatch(1);
            Thread t = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // drain
                    }
                } catch (Exception ignored) {
                    // closed
                }
                done.countDown();
            });
            t.setDaemon(true);
            t.start();
            done.await();
            for (AutoCloseable s : subscriptions) {
                s.close();
            }
        }
    }

    /** What a test checks of an update: the fields areaDetector clients read, and a checksum of the array. */
    static JsonObject describe(String pv, PVAStructure data) {
        JsonObject o = new JsonObject();
        o.put("pv", pv);
        o.put("type", data.getStructureName());
        if (data.get("value") instanceof PVAUnion union) {
            PVAData value = union.get();
            o.put("member", value == null ? null : value.getName());
            if (value != null) {
                double[] values = toDoubles(value);
                double sum = 0;
                for (double v : values) {
                    sum += v;
                }
                o.put("n", values.length);
                o.put("sum", sum);
                o.put("first", values.length > 0 ? values[0] : null);
                o.put("last", values.length > 0 ? values[values.length - 1] : null);
            }
            List<Integer> dims = new ArrayList<>();
            for (PVAStructure d : ((PVAStructureArray) data.get("dimension")).get()) {
                dims.add(((PVAInt) d.get("size")).get());
            }
            o.put("dims", dims);
            o.put("uniqueId", ((PVAInt) data.get("uniqueId")).get());
            o.put("codec", ((PVAString) ((PVAStructure) data.get("codec")).get("name")).get());
            JsonObject attributes = new JsonObject();
            for (PVAStructure a : ((PVAStructureArray) data.get("attribute")).get()) {
                PVAData v = ((PVAny) a.get("value")).get();
                attributes.put(((PVAString) a.get("name")).get(), v instanceof PVANumber n ? n.getNumber()
                        : v instanceof PVAString s ? s.get() : String.valueOf(v));
            }
            o.put("attributes", attributes);
        } else if (data.get("value") instanceof PVANumber n) {
            o.put("value", n.getNumber());
            o.put("descriptor", ((PVAString) data.get("descriptor")).get());
        }
        return o;
    }

    private static double[] toDoubles(PVAData array) {
        if (array instanceof org.epics.pva.data.PVAShortArray a) {
            double[] d = new double[a.get().length];
            for (int i = 0; i < d.length; i++) {
                d[i] = a.isUnsigned() ? Short.toUnsignedInt(a.get()[i]) : a.get()[i];
            }
            return d;
        } else if (array instanceof org.epics.pva.data.PVAFloatArray a) {
            double[] d = new double[a.get().length];
            for (int i = 0; i < d.length; i++) {
                d[i] = a.get()[i];
            }
            return d;
        } else if (array instanceof org.epics.pva.data.PVADoubleArray a) {
            return a.get().clone();
        } else if (array instanceof org.epics.pva.data.PVAIntArray a) {
            double[] d = new double[a.get().length];
            for (int i = 0; i < d.length; i++) {
                d[i] = a.isUnsigned() ? Integer.toUnsignedLong(a.get()[i]) : a.get()[i];
            }
            return d;
        } else if (array instanceof org.epics.pva.data.PVAByteArray a) {
            double[] d = new double[a.get().length];
            for (int i = 0; i < d.length; i++) {
                d[i] = a.isUnsigned() ? Byte.toUnsignedInt(a.get()[i]) : a.get()[i];
            }
            return d;
        }
        throw new IllegalArgumentException("no checksum for " + array.getType());
    }
}
