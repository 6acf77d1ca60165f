package org.arroyo.camel.bench.zmq;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Recorder;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The harness's own sockets around the hop under test: a source that sends (as fast as it can, or paced at a fixed
 * rate with the scheduled send time stamped in the first 8 bytes) and sinks that count (and record latency). Each
 * owns its socket on its own thread; all waits are bounded by a 100 ms socket timeout so stop never hangs.
 */
public final class Ends {

    static final int TICK_MILLIS = 100;

    private Ends() {
    }

    /** A socket with the raw-side settings: a short handshake interval (jeromq#1022), no linger. */
    static ZMQ.Socket socket(ZContext ctx, SocketType type, int hwm) {
        ZMQ.Socket s = ctx.createSocket(type);
        s.setLinger(0);
        s.setHandshakeIvl(1000);
        s.setSndHWM(hwm);
        s.setRcvHWM(hwm);
        s.setSendTimeOut(TICK_MILLIS);
        s.setReceiveTimeOut(TICK_MILLIS);
        return s;
    }

    /** A thread owning one socket; started with {@link #start()}, which returns once the socket is bound. */
    abstract static class End implements AutoCloseable {
        protected final ZContext ctx;
        protected volatile boolean running = true;
        private final CountDownLatch ready = new CountDownLatch(1);
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile Throwable failure;
        private volatile boolean started;
        private final String name;

        End(ZContext ctx, String name) {
            this.ctx = ctx;
            this.name = name;
        }

        void start() throws InterruptedException {
            started = true;
            Thread t = new Thread(() -> {
                ZMQ.Socket s = null;
                try {
                    s = open();
                    ready.countDown();
                    loop(s);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    if (s != null) {
                        s.close();
                    }
                    ready.countDown();
                    done.countDown();
                }
            }, name);
            t.setDaemon(true);
            t.start();
            if (!ready.await(10, TimeUnit.SECONDS) || failure != null) {
                throw new IllegalStateException(name + " did not open its socket: " + failure);
            }
        }

        protected abstract ZMQ.Socket open();

        protected abstract void loop(ZMQ.Socket s);

        Throwable failure() {
            return failure;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            if (started && !done.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not stop within 5 s");
            }
        }
    }

    /** PUSH, bound: sends one payload again and again (saturation) or fresh stamped payloads at a rate. */
    static final class Source extends End {
        private final String address;
        private final int hwm;
        private final byte[] payload;
        private final int size;
        private final double hz;
        private boolean connects;
        final AtomicLong sent = new AtomicLong();

        private Source(ZContext ctx, String address, int hwm, byte[] payload, int size, double hz) {
            super(ctx, "bench-source");
            this.address = address;
            this.hwm = hwm;
            this.payload = payload;
            this.size = size;
            this.hz = hz;
        }

        /** Connects to a hop that binds its input (a runner relaying routes/zmq-relay.yaml) instead of binding. */
        Source connecting() {
            connects = true;
            return this;
        }

        static Source saturating(ZContext ctx, String address, int hwm, int size) {
            return new Source(ctx, address, hwm, new byte[size], size, 0);
        }

        /** Sends this one message again and again, as fast as the hop takes it. */
        static Source repeating(ZContext ctx, String address, int hwm, byte[] message) {
            return new Source(ctx, address, hwm, message, message.length, 0);
        }

        static Source paced(ZContext ctx, String address, int hwm, int size, double hz) {
            return new Source(ctx, address, hwm, null, Math.max(8, size), hz);
        }

        @Override
        protected ZMQ.Socket open() {
            ZMQ.Socket s = socket(ctx, SocketType.PUSH, hwm);
            if (connects) {
                s.connect(address);
            } else {
                s.bind(address);
            }
            return s;
        }

        @Override
        protected void loop(ZMQ.Socket s) {
            if (hz <= 0) {
                while (running) {
                    if (s.send(payload, 0)) {
                        sent.incrementAndGet();
                    }
                }
                return;
            }
            // open loop: message i is due at start + i * period whatever happened to earlier ones, so a stall shows
            // up as latency of the messages scheduled during it (no coordinated omission)
            long period = (long) (1e9 / hz);
            long start = System.nanoTime() + 1_000_000;
            for (long i = 0; running; i++) {
                long due = start + i * period;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                // a fresh array each time: JeroMQ keeps a reference until the bytes are on the wire
                byte[] m = new byte[size];
                ByteBuffer.wrap(m).putLong(0, due);
                while (running && !s.send(m, 0)) {
                    // at the high-water mark: keep trying, the lateness is part of the latency
                }
                sent.incrementAndGet();
            }
        }
    }

    /** PULL (bound) or SUB (connected): counts messages and bytes; optionally records latency or sleeps per message. */
    static final class Sink extends End {
        private final SocketType type;
        private final String address;
        private final int hwm;
        private final long delayNanos;
        private final Recorder latency;
        final AtomicLong messages = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        Sink(ZContext ctx, SocketType type, String address, int hwm, long delayNanos, boolean recordLatency) {
            super(ctx, "bench-sink");
            this.type = type;
            this.address = address;
            this.hwm = hwm;
            this.delayNanos = delayNanos;
            this.latency = recordLatency ? new Recorder(3) : null;
        }

        @Override
        protected ZMQ.Socket open() {
            ZMQ.Socket s = socket(ctx, type, hwm);
            if (type == SocketType.SUB) {
                s.subscribe(ZMQ.SUBSCRIPTION_ALL);
                s.connect(address);
            } else {
                s.bind(address);
            }
            return s;
        }

        @Override
        protected void loop(ZMQ.Socket s) {
            while (running) {
                byte[] m = s.recv(0);
                if (m == null) {
                    continue;
                }
                if (latency != null && m.length >= 8) {
                    latency.recordValue(Math.max(0, System.nanoTime() - ByteBuffer.wrap(m).getLong(0)));
                }
                messages.incrementAndGet();
                bytes.addAndGet(m.length);
                if (delayNanos > 0) {
                    LockSupport.parkNanos(delayNanos);
                }
            }
        }

        Recorder latency() {
            return latency;
        }

        /** Waits until at least one message arrived; false after the timeout. */
        boolean awaitFirst(long timeoutMillis) throws InterruptedException {
            long end = System.currentTimeMillis() + timeoutMillis;
            while (messages.get() == 0) {
                if (System.currentTimeMillis() > end || !running) {
                    return false;
                }
                Thread.sleep(10);
            }
            return true;
        }
    }
}
