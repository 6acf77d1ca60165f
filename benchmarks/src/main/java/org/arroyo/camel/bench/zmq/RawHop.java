package org.arroyo.camel.bench.zmq;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The baseline hop: one thread with a PULL and a PUSH (or PUB) socket copying each message from one to the other
 * through plain {@code recv}/{@code send}, on its own ZContext with one I/O thread like our component's.
 */
final class RawHop implements Hop {

    private final String in;
    private final String out;
    private final SocketType outType;
    private final int hwm;
    private ZContext ctx;
    private Relay relay;

    RawHop(String in, String out, SocketType outType, int hwm) {
        this.in = in;
        this.out = out;
        this.outType = outType;
        this.hwm = hwm;
    }

    @Override
    public void start() throws Exception {
        ctx = new ZContext(1);
        relay = new Relay();
        relay.start();
    }

    @Override
    public void close() throws Exception {
        try {
            if (relay != null) {
                relay.close();
            }
        } finally {
            ctx.close();
        }
    }

    private final class Relay extends Ends.End {
        private ZMQ.Socket push;

        Relay() {
            super(RawHop.this.ctx, "raw-relay");
        }

        @Override
        protected ZMQ.Socket open() {
            ZMQ.Socket pull = Ends.socket(ctx, SocketType.PULL, hwm);
            pull.connect(in);
            push = Ends.socket(ctx, outType, hwm);
            // PUB binds (its subscribers come and go); PUSH connects to the sink that stays up
            if (outType == SocketType.PUB) {
                push.bind(out);
            } else {
                push.connect(out);
            }
            return pull;
        }

        @Override
        protected void loop(ZMQ.Socket pull) {
            try {
                while (running) {
                    byte[] m = pull.recv(0);
                    if (m == null) {
                        continue;
                    }
                    int flags = pull.hasReceiveMore() ? ZMQ.SNDMORE : 0;
                    while (!push.send(m, flags) && running) {
                        // at the high-water mark (PUSH): wait for room like a blocking relay would
                    }
                }
            } finally {
                push.close();
            }
        }
    }
}
