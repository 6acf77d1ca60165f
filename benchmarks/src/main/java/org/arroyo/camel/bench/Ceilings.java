package org.arroyo.camel.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What this machine can do at best, measured in the same run: single-thread memory copy bandwidth and one TCP
 * loopback stream with plain java.net sockets. Reported with no baseline (raw column empty).
 */
final class Ceilings {

    private static final int COPY_BYTES = 64 << 20;
    private static final int CHUNK = 1 << 20;

    private Ceilings() {
    }

    static void run(Mode mode, Consumer<Row> out) {
        try {
            out.accept(new Row("ceiling", "64 MiB", "memcpy MB/s (1 thread)", memcpy(mode.ceilingMillis()),
                    Double.NaN));
        } catch (RuntimeException e) {
            out.accept(Row.failed("ceiling memcpy", "64 MiB", e.toString()));
        }
        try {
            out.accept(new Row("ceiling", "1 MiB", "TCP loopback MB/s (java.net)", tcp(mode.ceilingMillis()),
                    Double.NaN));
        } catch (Exception e) {
            out.accept(Row.failed("ceiling tcp", "1 MiB", e.toString()));
        }
    }

    static double memcpy(long millis) {
        byte[] src = new byte[COPY_BYTES];
        byte[] dst = new byte[COPY_BYTES];
        // one pass to fault the pages in and warm the loop
        System.arraycopy(src, 0, dst, 0, COPY_BYTES);
        long copied = 0;
        long t0 = System.nanoTime();
        long end = t0 + millis * 1_000_000;
        while (System.nanoTime() < end) {
            System.arraycopy(src, 0, dst, 0, COPY_BYTES);
            copied += COPY_BYTES;
        }
        return copied / ((System.nanoTime() - t0) / 1e9) / 1e6;
    }

    static double tcp(long millis) throws Exception {
        AtomicLong received = new AtomicLong();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            accepted.setSoTimeout(5000);
            Thread reader = new Thread(() -> {
                byte[] buf = new byte[CHUNK];
                try (InputStream in = accepted.getInputStream()) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        received.addAndGet(n);
                    }
                } catch (IOException e) {
                    // closed at the end of the run
                }
            }, "ceiling-tcp-reader");
            reader.setDaemon(true);
            reader.start();
            byte[] chunk = new byte[CHUNK];
            OutputStream os = client.getOutputStream();
            long warmEnd = System.nanoTime() + millis * 300_000;
            while (System.nanoTime() < warmEnd) {
                os.write(chunk);
            }
            long r0 = received.get();
            long t0 = System.nanoTime();
            long end = t0 + millis * 1_000_000;
            while (System.nanoTime() < end) {
                os.write(chunk);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            return (received.get() - r0) / secs / 1e6;
        }
    }
}
