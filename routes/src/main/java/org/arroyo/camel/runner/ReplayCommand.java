package org.arroyo.camel.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.arroyo.camel.recording.FramesCodec;
import org.arroyo.camel.recording.RecordingReader;
import org.arroyo.camel.recording.RunRecording;

/**
 * {@code arroyo replay FILE ADDRESS}: sends a recording's messages again, every frame byte for byte, through the
 * address's producer ({@code codec=frames}): as fast as it takes them, at {@code --rate} messages per second, or
 * {@code --as-recorded} with the recorded gaps between arrivals.
 */
final class ReplayCommand {

    static final String USAGE = """
              replay FILE ADDRESS  send a recording again, byte for byte; ADDRESS tcp://host:port (--socket-type
                                   PUB|PUSH|..., default PUB), an arroyo-zmq: / arroyo-redis: URI,
                                   redis://host:port/STREAM
                --rate HZ          messages per second (default: as fast as the address takes them)
                --as-recorded      keep the recorded time between messages
                --wait MS          wait before the first message, for peers to connect (default 1000 for
                                   ZeroMQ: subscribers miss what a PUB sends before they joined, and a socket
                                   closed before its connection took the messages may drop them; else 0)
            """;

    private static final String INPUT = "direct:arroyo-replay";

    private ReplayCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandOptions o;
        StreamAddress address;
        Pacing pacing;
        long waitMillis;
        RecordingReader reader;
        try {
            o = CommandOptions.parse("replay", List.of(args), Set.of("--socket-type", "--rate", "--wait"),
                    Set.of("--as-recorded"));
            if (o.positional().size() != 2) {
                throw new IllegalArgumentException("replay needs FILE and ADDRESS, got " + o.positional());
            }
            address = StreamAddress.of(o.positional().get(1), o.value("--socket-type", null), "PUB");
            pacing = Pacing.of(o.doubleValue("--rate", 0), o.has("--as-recorded"));
            waitMillis = o.longValue("--wait", address.uri().startsWith("arroyo-zmq:") ? 1000 : 0);
        } catch (IllegalArgumentException e) {
            err.println("arroyo: " + e.getMessage());
            return 2;
        }
        Path file = Path.of(o.positional().get(0));
        try {
            reader = RunRecording.open(file);
        } catch (IOException e) {
            err.println("arroyo replay: " + (e instanceof java.nio.file.NoSuchFileException ? "no such file: " + file
                    : e.getMessage()));
            return 2;
        }
        Main main = CommandMain.newMain(o.props());
        // a route, so the producer (a binding PUB's socket) is open before the wait for peers begins
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from(INPUT).routeId("replay").to(address.uri());
            }
        });
        AtomicInteger result = new AtomicInteger(1);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                Thread t = new Thread(() -> {
                    try {
                        result.set(replay(m.getCamelContext(), reader, address, pacing, waitMillis, out, err));
                    } finally {
                        main.completed();
                    }
                }, "arroyo-replay");
                t.setDaemon(true);
                t.start();
            }
        });
        out.println("arroyo replay: " + file + " -> " + address.uri() + " " + pacing);
        try (reader) {
            main.run();
        } catch (Exception e) {
            err.println("arroyo replay: " + RouteFiles.describe(e));
            return 1;
        }
        return result.get();
    }

    private static int replay(CamelContext context, RecordingReader reader, StreamAddress address, Pacing pacing,
                              long waitMillis, PrintStream out, PrintStream err) {
        if (waitMillis > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(waitMillis));
        }
        long sent = 0;
        long bytes = 0;
        long began = System.nanoTime();
        try (ProducerTemplate template = context.createProducerTemplate()) {
            long firstRecorded = 0;
            long firstSent = 0;
            for (Optional<RunRecording.Message> next = reader.next(); next.isPresent(); next = reader.next()) {
                RunRecording.Message message = next.get();
                if (sent > 0) {
                    pacing.await(firstSent, sent, message.epochNanos() - firstRecorded);
                }
                template.sendBody(INPUT, body(address, message.frames()));
                if (sent == 0) {
                    // the clock starts when the first message went: its send may have waited for a peer
                    firstRecorded = message.epochNanos();
                    firstSent = System.nanoTime();
                }
                sent++;
                bytes += message.size();
            }
        } catch (Exception e) {
            err.println("arroyo replay: stopped after " + sent + " messages: " + RouteFiles.describe(e));
            return 1;
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        out.printf(Locale.ROOT, "arroyo replay: %d messages (%.1f MB) sent in %.2f s%s%n", sent, bytes / 1e6, seconds,
                reader.isTruncated() ? "; the file's last message was cut short and is left out" : "");
        return 0;
    }

    /** What the producer sends: the frames as they were (arroyo endpoints), else the one frame's bytes. */
    private static Object body(StreamAddress address, List<ByteBuffer> frames) {
        if (address.arroyo()) {
            return FramesCodec.event(frames);
        }
        if (frames.size() != 1) {
            throw new IllegalArgumentException("a message of " + frames.size() + " frames cannot be one body of "
                                               + address.uri() + "; replay it to an arroyo-zmq or arroyo-redis address");
        }
        ByteBuffer only = frames.get(0);
        byte[] bytes = new byte[only.remaining()];
        only.duplicate().get(bytes);
        return bytes;
    }

    /** When each message is sent: at once, at a fixed rate, or as far from the first as it was when recorded. */
    record Pacing(long periodNanos, boolean asRecorded) {

        static Pacing of(double rate, boolean asRecorded) {
            if (rate < 0) {
                throw new IllegalArgumentException("--rate must be above 0, got " + rate);
            }
            if (rate > 0 && asRecorded) {
                throw new IllegalArgumentException("--rate and --as-recorded exclude each other");
            }
            return new Pacing(rate > 0 ? (long) (1e9 / rate) : 0, asRecorded);
        }

        /** Waits until message {@code index} is due, the first having been sent at {@code firstSent}. */
        void await(long firstSent, long index, long recordedOffset) {
            long due = asRecorded ? firstSent + recordedOffset : firstSent + index * periodNanos;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
        }

        @Override
        public String toString() {
            return asRecorded ? "(as recorded)" : periodNanos > 0
                    ? String.format(Locale.ROOT, "(%.1f messages/s)", 1e9 / periodNanos) : "(as fast as taken)";
        }
    }
}
