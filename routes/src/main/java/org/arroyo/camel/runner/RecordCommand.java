package org.arroyo.camel.runner;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.arroyo.camel.recording.Recorder;

/**
 * {@code arroyo record ADDRESS FILE}: receives a stream and writes every message, all its frames as received, with
 * its arrival time into a recording file, until Ctrl-C / SIGTERM (or {@code --count} messages). The route is the
 * address's consumer with {@code codec=frames} into a {@link Recorder}.
 */
final class RecordCommand {

    static final String USAGE = """
              record ADDRESS FILE  record a stream into FILE (every frame as received, with arrival times) until
                                   Ctrl-C; ADDRESS tcp://host:port (--socket-type SUB|PULL|PAIR|DEALER|ROUTER,
                                   default SUB), an arroyo-zmq: / arroyo-redis: URI, redis://host:port/STREAM
                --count N          stop after N messages
                --buffer-mb MB     memory for messages waiting for the disk (default 256); beyond, drop and count
            """;

    private static final long DEFAULT_BUFFER_MB = 256;
    /** The consumer group a recorder reads a Redis stream in, unless its URI names one. */
    static final String RECORDER_GROUP = "arroyo-recorder";

    private RecordCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandOptions o;
        StreamAddress address;
        Path file;
        long count;
        long buffer;
        try {
            o = CommandOptions.parse("record", List.of(args), Set.of("--socket-type", "--count", "--buffer-mb"), Set.of());
            if (o.positional().size() != 2) {
                throw new IllegalArgumentException("record needs ADDRESS and FILE, got " + o.positional());
            }
            address = recorderGroup(StreamAddress.of(o.positional().get(0), o.value("--socket-type", null),
                    "SUB"));
            file = Path.of(o.positional().get(1)).toAbsolutePath();
            if (!Files.isDirectory(file.getParent())) {
                throw new IllegalArgumentException("no such directory for FILE: " + file.getParent());
            }
            count = o.longValue("--count", 0);
            buffer = bufferBytes(o.longValue("--buffer-mb", DEFAULT_BUFFER_MB));
        } catch (IllegalArgumentException e) {
            err.println("arroyo: " + e.getMessage());
            return 2;
        }
        Main main = CommandMain.newMain(o.props());
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("source", o.positional().get(0));
        header.put("endpoint", address.uri());
        Recorder recorder = new Recorder(file, header, buffer, count, main::completed);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                getContext().addService(recorder, true);
                from(address.uri()).routeId("record").process(recorder);
            }
        });
        AtomicBoolean reported = new AtomicBoolean();
        long started = System.nanoTime();
        // SIGTERM: camel-main stops the routes, then the recorder writes what is queued and its summary; the JVM must
        // not end before that
        Thread hook = new Thread(() -> {
            main.completed();
            try {
                if (recorder.awaitClosed(60, TimeUnit.SECONDS)) {
                    report(recorder, started, reported, out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "arroyo-record-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("arroyo record: " + address.uri() + " -> " + file
                    + (count > 0 ? " (" + count + " messages)" : " (until Ctrl-C)"));
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "arroyo-record-progress");
            t.setDaemon(true);
            return t;
        });
        progress.scheduleAtFixedRate(() -> out.printf(Locale.ROOT, "  recorded %d messages (%.1f MB), dropped %d,"
                                                                  + " waiting for the disk %.1f MB%n",
                recorder.written(), recorder.writtenBytes() / 1e6, recorder.dropped(), recorder.queuedBytes() / 1e6),
                5, 5, TimeUnit.SECONDS);
        try {
            main.run();
        } catch (Exception e) {
            err.println("arroyo record: " + RouteFiles.describe(e));
            return 1;
        } finally {
            progress.shutdownNow();
            removeHook(hook);
        }
        report(recorder, started, reported, out);
        return recorder.writeError() == null ? 0 : 1;
    }

    private static void report(Recorder recorder, long started, AtomicBoolean reported, PrintStream out) {
        if (!reported.compareAndSet(false, true)) {
            return;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "arroyo record: %d messages (%.1f MB) in %.1f s into %s; dropped %d (%d bytes)%s%n",
                recorder.written(), recorder.writtenBytes() / 1e6, seconds, recorder.file(), recorder.dropped(),
                recorder.droppedBytes(), recorder.writeError() == null ? "" : "; writing failed: "
                                                                              + recorder.writeError());
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it reports
        }
    }

    /**
     * A Redis stream is read in a consumer group of the recorder's own unless the URI names one: in the component's
     * default group the recorder would take entries away from the workers that share it.
     */
    static StreamAddress recorderGroup(StreamAddress address) {
        if (address.uri().startsWith("arroyo-redis:") && !address.uri().matches(".*[?&]group=.*")) {
            return new StreamAddress(address.uri() + "&group=" + RECORDER_GROUP, true);
        }
        return address;
    }

    /** The buffer in bytes, at most half the heap so that queued frames cannot exhaust it. */
    private static long bufferBytes(long megabytes) {
        if (megabytes <= 0) {
            throw new IllegalArgumentException("--buffer-mb must be above 0, got " + megabytes);
        }
        return Math.min(megabytes << 20, Runtime.getRuntime().maxMemory() / 2);
    }
}
